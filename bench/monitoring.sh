#!/usr/bin/env bash
# The monitoring benchmark: a simulated 30-day theatre of about 10 M observations, replayed end
# to end (parse, fuse, assess, attribute, open cases, evaluate triggers) on one core, whole and as
# its first 1 M
# observations (the same rate of reports, so that the fusion window holds as much in both: peak
# memory must not grow with the total), side by side with the parse-only baseline on the same
# file, stopped after fusion (--fuse-only: what concluding costs, the rest being parsing and
# fusion), without trigger evaluation (what the triggers cost), and with every alert printed (to
# /dev/null: what a streaming reader adds; the other rows pass --no-alerts), with peak resident
# memory.
#
# Usage: bench/monitoring.sh [--small] [--assets X --events-per-day N] [--out DIR]
#   --small   a 30-day theatre of about 1 M observations, and its first 0.1 M (a quick run)
#   --assets X --events-per-day N
#             another mission and rate of events (simulate's options): --assets 3
#             --events-per-day 85000 is a mission three times as large, reporting each event about
#             4 times, in a theatre of the same 10 M reports
# Prints a Markdown table and writes it, with the raw figures as JSON Lines, to DIR
# (default out/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
rate=206000     # real events per day; about 1.62 observations each at the default mission
assets=1
prefix=1000000
out=out/bench
while [[ $# -gt 0 ]]; do
  case $1 in
    --small) rate=20600; prefix=100000; shift ;;
    --assets) assets=$2; shift 2 ;;
    --events-per-day) rate=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: bench/monitoring.sh [--small] [--assets X --events-per-day N] [--out DIR]" >&2; exit 2 ;;
  esac
done
scripts/setup --quiet
scripts/build release guarantor >/dev/null
bin=build/release/apps/guarantor/guarantor
scenario=examples/paris-2026
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$out/monitoring.jsonl
: > "$results"

measure() {  # label, command...: prints "seconds peak_kb"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/$label.out"
  cat "$work/time"
}

sim=$work/sim
echo "simulating the theatre (30 days, $rate real events a day, assets x $assets)..." >&2
"$bin" simulate --scenario $scenario --days 30 --seed 42 --events-per-day "$rate" --assets "$assets" \
  --out "$sim" --quiet >/dev/null
head -n "$prefix" "$sim/observations.jsonl" > "$work/prefix.jsonl"
{
printf '| observations | variant | seconds | observations/s | vs parse-only | peak RSS (MB) |\n'
printf '|---:|---|---:|---:|---:|---:|\n'
for file in "$work/prefix.jsonl" "$sim/observations.jsonl"; do
  n=$(wc -l < "$file")
  read -r parse_s parse_kb < <(measure parse "$bin" replay --scenario $scenario \
    --observations "$file" --parse-only --no-alerts --quiet)
  read -r full_s full_kb < <(measure full taskset -c 0 "$bin" replay --scenario $scenario \
    --observations "$file" --no-alerts --quiet --json)
  read -r fuse_s fuse_kb < <(measure fuse taskset -c 0 "$bin" replay --scenario $scenario \
    --observations "$file" --fuse-only --no-alerts --quiet --json)
  read -r bare_s bare_kb < <(measure bare taskset -c 0 "$bin" replay --scenario $scenario \
    --observations "$file" --no-alerts --quiet --json --no-triggers)
  read -r alerts_s alerts_kb < <(measure alerts taskset -c 0 "$bin" replay --scenario $scenario \
    --observations "$file" --quiet)
  parse_rate=$(awk -v n="$n" -v s="$parse_s" 'BEGIN{printf "%.0f", n/s}')
  full_rate=$(awk -v n="$n" -v s="$full_s" 'BEGIN{printf "%.0f", n/s}')
  ratio=$(awk -v a="$full_rate" -v b="$parse_rate" 'BEGIN{printf "%.3f", a/b}')
  printf '| %s | parse only (baseline) | %s | %s | 1.000 | %.1f |\n' "$n" "$parse_s" "$parse_rate" "$(awk -v k="$parse_kb" 'BEGIN{print k/1024}')"
  fuse_rate=$(awk -v n="$n" -v s="$fuse_s" 'BEGIN{printf "%.0f", n/s}')
  fuse_ratio=$(awk -v a="$fuse_rate" -v b="$parse_rate" 'BEGIN{printf "%.3f", a/b}')
  printf '| %s | parse and fuse only (--fuse-only) | %s | %s | %s | %.1f |\n' "$n" "$fuse_s" "$fuse_rate" "$fuse_ratio" "$(awk -v k="$fuse_kb" 'BEGIN{print k/1024}')"
  bare_rate=$(awk -v n="$n" -v s="$bare_s" 'BEGIN{printf "%.0f", n/s}')
  bare_ratio=$(awk -v a="$bare_rate" -v b="$parse_rate" 'BEGIN{printf "%.3f", a/b}')
  printf '| %s | end to end without triggers | %s | %s | %s | %.1f |\n' "$n" "$bare_s" "$bare_rate" "$bare_ratio" "$(awk -v k="$bare_kb" 'BEGIN{print k/1024}')"
  printf '| %s | end to end, one core | %s | %s | %s | %.1f |\n' "$n" "$full_s" "$full_rate" "$ratio" "$(awk -v k="$full_kb" 'BEGIN{print k/1024}')"
  overhead=$(awk -v f="$full_s" -v b="$bare_s" 'BEGIN{printf "%.1f", (f/b-1)*100}')
  printf '| %s | trigger evaluation adds | | | | %s %% of the time |\n' "$n" "$overhead"
  alerts_rate=$(awk -v n="$n" -v s="$alerts_s" 'BEGIN{printf "%.0f", n/s}')
  alerts_ratio=$(awk -v a="$alerts_rate" -v b="$parse_rate" 'BEGIN{printf "%.3f", a/b}')
  printf '| %s | end to end, one core, every alert printed | %s | %s | %s | %.1f |\n' "$n" "$alerts_s" "$alerts_rate" "$alerts_ratio" "$(awk -v k="$alerts_kb" 'BEGIN{print k/1024}')"
  printf '{"observations":%s,"parse_seconds":%s,"parse_peak_kb":%s,"replay_seconds":%s,"replay_peak_kb":%s,"fuse_only_seconds":%s,"no_triggers_seconds":%s,"alerts_printed_seconds":%s,"summary":%s}\n' \
    "$n" "$parse_s" "$parse_kb" "$full_s" "$full_kb" "$fuse_s" "$bare_s" "$alerts_s" "$(tail -1 "$work/full.out")" >> "$results"
done
} | tee "$out/monitoring.md"
echo
echo "results: $out/monitoring.md, $results"
