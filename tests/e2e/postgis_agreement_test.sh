#!/usr/bin/env bash
# guarantor and PostGIS agree on a simulated theatre of about 20,000 observations: every
# observation's innermost zone, control area and breached rules from `guarantor assess` equal
# those computed in PostgreSQL 15 + PostGIS (bench/postgis/*.sql), in both the first-written and
# the tuned variant. The PostgreSQL server is started on loopback and stopped by its pid.
# Usage: postgis_agreement_test.sh GUARANTOR SOURCE_DIR WORK_DIR
set -uo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src"
ex=examples/paris-2026
pg=$(mktemp -d)
chmod 755 "$pg"  # the server runs as the postgres user when the tests run as root
port=$((20000 + RANDOM % 20000))
trap 'scripts/postgres stop "$pg/server"; rm -rf "$pg"' EXIT
scripts/postgres start "$pg/server" "$port" >/dev/null || { echo "FAIL: PostgreSQL did not start"; exit 1; }
uri="postgresql://postgres@127.0.0.1:$port/bench"
export PGOPTIONS='-c client_min_messages=warning'
sql() { psql "$uri" -qAt -v ON_ERROR_STOP=1 "$@"; }
fail=0

"$bin" simulate --scenario $ex --days 1 --seed 11 --events-per-day 11000 --out "$work/sim" \
  --quiet >/dev/null || { echo "FAIL: simulate"; exit 1; }
"$bin" assess --scenario $ex --observations "$work/sim/observations.jsonl" --out "$work/assess" \
  --quiet >/dev/null || { echo "FAIL: assess"; exit 1; }
n=$(wc -l < "$work/sim/observations.jsonl")
sql -v line="$(cat $ex/line-of-contact.geojson)" -v ua="$(cat $ex/control-ua.geojson)" \
  -v ru="$(cat $ex/control-ru.geojson)" -v dis="$(cat $ex/disengagement-areas.geojson)" \
  -f bench/postgis/geometry.sql || exit 1
bench/postgis/copy_lines.sh "$uri" raw "$work/sim/observations.jsonl" || exit 1
sql -f bench/postgis/load.sql || exit 1
bench/postgis/copy_lines.sh "$uri" g_raw "$work/assess/assessments.jsonl" || exit 1
for variant in naive tuned; do
  sql -f bench/postgis/locate_$variant.sql && sql -f bench/postgis/rules.sql &&
    sql -f bench/postgis/compare.sql > "$work/compare-$variant.tsv" || { echo "FAIL: $variant SQL"; exit 1; }
  differs=$(grep -c '^differs' "$work/compare-$variant.tsv")
  if [[ $differs -ne 0 ]]; then
    echo "FAIL: $variant: $differs observation(s) classified differently (id, zone g/p, control g/p, rules g/p, km):"
    grep '^differs' "$work/compare-$variant.tsv" | head -10
    fail=1
  fi
  # Counts per zone, control area and rule: guarantor's column equals PostGIS's, and they cover
  # every observation and enough distinct zones and rules for the check to mean something.
  if awk -F'\t' '$1 == "count" && $4 != $5 { bad = 1 } END { exit !bad }' "$work/compare-$variant.tsv"; then
    echo "FAIL: $variant: counts differ:"; grep -P '^count' "$work/compare-$variant.tsv" | awk -F'\t' '$4 != $5'
    fail=1
  fi
  zone_total=$(awk -F'\t' '$1 == "count" && $2 == "zone" { s += $4 } END { print s }' "$work/compare-$variant.tsv")
  [[ $zone_total -eq $n ]] || { echo "FAIL: $variant: $zone_total zone counts for $n observations"; fail=1; }
  zones=$(awk -F'\t' '$1 == "count" && $2 == "zone" && $4 > 0' "$work/compare-$variant.tsv" | wc -l)
  rules=$(awk -F'\t' '$1 == "count" && $2 == "rule" && $4 > 0' "$work/compare-$variant.tsv" | wc -l)
  [[ $zones -ge 5 && $rules -ge 8 ]] || { echo "FAIL: $variant: only $zones zones and $rules rules exercised"; fail=1; }
done
if [[ $fail -ne 0 ]]; then exit 1; fi
echo "postgis agreement: $n observations, $zones zones and $rules rules, identical in both variants"
