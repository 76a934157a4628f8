#!/usr/bin/env bash
# The web dashboard end to end (docs/web.md): builds web/, starts `guarantor serve --web` on
# loopback with the example's observations, monitoring gaps (when the server takes them) and
# asset placements, adds a user per role, and drives Debian's Chromium headless through
# web/e2e/dashboard.test.mjs (node:test + playwright-core). Installs chromium through apt when it
# is missing. Screenshots go to $ARTIFACT_DIR (default: the fourth argument).
# Usage: web_dashboard_test.sh GUARANTOR SOURCE_DIR WORK_DIR [ARTIFACT_DIR]
set -euo pipefail
bin=$1 src=$2 work=$3
artifacts=${ARTIFACT_DIR:-${4:-$work/artifacts}}
rm -rf "$work" && mkdir -p "$work" "$artifacts"
cd "$src"
ex=examples/paris-2026
server_pid=""
cleanup() { if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  [[ -s $work/serve.err ]] && { echo "--- serve's errors"; tail -5 "$work/serve.err"; }
  exit 1
}

chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium ]]; then
  echo "web dashboard: installing chromium (apt)"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends chromium; } >"$work/apt.log" 2>&1 ||
    fail "could not install chromium: $(tail -3 "$work/apt.log")"
fi
scripts/build-web --quiet || fail "scripts/build-web"

source scripts/lib/serve.sh
serve_start "$bin" "$work/serve" --scenario $ex --data "$work/data" --port 0 --token-for-demo hq:hq \
  --web web/dist || { server_pid=$serve_pid; fail "$serve_error"; }
server_pid=$serve_pid url=$serve_url hq=$serve_token
[[ $url == http://127.0.0.1:* ]] || fail "serve is not on loopback: $url"

post() {  # path, file: JSON Lines as the HQ
  curl -sS -o "$work/post.out" -w '%{http_code}' -H "Authorization: Bearer $hq" \
    -H 'Content-Type: application/x-ndjson' --data-binary "@$2" "$url$1"
}
code=$(post /v1/observations $ex/observations.jsonl) || fail "POST observations: $code"
[[ $code == 200 ]] || fail "POST observations answered $code: $(cat "$work/post.out")"
gaps=0
code=$(post /v1/gaps $ex/gaps.jsonl) || true
if [[ $code == 200 ]]; then gaps=1; else echo "web dashboard: POST /v1/gaps answered $code: the map is tested without gaps"; fi
code=$(post /v1/assets $ex/assets.jsonl) || fail "POST assets: $code"
[[ $code == 200 ]] || fail "POST assets answered $code: $(cat "$work/post.out")"

token_of() {  # id role organisation
  "$bin" users add --data "$work/data" --id "$1" --role "$2" --organisation "$3" --json |
    sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
commission=$(token_of c1 commission commission)
commission2=$(token_of c2 commission commission)
fr=$(token_of fr-1 delegation FR)
be=$(token_of be-1 delegation BE)
public=$(token_of pub-1 public public)
[[ -n $commission && -n $commission2 && -n $fr && -n $be && -n $public ]] || fail "guarantor users add printed no token"

# The engine folds behind ingest: wait until every observation is folded.
for _ in $(seq 1 300); do
  metrics=$(curl -sS -H "Authorization: Bearer $hq" "$url/metrics")
  if grep -q '^guarantor_engine_observations_folded 652$' <<<"$metrics" &&
     grep -q '^guarantor_engine_observations_queued 0$' <<<"$metrics"; then
    break
  fi
  sleep 0.1
done

cd web
GUARANTOR_URL=$url HQ_TOKEN=$hq COMMISSION_TOKEN=$commission COMMISSION2_TOKEN=$commission2 FR_TOKEN=$fr BE_TOKEN=$be \
  PUBLIC_TOKEN=$public GAPS=$gaps CHROMIUM=$chromium ARTIFACT_DIR=$artifacts \
  node --test --test-reporter=spec e2e/dashboard.test.mjs
