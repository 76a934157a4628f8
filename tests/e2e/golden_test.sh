#!/usr/bin/env bash
# Golden end-to-end test of the shipped example:
#  1. the shipped observations are exactly what the documented simulator command produces;
#  2. `guarantor assess` on them produces, byte for byte, the reviewed files in tests/golden/;
#  3. a second run gives the same bytes (no wall clock, no unordered output).
# Usage: golden_test.sh GUARANTOR SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 src=$2 work=$3
# Run from the source tree with relative paths, as the README does: the report names its input.
cd "$src"
example=examples/paris-2026
golden=tests/golden/paris-2026
rm -rf "$work" && mkdir -p "$work"
fail=0

# The generator command documented in examples/paris-2026/README.md.
"$bin" simulate --scenario "$example" --days 3 --seed 2026 --events-per-day 40 \
  --offensive RU@1@47.6,35.9 --out "$work/sim" --quiet >/dev/null
if ! cmp -s "$work/sim/gaps.jsonl" "$example/gaps.jsonl"; then
  echo "FAIL: examples/paris-2026/gaps.jsonl is not what the documented simulate command writes"
  fail=1
fi
if ! cmp -s "$work/sim/assets.jsonl" "$example/assets.jsonl"; then
  echo "FAIL: examples/paris-2026/assets.jsonl is not what the documented simulate command writes"
  fail=1
fi
if ! cmp -s "$work/sim/observations.jsonl" "$example/observations.jsonl"; then
  echo "FAIL: examples/paris-2026/observations.jsonl is not what the documented simulate command writes"
  diff <(head -5 "$work/sim/observations.jsonl") <(head -5 "$example/observations.jsonl") || true
  fail=1
fi

for run in 1 2; do
  "$bin" assess --scenario "$example" --observations "$example/observations.jsonl" \
    --out "$work/run$run" --quiet --json > "$work/run$run.json"
done
for f in assessments.jsonl violations.geojson report.md; do
  if ! cmp -s "$work/run1/$f" "$work/run2/$f"; then
    echo "FAIL: $f differs between two runs on the same input"; fail=1
  fi
  if ! cmp -s "$work/run1/$f" "$golden/$f"; then
    echo "FAIL: $f differs from tests/golden/paris-2026/$f:"
    diff "$golden/$f" "$work/run1/$f" | head -20 || true
    fail=1
  fi
done
# The whole chain on the example: replay, then the activation plan, byte for byte.
"$bin" replay --scenario "$example" --observations "$example/observations.jsonl" \
  --gaps "$example/gaps.jsonl" --out "$work/replay" --no-alerts --quiet >/dev/null
"$bin" activate --result "$work/replay" --json > "$work/activation.json"
if ! cmp -s "$work/activation.json" "$golden/activation.json"; then
  echo "FAIL: the activation plan differs from tests/golden/paris-2026/activation.json:"
  diff "$golden/activation.json" "$work/activation.json" | head -5 || true
  fail=1
fi
# Streaming from standard input takes the same code path: the same activations, byte for byte.
"$bin" replay --scenario "$example" --out "$work/replay-stdin" --no-alerts --quiet \
  < "$example/observations.jsonl" >/dev/null
if ! cmp -s "$work/replay/activations.jsonl" "$work/replay-stdin/activations.jsonl"; then
  echo "FAIL: replay from standard input recorded other activations than from the file"; fail=1
fi
# The JSON summary agrees with the report's own counts.
grep -q '"violations":' "$work/run1.json" || { echo "FAIL: --json summary lacks violations"; fail=1; }
if [[ $fail -ne 0 ]]; then exit 1; fi
echo "golden: simulate and assess outputs match tests/golden/paris-2026"
