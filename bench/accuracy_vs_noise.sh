#!/usr/bin/env bash
# How detection F1 and attribution accuracy degrade as noise and obstruction grow: a grid of
# simulated theatres (4 days, 250 events a day, the same seed), each replayed and evaluated
# against its truth. Writes a CSV and an SVG plot (gnuplot, installed from Debian if missing).
#
# Usage: bench/accuracy_vs_noise.sh [--out DIR]     (default out/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/accuracy_lib.sh
accuracy_bench_options "$0" 6 "$@"
prepare_accuracy_bench "$out"
csv=$out/accuracy_vs_noise.csv
echo "noise,obstruction,f1,attribution_accuracy,undetermined_share,violation_accuracy" > "$csv"
for obstruction in 0 1 4; do
  for noise in 0.5 1 2 3 4 6; do
    d=$work/n$noise-o$obstruction
    evaluate_theatre "$d" --days 4 --seed 11 --events-per-day 250 --noise "$noise" \
      --obstruction "$obstruction"
    echo "$noise,$obstruction,$(field f1 "$d/eval.json"),$(field attribution_accuracy "$d/eval.json"),$(field undetermined_share "$d/eval.json"),$(field violation_accuracy "$d/eval.json")" >> "$csv"
  done
done
cat "$csv"
# One data block per obstruction level (gnuplot's "index"), so that lines do not join across them.
dat=$work/blocks.dat
for o in 0 1 4; do
  awk -F, -v o="$o" 'NR > 1 && $2 == o { print $1, $3, $4, $5 }' "$csv" >> "$dat"
  printf '\n\n' >> "$dat"
done
gnuplot <<GP
set terminal svg size 1000,480 font "sans,12"
set output "$out/accuracy_vs_noise.svg"
set multiplot layout 1,2 title "Monitoring accuracy as noise and obstruction grow (simulated theatre, seed 11)"
set xlabel "noise (scale of location, bearing and clock errors, false alarms)"
set yrange [0:1.02]
set grid
set key bottom left
set title "detection F1 and attribution accuracy"
plot for [i=0:2] "$dat" index i using 1:2 with linespoints title sprintf("F1, obstruction %s", word("0 1 4", i+1)), \
     for [i=0:2] "$dat" index i using 1:3 with linespoints pointtype 6 title sprintf("attribution, obstruction %s", word("0 1 4", i+1))
set title "share of matched incidents left undetermined"
set key top left
plot for [i=0:2] "$dat" index i using 1:4 with linespoints title sprintf("obstruction %s", word("0 1 4", i+1))
unset multiplot
GP
echo "plot: $out/accuracy_vs_noise.svg"
