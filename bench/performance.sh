#!/usr/bin/env bash
# The performance comparison (docs/performance.md), in one run on one machine and the same
# generated data: guarantor end to end (replay: parse, classify against every zone, distance to
# the line, control area, fuse, attribute, triggers) and per-observation classification
# (assess); the same classification in PostgreSQL 15 + PostGIS 3 (COPY, typed extraction, GiST,
# ST_Contains/ST_Intersects, ST_DWithin/ST_Distance on geography, ST_ClusterDBSCAN), as first
# written and tuned (ST_Subdivide); simdjson On-Demand over the same file as the parse limit; the
# geometric kernels alone (distance to the line, point in polygon, and a real DeepStateMap
# control-area polygon from ../shared/data when present); where the one core's time goes (the
# file read by lines alone, then replay stopped after parsing, then after fusion: a profile by
# stage, the same run). Checks that guarantor and PostGIS agree, count for count, and prints one
# table.
#
# Usage: bench/performance.sh [--small] [--sizes "N ..."] [--out DIR] [--no-naive-above N]
#   --small        20,000 and 100,000 observations (a quick run)
#   --sizes        observation counts (default "1000000 10000000")
#   --no-naive-above N   skip the first-written PostGIS variant above N observations (default
#                  1000000: it runs for hours at 10 M; the note says so)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="1000000 10000000"
out=out/bench
naive_limit=1000000
while [[ $# -gt 0 ]]; do
  case $1 in
    --small) sizes="20000 100000"; shift ;;
    --sizes) sizes=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-naive-above) naive_limit=$2; shift 2 ;;
    *) sed -n '2,20p' "$0" >&2; exit 2 ;;
  esac
