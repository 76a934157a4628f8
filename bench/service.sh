#!/usr/bin/env bash
# The HTTP service benchmark (docs/benchmarks.md), in one run, side by side:
#   ingest   `guarantor serve` taking a simulated stream through POST /v1/observations from
#            ingest_client in batches of 10,000, over 1 and 2 connections, into SQLite and into
#            PostgreSQL (a private server, scripts/postgres: fsync off, see there), each on a
#            fresh store;
#   store    the store alone (store_bench: the same batches without HTTP, decoding or the engine),
#            for both backends, so that what HTTP and the server add is visible;
#   queries  wrk with 200 connections and 2 threads over a mix of read endpoints (violations by
#            area, incidents by time window and kind, observation pages, cases, activations,
#            whoami), on SQLite, on the example theatre (the target's) and on a 10-day simulated
#            one: a closed loop, each connection sending its next request when the last is
#            answered (saturation); then, on the 10-day theatre, query_load: the same mix over 200
#            connections at fixed offered rates (open loop, latency from each request's due
#            time), rising until the server falls behind. With each theatre's queries: the
#            server's resident memory once it holds the theatre, beside the size of its records'
#            text, which waits on disk (docs/service.md §1).
# The servers run with --rate 1000000 (no per-token limit in the way) and --threads 256. Client
# and server share the machine: the figures are for both on the same cores.
#
# Usage: bench/service.sh [--quick] [--out DIR]
#   --quick   100k observations instead of 1M, queries for 5 s instead of 20 s
#   --out     where service.md (the table) and service.json go (default build/bench-service)
# Prints the Markdown table on standard output; progress lines on a terminal only.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/serve.sh
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
quick=0
out=build/bench-service
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) quick=1; shift ;;
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
if [[ $quick -eq 1 ]]; then
  n=100000 sim_days=1 sim_rate=60000 query_seconds=5 query_rate=1000 store_batches=10 open_seconds=4
else
  n=1000000 sim_days=4 sim_rate=150000 query_seconds=20 query_rate=10000 store_batches=100 open_seconds=10
fi
progress() { if [[ -t 2 ]]; then echo "service bench: $*" >&2; fi; }
for tool in wrk curl psql; do
  command -v $tool >/dev/null || { echo "service bench: $tool is not installed (scripts/setup installs it)" >&2; exit 1; }
done

progress "building guarantor, ingest_client, store_bench"
scripts/build release guarantor ingest_client store_bench query_load >/dev/null
bin=build/release/apps/guarantor/guarantor
client=build/release/bench/ingest_client
store_bench=build/release/bench/store_bench
query_load=build/release/bench/query_load
scenario=examples/paris-2026
mkdir -p "$out"
work=$(mktemp -d /tmp/guarantor-service-bench.XXXXXX)
chmod 755 "$work"  # the PostgreSQL server runs as the postgres user when this runs as root
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  scripts/postgres stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# Starts serve with the given store arguments; sets server_pid, url and token.
start_server() {  # name, serve arguments...
  local name=$1
  shift
  serve_start "$bin" "$work/serve-$name" --scenario $scenario --port 0 --token-for-demo hq:hq \
    --rate 1000000 --threads 256 "$@" ||
    { server_pid=$serve_pid; echo "service bench: serve ($name): $serve_error" >&2; exit 1; }
  server_pid=$serve_pid url=$serve_url token=$serve_token
}
stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" || { echo "service bench: serve did not stop cleanly" >&2; exit 1; }
  server_pid=""
}
field() { sed -n "s/.*\"$1\":\([0-9.eE+-]*\).*/\1/p"; }  # a number from one JSON line

progress "simulating $n observations"
"$bin" simulate --scenario $scenario --days $sim_days --seed 7 --events-per-day $sim_rate \
  --out "$work/sim" --quiet >/dev/null
head -n $n "$work/sim/observations.jsonl" >"$work/load.jsonl"
rm -rf "$work/sim"
[[ $(wc -l <"$work/load.jsonl") -eq $n ]] || { echo "service bench: the simulation is short of $n observations" >&2; exit 1; }

progress "starting PostgreSQL"
pg_port=""
for _ in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 20000))
  if scripts/postgres start "$work/pg" "$port" >/dev/null 2>"$work/pg-start.err"; then pg_port=$port; break; fi
  scripts/postgres stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work/pg"
