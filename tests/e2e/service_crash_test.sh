#!/usr/bin/env bash
# An acknowledged batch survives a crash of the server: `guarantor serve` on SQLite is killed with
# SIGKILL while ingest_client posts ~200k simulated observations in batches of 2000 over one
# connection (batches commit in file order) with an fsync'ed acknowledgement log, at a point that
# varies from run to run (CRASH_AFTER_BATCHES=N fixes it). After a restart on the same data
# directory:
#   (a) every observation of every acknowledged batch is stored (all ids, compared as sets);
#   (b) the store holds the acknowledged batches and at most the one batch that was in flight,
#       whole: nothing else, no part of a batch;
#   (c) the engine rebuilt its state: /metrics' guarantor_engine_observations_folded reaches the
#       stored count;
#   (d) rerunning the ingest with the same idempotency keys stores the rest: the committed batches
#       are acknowledged as replayed, and the store then holds exactly the file.
# Usage: service_crash_test.sh GUARANTOR INGEST_CLIENT SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 client=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
cd "$src"
ex=examples/paris-2026
batch=2000
server_pid="" client_pid=""
cleanup() {
  if [[ -n $client_pid ]]; then kill "$client_pid" 2>/dev/null || true; fi
  if [[ -n $server_pid ]]; then kill -KILL "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  for f in "$work"/serve*.err "$work"/ingest*.err; do
    [[ -s $f ]] && { echo "--- $f"; tail -5 "$f"; }
  done
  exit 1
}

# Starts the server on any free port; sets server_pid and url (printed once the engine's state
# is rebuilt and the port is bound).
source scripts/lib/serve.sh
start_server() {  # name
  serve_start "$bin" "$work/serve-$1" --scenario $ex --data "$work/data" --port 0 ||
    { server_pid=$serve_pid; fail "serve ($1): $serve_error"; }
  server_pid=$serve_pid url=$serve_url
}
api() { curl -sS --fail-with-body -H "Authorization: Bearer $token" "$url$1"; }
stored_total() { api "/v1/observations?limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p'; }
# Every stored observation as "sequence id", in sequence order, through the CSV export's pages.
stored_ids() {  # out
  local after=0 page=$work/page.csv
  : >"$1"
  while :; do
    api "/v1/observations?format=csv&limit=10000&after=$after" >"$page" || fail "CSV export failed"
    tail -n +2 "$page" | cut -d, -f1,2 | tr , ' ' >>"$1"
    [[ $(tail -n +2 "$page" | wc -l) -lt 10000 ]] && break
    after=$(tail -1 "$1" | cut -d' ' -f1)
  done
}

seed=$((RANDOM % 1000))
"$bin" simulate --scenario $ex --days 1 --seed $seed --events-per-day 110000 --out "$work/sim" \
  --quiet >/dev/null || fail "simulate failed"
obs=$work/sim/observations.jsonl
lines=$(wc -l <"$obs")
[[ $lines -ge 100000 ]] || fail "simulate wrote only $lines observations"
sed 's/^{"id":"\([^"]*\)".*/\1/' "$obs" >"$work/file-ids"
[[ $(grep -c '^{' "$work/file-ids" || true) -eq 0 ]] || fail "a simulated record does not start with its id"
batches=$(((lines + batch - 1) / batch))

# A user whose token outlives restarts: idempotency keys belong to the user that submitted them.
token=$("$bin" users add --data "$work/data" --id ingest --role hq --organisation hq --json |
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n $token ]] || fail "users add printed no token"
export GUARANTOR_TOKEN=$token

start_server first
crash_after=${CRASH_AFTER_BATCHES:-$((3 + RANDOM % (batches / 2)))}
echo "seed $seed: $lines observations in $batches batches; SIGKILL after $crash_after acknowledged"
"$client" "$url" "$obs" --batch $batch --connections 1 --retries 2 --ack-log "$work/ack.log" \
  >"$work/ingest-1.out" 2>"$work/ingest-1.err" &
client_pid=$!
for _ in $(seq 1 3000); do
  [[ -f $work/ack.log && $(wc -l <"$work/ack.log") -ge $crash_after ]] && break
  kill -0 "$client_pid" 2>/dev/null || break
  sleep 0.01
done
kill -KILL "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
client_rc=0
wait "$client_pid" || client_rc=$?
client_pid=""
[[ $client_rc -ne 0 ]] || fail "the ingest finished before the server was killed (raise the load)"
grep -q 'connection error' "$work/ingest-1.err" || fail "the client did not report a connection error"
acked_batches=$(wc -l <"$work/ack.log")
[[ $acked_batches -ge 3 ]] || fail "only $acked_batches batches were acknowledged before the kill"

