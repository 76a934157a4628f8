# Sourced, not run: starting `guarantor serve` in the background and waiting until it serves,
# for the scripts, tests and benchmarks that need a live server.
#
#   source scripts/lib/serve.sh
#   serve_start "$bin" "$work/serve" --scenario examples/paris-2026 --data "$work/data" \
#     --port 0 --token-for-demo hq:hq || { echo "$serve_error" >&2; exit 1; }
#   curl -H "Authorization: Bearer $serve_token" "$serve_url/v1/whoami"
#   kill "$serve_pid"
#
# serve_start BIN OUT ARGS... runs `BIN serve ARGS... --json` with its standard output in OUT.out
# and its errors in OUT.err, and sets serve_pid at once. Once the server printed its URL (its
# engine's state rebuilt and its port bound) it sets serve_url and serve_token (empty without
# --token-for-demo) and returns 0. When the server exits first, or prints nothing within 30 s,
# it returns 1 with the reason (and the server's last errors) in serve_error; the caller stops
# the server.
serve_start() {
  local bin=$1 out=$2
  shift 2
  "$bin" serve "$@" --json >"$out.out" 2>"$out.err" &
  serve_pid=$!
  serve_url="" serve_token="" serve_error=""
  for _ in $(seq 1 300); do
    serve_url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$out.out")
    if [[ -n $serve_url ]]; then
      serve_token=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$out.out")
      return 0
    fi
    if ! kill -0 "$serve_pid" 2>/dev/null; then
      serve_error="serve exited: $(tail -5 "$out.err")"
      return 1
    fi
    sleep 0.1
  done
  serve_error="serve printed no URL within 30 s: $(tail -5 "$out.err")"
  return 1
}