done
[[ -n $pg_port ]] || { echo "service bench: PostgreSQL did not start: $(cat "$work/pg-start.err")" >&2; exit 1; }
createdb() {
  PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -p "$pg_port" -U postgres -qAt \
    -v ON_ERROR_STOP=1 -c "CREATE DATABASE $1" postgres >/dev/null
  echo "postgresql://postgres@127.0.0.1:$pg_port/$1"
}

# Ingest over HTTP: backend x connections, each on a fresh store.
declare -A ingest
for backend in sqlite postgresql; do
  for c in 1 2; do
    progress "ingest over HTTP: $backend, $c connection(s)"
    store_args=(--data "$work/data-$backend-$c")
    [[ $backend == postgresql ]] && store_args+=(--db "$(createdb "ingest_$c")")
    start_server "$backend-$c" "${store_args[@]}"
    sync  # the previous run's writes reach the disk now, not during this run's fsyncs
    "$client" "$url" "$work/load.jsonl" --token "$token" --batch 10000 --connections $c --json \
      >"$work/ingest-$backend-$c.json"
    stop_server
    ingest[$backend-$c]=$(cat "$work/ingest-$backend-$c.json")
  done
done

# The store alone: the same number of observations in batches of 10,000.
declare -A store_rate
progress "store alone: sqlite"
sync
store_rate[sqlite]=$("$store_bench" --db "$work/store-sqlite" --batches $store_batches | sed -n 's/.*: \([0-9]*\) obs\/s$/\1/p')
progress "store alone: postgresql"
sync
store_rate[postgresql]=$("$store_bench" --db "$(createdb store_bench)" --batches $store_batches | sed -n 's/.*: \([0-9]*\) obs\/s$/\1/p')
scripts/postgres stop "$work/pg"

