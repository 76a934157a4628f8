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
source scripts/lib/serve.sh
serve_start "$bin" "$work/serve" --scenario examples/paris-2026 --data "$work/data" --port 0 \
  --token-for-demo hq:hq --web web/dist || { server=$serve_pid; echo "web_paint: $serve_error" >&2; exit 1; }
server=$serve_pid url=$serve_url token=$serve_token
curl -sS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' \
  --data-binary @examples/paris-2026/observations.jsonl "$url/v1/observations"
for _ in $(seq 1 300); do
  curl -sS -H "Authorization: Bearer $token" "$url/metrics" | grep -q '^guarantor_engine_observations_queued 0$' && break
  sleep 0.1
done
node bench/web_paint.mjs --url "$url" --token "$token" "$@"
