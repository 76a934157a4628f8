#!/usr/bin/env bash
# Time to first meaningful paint of the dashboard's map on the example (docs/benchmarks.md):
# builds the CLI and web/, serves the example with its observations on loopback, and loads the
# map N times in headless Chromium (bench/web_paint.mjs).
# Usage: bench/web_paint.sh [--runs N] [--json]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build release guarantor >/dev/null
scripts/build-web --quiet
[[ -x /usr/bin/chromium ]] || scripts/setup --quiet
bin=build/release/apps/guarantor/guarantor
work=$(mktemp -d)
server=""
trap '[[ -n $server ]] && kill $server 2>/dev/null; rm -rf "$work"' EXIT
"$bin" serve --scenario examples/paris-2026 --data "$work/data" --port 0 --json \
  --token-for-demo hq:hq --web web/dist >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 300); do [[ -s $work/serve.out ]] && break; sleep 0.1; done
url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$work/serve.out")
token=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$work/serve.out")
[[ -n $url ]] || { echo "serve did not start: $(cat "$work/serve.err")" >&2; exit 1; }
curl -sS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' \
  --data-binary @examples/paris-2026/observations.jsonl "$url/v1/observations"
for _ in $(seq 1 300); do
  curl -sS -H "Authorization: Bearer $token" "$url/metrics" | grep -q '^guarantor_engine_observations_queued 0$' && break
  sleep 0.1
done
node bench/web_paint.mjs --url "$url" --token "$token" "$@"