# Queries, on SQLite. The read mix is one request path per line, shared by wrk (closed loop) and
# query_load (open loop); its time windows fall on the theatre's days (February 1 to N).
cat >"$work/mix.lua" <<'LUA'
-- The paths of GUARANTOR_PATHS, rotated per request; every request carries the bearer token.
local token = os.getenv("GUARANTOR_TOKEN")
local paths = {}
for line in io.lines(os.getenv("GUARANTOR_PATHS")) do paths[#paths + 1] = line end
local headers = {["Authorization"] = "Bearer " .. token}
local i = 0
function init(args) i = math.random(#paths) end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], headers)
end
LUA
to_ms() {  # wrk's "1.23ms" / "456.78us" / "1.02s" -> milliseconds
  awk -v v="$1" 'BEGIN { u = v; sub(/^[0-9.]+/, "", u); x = v + 0
    printf "%.2f", u == "us" ? x / 1000 : u == "s" ? x * 1000 : u == "m" ? x * 60000 : x }'
}
# Serves NAME's observations file, waits until the engine folded it, writes the mix to
# $work/paths-NAME and runs wrk over it; sets closed[NAME] to a JSON object of the figures.
# Leaves the server running.
declare -A closed
serve_theatre() {  # name, observations file, days
  local name=$1 file=$2 days=$3 count folded=0 counts incidents cases text_mb text_memory_mb rss_mb
  count=$(wc -l <"$file")
  progress "queries ($name): ingesting $count observations"
  start_server "queries-$name" --data "$work/data-queries-$name"
  "$client" "$url" "$file" --token "$token" --batch 10000 --json >/dev/null
  for _ in $(seq 1 600); do
    folded=$(curl -sS -H "Authorization: Bearer $token" "$url/metrics" |
      sed -n 's/^guarantor_engine_observations_folded \([0-9]*\)$/\1/p')
    [[ $folded == "$count" ]] && break
    sleep 0.1
  done
  counts=$(curl -sS -H "Authorization: Bearer $token" "$url/metrics" | awk '
    /^guarantor_incidents / { i = $2 } /^guarantor_cases / { c = $2 }
    /^guarantor_record_text_bytes / { t = $2 } /^guarantor_record_text_memory_bytes / { m = $2 }
    END { printf "%d %d %.1f %.1f\n", i, c, t / 1048576, m / 1048576 }')
  read -r incidents cases text_mb text_memory_mb <<<"$counts"
  # The server's resident memory once it holds the theatre, before any query.
  rss_mb=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status")
  {
    areas=("30,45,40,50" "32,46,34,47.5" "35,47,38,48.5" "31.5,46.3,33,47")
    kinds=(artillery_fire drone_strike mortar_fire small_arms_fire)
    for i in $(seq 1 10); do
      d=$(printf "%02d" $(((i - 1) % days + 1)))
      echo "/v1/incidents?from=2026-02-${d}T00:00:00Z&to=2026-02-${d}T06:00:00Z&kind=${kinds[$((i % 4))]}&limit=50"
      echo "/v1/violations?bbox=${areas[$((i % 4))]}&limit=50"
      echo "/v1/observations?limit=100&after=$(((count - 100) * i / 10))"
      if ((i % 2 == 0)); then echo "/v1/cases?limit=20"; fi
      if ((i % 5 == 0)); then echo "/v1/activations"; echo "/v1/whoami"; fi
    done
  } >"$work/paths-$name"
  # One query of each kind answers 200 before the run (else wrk would time error replies).
  local path answer
  for path in "$(head -1 "$work/paths-$name")" "/v1/violations?bbox=30,45,40,50&limit=50" \
    "/v1/observations?limit=100&after=0" "/v1/cases?limit=20" /v1/activations /v1/whoami; do
    if ! answer=$(curl -sS --fail-with-body -H "Authorization: Bearer $token" "$url$path" 2>&1); then
      echo "service bench: GET $path: $answer" >&2
      exit 1
    fi
  done
  # --timeout 30s: a slow answer is timed, not dropped from the percentiles as a timeout.
  progress "queries ($name): wrk, 200 connections, 2 threads, ${query_seconds} s"
  GUARANTOR_TOKEN=$token GUARANTOR_PATHS=$work/paths-$name wrk -t 2 -c 200 -d "${query_seconds}s" \
    --timeout 30s --latency -s "$work/mix.lua" "$url" >"$work/wrk-$name.txt" 2>&1
  cp "$work/wrk-$name.txt" "$out/wrk-$name.txt"
  local non2xx errors
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$work/wrk-$name.txt")
  errors=$(awk '/Socket errors:/ { $1 = $2 = ""; sub(/^ +/, ""); print }' "$work/wrk-$name.txt")
  closed[$name]=$(printf '{"observations":%s,"incidents":%s,"cases":%s,"rss_mb":%s,"record_text_mb":%s,"record_text_memory_mb":%s,"requests_per_s":%s,"p50_ms":%s,"p90_ms":%s,"p99_ms":%s,"non_2xx":%s,"socket_errors":"%s"}' \
    "$count" "$incidents" "$cases" "$rss_mb" "$text_mb" "$text_memory_mb" "$(awk '$1 == "Requests/sec:" { print $2 }' "$work/wrk-$name.txt")" \
    "$(to_ms "$(awk '$1 == "50%" { print $2 }' "$work/wrk-$name.txt")")" \
    "$(to_ms "$(awk '$1 == "90%" { print $2 }' "$work/wrk-$name.txt")")" \
    "$(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk-$name.txt")")" "${non2xx:-0}" "${errors:-none}")
}

# The example theatre (the target's): the example's own observations.
serve_theatre example "$scenario/observations.jsonl" 3
stop_server
# A 10-day simulated theatre, larger by far: closed loop, then the open loop.
progress "queries: simulating a 10-day theatre"
"$bin" simulate --scenario $scenario --days 10 --seed 11 --events-per-day $query_rate \
  --out "$work/theatre" --quiet >/dev/null
serve_theatre theatre "$work/theatre/observations.jsonl" 10
# Open loop: the same mix offered at fixed rates over 200 connections, latency from due times,
# rising until the server no longer keeps up or p99 passes 100 ms.
open_loop=()
for offered in 500 1000 2000 3000 4000 6000 8000; do
  progress "queries: open loop, 200 connections, $offered requests/s"
  answer=$("$query_load" "$url" --paths "$work/paths-theatre" --token "$token" --connections 200 \
    --rate "$offered" --seconds "$open_seconds" --warmup 2 --json) || true
  open_loop+=("$answer")
  if awk -v a="$(field achieved_rate <<<"$answer")" -v o="$offered" -v p="$(field p99_ms <<<"$answer")" \
    'BEGIN { exit !(a < 0.95 * o || p > 100) }'; then
    break
  fi
done
stop_server

# The report.
rate() { field obs_per_s <<<"${ingest[$1]}" | awk '{ printf "%.0f", $1 }'; }
lat() { field "$2" <<<"${ingest[$1]}" | awk '{ printf "%.1f", $1 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
{
  echo "### Ingest over HTTP ($n observations, batches of 10,000)"
  echo
  echo "| store | connections | obs/s | batch p50 (ms) | batch p99 (ms) | store alone (obs/s) | HTTP / store alone |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for backend in sqlite postgresql; do
    for c in 1 2; do
      echo "| $backend | $c | $(rate $backend-$c) | $(lat $backend-$c p50_ms) | $(lat $backend-$c p99_ms) | ${store_rate[$backend]} | $(ratio "$(rate $backend-$c)" "${store_rate[$backend]}") |"
    done
  done
  echo
  echo "PostgreSQL / SQLite over HTTP: $(ratio "$(rate postgresql-1)" "$(rate sqlite-1)") at 1 connection, $(ratio "$(rate postgresql-2)" "$(rate sqlite-2)") at 2;" \
    "2 / 1 connections: SQLite $(ratio "$(rate sqlite-2)" "$(rate sqlite-1)"), PostgreSQL $(ratio "$(rate postgresql-2)" "$(rate postgresql-1)")."
  echo
  echo "### Queries, closed loop (wrk: 200 connections, 2 threads, ${query_seconds} s; SQLite)"
  echo
  echo "| theatre | observations | incidents | cases | server RSS (MB) | records' text (MB) | of it in memory (MB) | requests/s | p50 (ms) | p90 (ms) | p99 (ms) | non-2xx | socket errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for name in example theatre; do
    j=${closed[$name]}
    echo "| $name | $(field observations <<<"$j") | $(field incidents <<<"$j") | $(field cases <<<"$j") | $(field rss_mb <<<"$j") | $(field record_text_mb <<<"$j") | $(field record_text_memory_mb <<<"$j") | $(field requests_per_s <<<"$j") | $(field p50_ms <<<"$j") | $(field p90_ms <<<"$j") | $(field p99_ms <<<"$j") | $(field non_2xx <<<"$j") | $(sed 's/.*"socket_errors":"\([^"]*\)".*/\1/' <<<"$j") |"
  done
  echo
  echo "### Queries, open loop (query_load: 200 connections, the same mix at fixed rates, ${open_seconds} s each; latency from due time)"
  echo
  echo "| offered/s | answered/s | p50 (ms) | p90 (ms) | p99 (ms) | p99.9 (ms) | errors |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  best=0
  for answer in "${open_loop[@]}"; do
    offered=$(field offered_rate <<<"$answer")
    p99_open=$(field p99_ms <<<"$answer")
    printf '| %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %s |\n' "$offered" "$(field achieved_rate <<<"$answer")" \
      "$(field p50_ms <<<"$answer")" "$(field p90_ms <<<"$answer")" "$p99_open" \
      "$(field p999_ms <<<"$answer")" "$(field errors <<<"$answer")"
    if awk -v p="$p99_open" 'BEGIN { exit !(p < 20) }'; then best=$offered; fi
  done
  echo
  echo "Highest offered rate with p99 under 20 ms at 200 connections: $(printf '%.0f' "$best") requests/s."
} | tee "$out/service.md"
{
  printf '{"quick":%s,"observations":%d,"ingest":{' "$([[ $quick -eq 1 ]] && echo true || echo false)" "$n"
  sep=""
  for key in sqlite-1 sqlite-2 postgresql-1 postgresql-2; do
    printf '%s"%s":%s' "$sep" "$key" "${ingest[$key]}"
    sep=","
  done
  printf '},"store_alone_obs_per_s":{"sqlite":%s,"postgresql":%s},' "${store_rate[sqlite]}" "${store_rate[postgresql]}"
  printf '"queries":{"connections":200,"threads":2,"seconds":%s,"example":%s,"theatre":%s},' \
    "$query_seconds" "${closed[example]}" "${closed[theatre]}"
  printf '"queries_open_loop":[%s]}\n' "$(IFS=,; echo "${open_loop[*]}")"
} >"$out/service.json"
progress "wrote $out/service.md and $out/service.json"