done
scripts/setup --quiet
scripts/build release guarantor geo_bench simdjson_baseline >/dev/null
bin=build/release/apps/guarantor/guarantor
example=examples/paris-2026
real_area=""
latest=$(ls ../shared/data/deepstate/*.geojson 2>/dev/null | tail -1 || true)
if [[ -n "$latest" ]]; then real_area=$latest; else
  echo "performance: ../shared/data/deepstate is absent: the real-polygon rows are skipped" >&2; fi
mkdir -p "$out"
work=$(mktemp -d)
chmod 755 "$work"  # the server runs as the postgres user when this runs as root
port=$((20000 + RANDOM % 20000))
pg=$work/pg
cleanup() { scripts/postgres stop "$pg" || true; rm -rf "$work"; }
trap cleanup EXIT
scripts/postgres start "$pg" "$port" >/dev/null
uri="postgresql://postgres@127.0.0.1:$port/bench"
export PGOPTIONS='-c client_min_messages=warning'
sql() { psql "$uri" -qAt -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN{printf "%.0f", n/s}'; }
share() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.0f%% of end to end", 100*a/b}'; }

sql -v line="$(cat $example/line-of-contact.geojson)" -v ua="$(cat $example/control-ua.geojson)" \
  -v ru="$(cat $example/control-ru.geojson)" -v dis="$(cat $example/disengagement-areas.geojson)" \
  -f bench/postgis/geometry.sql
if [[ -n "$real_area" ]]; then
  sql -v area="$(cat "$real_area")" -f bench/postgis/real_area.sql
fi

results=$out/performance.jsonl
: > "$results"
table=$out/performance.md
{
echo "| observations | variant | seconds | records/s | comparison | peak RSS (MB) | agrees with guarantor |"
echo "|---:|---|---:|---:|---:|---:|---|"
} > "$table"
row() {  # n variant seconds records/s ratio rss agrees
  printf '| %s | %s | %.2f | %s | %s | %s | %s |\n' "$@" | tee -a "$table"
  printf '{"observations":%s,"variant":"%s","seconds":%s,"records_per_second":%s,"ratio":"%s","peak_rss_mb":"%s","agrees":"%s"}\n' "$@" >> "$results"
}

largest=$(echo $sizes | tr ' ' '\n' | sort -n | tail -1)
# A 30-day theatre whose size is the largest requested; smaller sizes are its prefixes.
per_day=$(( largest / 30 / 160 * 100 + 100 ))  # about 1.62 reports a real event
echo "performance: simulating a 30-day theatre for $largest observations..." >&2
"$bin" simulate --scenario $example --days 30 --seed 42 --events-per-day "$per_day" \
  --out "$work/sim" --quiet >/dev/null
for n in $sizes; do
  file=$work/obs-$n.jsonl
  head -n "$n" "$work/sim/observations.jsonl" > "$file"
  n=$(wc -l < "$file")
  echo "performance: $n observations" >&2
  # The parse limit, and the floor of reading the file by lines.
  taskset -c 0 build/release/bench/simdjson_baseline "$file" > "$work/baseline.json"
  s_parse=$(sed 's/.*"seconds":\([0-9.]*\).*/\1/' "$work/baseline.json")
  s_read=$(sed 's/.*"read_seconds":\([0-9.]*\).*/\1/' "$work/baseline.json")
  # guarantor end to end on one core, and per-observation classification.
  /usr/bin/time -f "%e %M" -o "$work/t" taskset -c 0 "$bin" replay --scenario $example \
    --observations "$file" --no-alerts --quiet --json > "$work/replay.json"
  read -r s_replay kb_replay < "$work/t"
  # Where the one core's time goes: the same replay stopped after parsing, then after fusion.
  for stage in parse fuse; do
    /usr/bin/time -f "%e" -o "$work/t" taskset -c 0 "$bin" replay --scenario $example \
      --observations "$file" --no-alerts --quiet --json --$stage-only > /dev/null
    read -r "s_stage_$stage" < "$work/t"
  done
  /usr/bin/time -f "%e %M" -o "$work/t" "$bin" replay --scenario $example \
    --observations "$file" --no-alerts --quiet --json --threads 2 > /dev/null
  read -r s_replay2 kb_replay2 < "$work/t"
  /usr/bin/time -f "%e %M" -o "$work/t" taskset -c 0 "$bin" assess --scenario $example \
    --observations "$file" --out "$work/assess" --fast --quiet --json > /dev/null
  read -r s_assess kb_assess < "$work/t"
  r_replay=$(rate "$n" "$s_replay")
  r_assess=$(rate "$n" "$s_assess")
  row "$n" "simdjson On-Demand, parse only (the limit)" "$s_parse" "$(rate "$n" "$s_parse")" \
    "guarantor replay at $(awk -v a="$s_replay" -v b="$s_parse" 'BEGIN{printf "%.2f", b/a}')x this" "" ""
  row "$n" "guarantor replay, end to end, one core" "$s_replay" "$r_replay" "1.00" \
    "$((kb_replay / 1024))" ""
  row "$n" "of which: reading the file by lines alone (read and find the newlines)" "$s_read" \
    "$(rate "$n" "$s_read")" "$(share "$s_read" "$s_replay")" "" ""
  row "$n" "of which: replay --parse-only (read, parse, validate, duplicate ids)" "$s_stage_parse" \
    "$(rate "$n" "$s_stage_parse")" "$(share "$s_stage_parse" "$s_replay")" "" ""
  row "$n" "of which: replay --fuse-only (the above, and fusion)" "$s_stage_fuse" \
    "$(rate "$n" "$s_stage_fuse")" "$(share "$s_stage_fuse" "$s_replay")" "" ""
  row "$n" "guarantor replay, end to end, two threads (parse, fuse, conclude)" "$s_replay2" \
    "$(rate "$n" "$s_replay2")" "$(awk -v a="$s_replay" -v b="$s_replay2" 'BEGIN{printf "%.2fx one thread", a/b}')" \
    "$((kb_replay2 / 1024))" ""
  row "$n" "guarantor assess --fast (classification, three outputs), one core" "$s_assess" "$r_assess" "1.00" \
    "$((kb_assess / 1024))" ""
  # PostgreSQL + PostGIS: load, extract, locate (as first written, then tuned), rules, clusters.
  t0=$(now); bench/postgis/copy_lines.sh "$uri" raw "$file"; t1=$(now)
  sql -f bench/postgis/load.sql; t2=$(now)
  s_copy=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
  s_extract=$(awk -v a="$t1" -v b="$t2" 'BEGIN{print b-a}')
  bench/postgis/copy_lines.sh "$uri" g_raw "$work/assess/assessments.jsonl"
  for variant in tuned naive; do
    if [[ $variant == naive && $n -gt $naive_limit ]]; then
      row "$n" "PostGIS as first written" "0" "not run above $naive_limit" "" "" ""; continue
    fi
    t0=$(now); sql -f bench/postgis/locate_$variant.sql; sql -f bench/postgis/rules.sql; t1=$(now)
    sql -f bench/postgis/compare.sql > "$work/compare-$variant.tsv"
    s_locate=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
    [[ $variant == tuned ]] && s_locate_tuned=$s_locate
    differs=$(grep -c '^differs' "$work/compare-$variant.tsv" || true)
    cp "$work/compare-$variant.tsv" "$out/agreement-$n-$variant.tsv"
    s_total=$(awk -v a="$s_copy" -v b="$s_extract" -v c="$s_locate" 'BEGIN{print a+b+c}')
    row "$n" "PostGIS $variant: COPY + extraction + classification" "$s_total" \
      "$(rate "$n" "$s_total")" "$(awk -v g="$s_assess" -v p="$s_total" 'BEGIN{printf "%.1fx slower than assess", p/g}')" \
      "" "$([[ $differs -eq 0 ]] && echo yes || echo "$differs differ")"
  done
  # Space-time clustering, PostGIS's nearest equivalent of fusion.
  t0=$(now); sql -f bench/postgis/cluster.sql > /dev/null; t1=$(now)
  s_cluster=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
  s_pg_end=$(awk -v a="$s_copy" -v b="$s_extract" -v c="$s_cluster" 'BEGIN{print a+b+c}')
  s_pg_total=$(awk -v a="$s_pg_end" -v b="$s_locate_tuned" 'BEGIN{print a+b}')
  row "$n" "PostGIS tuned, end to end: the above + ST_ClusterDBSCAN" "$s_pg_total" \
    "$(rate "$n" "$s_pg_total")" \
    "$(awk -v g="$s_replay" -v p="$s_pg_total" 'BEGIN{printf "%.1fx slower than replay", p/g}')" "" ""
  # The kernels alone: distance to the line, point in polygon.
  build/release/bench/geo_bench --scenario $example --observations "$file" \
    ${real_area:+--area "$real_area"} > "$work/geo.json"
  t0=$(now); sql -f bench/postgis/kernel_distance.sql > "$work/pg_within"; t1=$(now)
  t2=$(now); sql -f bench/postgis/kernel_pip.sql > "$work/pg_pip"; t3=$(now)
  g_dist=$(sed 's/.*"distance_points_per_second":\([0-9.]*\).*/\1/' "$work/geo.json")
  g_pip=$(sed 's/.*"control_pip_points_per_second":\([0-9.]*\).*/\1/' "$work/geo.json")
  g_within=$(sed 's/.*"within_15_km":\([0-9]*\).*/\1/' "$work/geo.json")
  s_pd=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
  s_pp=$(awk -v a="$t2" -v b="$t3" 'BEGIN{print b-a}')
  row "$n" "kernel: distance to the line, guarantor" "$(awk -v n="$n" -v r="$g_dist" 'BEGIN{print n/r}')" "${g_dist%.*}" "1.00" "" ""
  row "$n" "kernel: distance to the line, PostGIS tuned" "$s_pd" "$(rate "$n" "$s_pd")" \
    "$(awk -v r="$g_dist" -v n="$n" -v s="$s_pd" 'BEGIN{printf "%.1fx slower", r*s/n}')" "" \
    "$([[ $(cat "$work/pg_within") == "$g_within" ]] && echo yes || echo "within 15 km: $(cat "$work/pg_within") vs $g_within")"
  row "$n" "kernel: point in control areas, guarantor" "$(awk -v n="$n" -v r="$g_pip" 'BEGIN{print n/r}')" "${g_pip%.*}" "1.00" "" ""
  g_inside="$(sed 's/.*"inside_UA":\([0-9]*\),"inside_RU":\([0-9]*\).*/UA \1 RU \2/' "$work/geo.json")"
  row "$n" "kernel: point in control areas, PostGIS tuned" "$s_pp" "$(rate "$n" "$s_pp")" \
    "$(awk -v r="$g_pip" -v n="$n" -v s="$s_pp" 'BEGIN{printf "%.1fx slower", r*s/n}')" "" \
    "$([[ "$(tr '\n' ' ' < "$work/pg_pip" | sed 's/ $//')" == "$g_inside" ]] && echo yes || echo "$(tr '\n' ' ' < "$work/pg_pip") vs $g_inside")"
  if [[ -n "$real_area" ]]; then
    g_real=$(sed 's/.*"real_pip_points_per_second":\([0-9.]*\).*/\1/' "$work/geo.json")
    g_real_in=$(sed 's/.*"inside_real_area":\([0-9]*\).*/\1/' "$work/geo.json")
    t0=$(now); pg_real_in=$(sql -f bench/postgis/kernel_real_pip.sql); t1=$(now)
    s_pr=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
    row "$n" "kernel: point in a real DeepStateMap polygon, guarantor" "$(awk -v n="$n" -v r="$g_real" 'BEGIN{print n/r}')" "${g_real%.*}" "1.00" "" ""
    row "$n" "kernel: point in a real DeepStateMap polygon, PostGIS tuned" "$s_pr" "$(rate "$n" "$s_pr")" \
      "$(awk -v r="$g_real" -v n="$n" -v s="$s_pr" 'BEGIN{printf "%.1fx slower", r*s/n}')" "" \
      "$([[ "$pg_real_in" == "$g_real_in" ]] && echo yes || echo "$pg_real_in vs $g_real_in")"
  fi
  sql -c "DROP TABLE IF EXISTS raw, obs, pts, loc, result, g_raw, g" >/dev/null
done
echo
echo "results: $table, $results; agreement details: $out/agreement-*.tsv"