# The acknowledgement log: batches in file order, with consecutive sequences (one connection).
read -r acked bad < <(awk -v b=$batch '
  { if ($1 != sum + 1 || $2 != b) bad = bad " line " NR ": " $0; sum += $2 }
  END { print sum + 0, (bad == "" ? "-" : bad) }' "$work/ack.log")
[[ $bad == - ]] || fail "acknowledgement log out of order or not whole batches:$bad"
# Its first and last ids are those of the file's records at those positions.
awk 'NR == FNR { id[FNR] = $0; next }
     id[n + 1] != $3 || id[n + $2] != $4 { print "batch at sequence " $1 ": ids " $3 ".." $4 " are not lines " n + 1 ".." n + $2 " of the file"; exit 1 }
     { n += $2 }' "$work/file-ids" "$work/ack.log" >"$work/ack-check" || fail "$(cat "$work/ack-check")"

start_server second
# What is stored, exactly: every row of the CSV export's pages. The API's total agrees with it
# (it is counted up to 100,000, and says so beyond).
stored_ids "$work/stored"
stored=$(wc -l <"$work/stored")
api_total=$(stored_total)
[[ -n $api_total ]] || fail "no total from GET /v1/observations"
if api "/v1/observations?limit=1" | grep -q '"total_is_lower_bound":true'; then
  [[ $api_total -eq 100000 && $stored -gt 100000 ]] || fail "total $api_total (a lower bound) for $stored rows"
else
  [[ $api_total -eq $stored ]] || fail "the CSV export has $stored rows, total says $api_total"
fi
in_flight=$((lines - acked < batch ? lines - acked : batch))
echo "acknowledged $acked observations in $acked_batches batches; stored after restart: $stored"
# (b) whole batches only: the acknowledged ones, and perhaps the one in flight.
[[ $stored -eq $acked || $stored -eq $((acked + in_flight)) ]] ||
  fail "stored $stored observations: expected $acked (acknowledged) or $((acked + in_flight)) (and the batch in flight)"
# (a) every acknowledged id is stored, nothing else is, sequences 1..stored without gaps.
awk '$1 != NR { print "FAIL: sequence " $1 " at row " NR; exit 1 }' "$work/stored" || fail "stored sequences have gaps"
cut -d' ' -f2 "$work/stored" | sort >"$work/stored-ids.sorted"
head -n "$acked" "$work/file-ids" | sort >"$work/acked-ids.sorted"
missing=$(comm -23 "$work/acked-ids.sorted" "$work/stored-ids.sorted" | wc -l)
[[ $missing -eq 0 ]] || fail "$missing acknowledged observations are missing, e.g. $(comm -23 "$work/acked-ids.sorted" "$work/stored-ids.sorted" | head -3 | tr '\n' ' ')"
head -n "$stored" "$work/file-ids" | sort >"$work/prefix-ids.sorted"
cmp -s "$work/prefix-ids.sorted" "$work/stored-ids.sorted" || fail "the stored ids are not the file's first $stored"
# (c) the restarted engine folds what is stored.
folded=""
for _ in $(seq 1 100); do
  folded=$(api /metrics | sed -n 's/^guarantor_engine_observations_folded \([0-9]*\)$/\1/p')
  [[ $folded == "$stored" ]] && break
  sleep 0.1
done
[[ $folded == "$stored" ]] || fail "the restarted engine folded $folded observations, the store holds $stored"

# (d) the rest, with the same idempotency keys (the same file and batch size).
"$client" "$url" "$obs" --batch $batch --connections 1 --json --ack-log "$work/ack-resume.log" \
  >"$work/ingest-2.out" 2>"$work/ingest-2.err" || fail "resuming the ingest failed: $(cat "$work/ingest-2.err")"
replayed=$(sed -n 's/.*"replayed_batches":\([0-9]*\).*/\1/p' "$work/ingest-2.out")
committed=$(((stored + batch - 1) / batch))
[[ $replayed -eq $committed ]] ||
  fail "the resumed ingest replayed $replayed batches; $committed were committed"
stored_ids "$work/stored-final"
final=$(wc -l <"$work/stored-final")
[[ $final -eq $lines ]] || fail "after resuming the store holds $final observations; the file has $lines"
cut -d' ' -f2 "$work/stored-final" | sort >"$work/final-ids.sorted"
sort "$work/file-ids" >"$work/file-ids.sorted"
cmp -s "$work/final-ids.sorted" "$work/file-ids.sorted" || fail "the stored ids are not the file's after resuming"
kill -TERM "$server_pid"
wait "$server_pid" || fail "serve did not stop cleanly on SIGTERM"
server_pid=""
echo "service crash: all checks passed"
