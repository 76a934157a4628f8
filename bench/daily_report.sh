#!/usr/bin/env bash
# The daily report benchmark: a simulated 10-day theatre replayed once, then the report of one
# day in its middle drawn as `guarantor report` draws it (the day's records only) and, side by
# side in the same run, from every record of the result files (the plain baseline), with a check
# that both give the same bytes (bench/daily_report_bench.cc). The ratio grows with the days in
# the files: the baseline makes an object of every line, the day's reader of one day's.
#
# Usage: bench/daily_report.sh [--days N] [--rate EVENTS_PER_DAY] [--repeat N] [--out DIR]
#   defaults: 10 days, 60 000 real events a day (about 1.1 M observations), 3 runs each.
# Prints a Markdown table and writes it, with the raw JSON, to DIR (default out/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
days=10 rate=60000 repeat=3 out=out/bench
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --days) days=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
scripts/setup --quiet
scripts/build release guarantor daily_report_bench >/dev/null
bin=build/release/apps/guarantor/guarantor
scenario=examples/paris-2026
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
progress() { if [[ -t 2 ]]; then echo "$*" >&2; fi; }
progress "simulating $days days at $rate real events a day"
"$bin" simulate --scenario $scenario --days "$days" --seed 42 --events-per-day "$rate" \
  --out "$work/sim" --quiet >/dev/null
progress "replaying"
"$bin" replay --scenario $scenario --observations "$work/sim/observations.jsonl" --no-alerts \
  --quiet --out "$work/result" >/dev/null
rm -rf "$work/sim"
# The example's theatre starts on 2026-02-01; the middle day of the run.
day=$(date -u -d "2026-02-01 + $((days / 2)) days" +%F)
incidents=$(wc -l < "$work/result/incidents.jsonl")
progress "the report of $day, $repeat runs of each reader"
result=$(build/release/bench/daily_report_bench --scenario $scenario --result "$work/result" \
  --day "$day" --repeat "$repeat")
echo "$result" > "$out/daily_report.json"
field() { sed -n "s/.*\"$1\":\([0-9.eE+-]*\).*/\1/p" <<<"$result"; }
{
  printf '| incidents in the files | incidents of %s | every record (baseline), s | the day'"'"'s records, s | speedup |\n' "$day"
  printf '|---:|---:|---:|---:|---:|\n'
  printf '| %s | %s | %.2f | %.2f | %.1fx |\n' "$incidents" "$(field incidents_of_the_day)" \
    "$(field every_record_seconds)" "$(field day_records_seconds)" "$(field speedup)"
} | tee "$out/daily_report.md"
