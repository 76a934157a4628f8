#!/usr/bin/env bash
# How accuracy and throughput change as the theatre grows denser: theatres of 250 to
# 205 000 real events a day (the last is the density of bench/monitoring.sh's 10 M theatre), each
# of about 330 000 reports (as many days as that takes, seed 42, default noise and obstruction),
# replayed and evaluated against its truth, and replayed again without outputs for the rate (the
# median of three runs, on one core and with --threads 2). Denser theatres put more events within
# one report's gate: fusion then merges neighbours and must score more candidates. Writes a CSV
# and an SVG plot (gnuplot, installed from Debian if missing).
#
# Usage: bench/accuracy_vs_density.sh [--out DIR]     (default out/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/accuracy_lib.sh
accuracy_bench_options "$0" 10 "$@"
prepare_accuracy_bench "$out"
csv=$out/accuracy_vs_density.csv
echo "events_per_day,days,observations,precision,recall,f1,attribution_accuracy,undetermined_share,replay_seconds,observations_per_second,two_thread_seconds,two_thread_observations_per_second" > "$csv"
# replay_seconds FILE THREADS: the median of three replays of FILE without outputs, on one core
# (THREADS 1) or with --threads 2.
replay_seconds() {
  local pin=(taskset -c 0)
  [[ $2 == 2 ]] && pin=()
  for _ in 1 2 3; do
    /usr/bin/time -f %e "${pin[@]}" "$bin" replay --scenario "$scenario" --observations "$1" \
      --threads "$2" --no-alerts --quiet --json 2>&1 >/dev/null
  done | sort -n | sed -n 2p
}
rate_of() { awk -v n="$1" -v s="$2" 'BEGIN{printf "%.0f", n/s}'; }
events=205000  # real events per theatre: about 330 000 reports at 1.63 each
for rate in 250 2000 6000 20000 60000 205000; do
  days=$(( (events + rate / 2) / rate ))
  d=$work/r$rate
  echo "events a day: $rate ($days days)" >&2
  evaluate_theatre "$d" --days "$days" --seed 42 --events-per-day "$rate"
  n=$(wc -l < "$d/sim/observations.jsonl")
  one=$(replay_seconds "$d/sim/observations.jsonl" 1)
  two=$(replay_seconds "$d/sim/observations.jsonl" 2)
  e=$d/eval.json
  echo "$rate,$days,$n,$(field precision "$e"),$(field recall "$e"),$(field f1 "$e"),$(field attribution_accuracy "$e"),$(field undetermined_share "$e"),$one,$(rate_of "$n" "$one"),$two,$(rate_of "$n" "$two")" >> "$csv"
done
cat "$csv"
gnuplot <<GP
set terminal svg size 1000,480 font "sans,12"
set output "$out/accuracy_vs_density.svg"
set datafile separator ","
set multiplot layout 1,2 title "Monitoring as the theatre grows denser (simulated, seed 42, about 330 000 reports each)"
set xlabel "real events a day"
set logscale x
set xrange [150:300000]
set format x "%.0f"
set grid
set title "accuracy against the truth"
set yrange [0.85:1.0]
set key bottom left
set arrow 1 from 150,0.95 to 300000,0.95 nohead dashtype 2
set label 1 "F1 target 0.95" at 170,0.953
plot "$csv" skip 1 using 1:6 with linespoints pointtype 7 title "detection F1", \
     "$csv" skip 1 using 1:4 with linespoints pointtype 7 title "precision", \
     "$csv" skip 1 using 1:5 with linespoints pointtype 7 title "recall", \
     "$csv" skip 1 using 1:7 with linespoints pointtype 7 title "attribution accuracy"
unset arrow 1
unset label 1
set title "replay, end to end"
set ylabel "observations a second"
set format y "%.0f"
set yrange [0:1300000]
set arrow 2 from 150,1000000 to 300000,1000000 nohead dashtype 2
set label 2 "target, one core: 1 000 000" at 170,1030000
set key top right
plot "$csv" skip 1 using 1:10 with linespoints pointtype 7 title "one core", \
     "$csv" skip 1 using 1:12 with linespoints pointtype 7 title "two threads (--threads 2)"
unset multiplot
GP
echo "plot: $out/accuracy_vs_density.svg"
