#!/usr/bin/env bash
# bench/compare_builds.sh on two binaries and a small simulated theatre: the same build twice is
# timed and found to give the same bytes (exit 0); a build whose alerts differ is caught (exit 1,
# naming what differs); usage errors exit 2 with a reason.
# Usage: compare_builds_test.sh GUARANTOR SOURCE_DIR WORK_DIR
set -uo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src"
fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }

"$bin" simulate --scenario examples/paris-2026 --days 1 --seed 5 --events-per-day 400 \
  --out "$work/sim" --quiet >/dev/null || { echo "FAIL: simulate"; exit 1; }
obs=$work/sim/observations.jsonl

bench/compare_builds.sh --runs 2 --quiet --observations "$obs" --out "$work/same" "$bin" "$bin" \
  >"$work/same.out" 2>"$work/same.err"
check "[[ $? -eq 0 ]]" "the same build twice: expected exit 0 ($(cat "$work/same.err"))"
check "grep -q 'the same bytes' '$work/same/compare_builds.md'" "the same build twice: not the same bytes"
check "grep -q '\"same_outputs\":true' '$work/same/compare_builds.jsonl'" "no same_outputs in the JSON"
check "[[ \$(grep -o '\"seconds\":\[[^]]*\]' '$work/same/compare_builds.jsonl' | head -1 | tr -cd ',' | wc -c) -eq 1 ]]" \
  "expected two timed runs of A"

# A "build" that prints no alerts: its replay with --out differs from the real one.
cat >"$work/no-alerts.sh" <<WRAP
#!/usr/bin/env bash
exec "$bin" "\$@" --no-alerts
WRAP
chmod +x "$work/no-alerts.sh"
bench/compare_builds.sh --runs 1 --quiet --observations "$obs" --out "$work/differ" "$bin" \
  "$work/no-alerts.sh" >"$work/differ.out" 2>"$work/differ.err"
check "[[ $? -eq 1 ]]" "different outputs: expected exit 1"
check "grep -q 'the alerts differ' '$work/differ.err'" "different outputs: the alerts not named"
check "grep -q 'DIFFERENT' '$work/differ/compare_builds.md'" "different outputs: the table does not say so"

bench/compare_builds.sh --runs 0 "$bin" "$bin" 2>"$work/usage.err"
check "[[ $? -eq 2 ]]" "--runs 0: expected exit 2"
check "grep -q 'expected a positive count' '$work/usage.err'" "--runs 0: no reason"
bench/compare_builds.sh "$bin" 2>"$work/usage.err"
check "[[ $? -eq 2 ]]" "one build: expected exit 2"
bench/compare_builds.sh --observations "$obs" no-such-revision "$bin" 2>"$work/usage.err"
check "[[ $? -eq 2 ]]" "an unknown revision: expected exit 2"
check "grep -q 'expected a git revision or a guarantor binary' '$work/usage.err'" "an unknown revision: no reason"

[[ $fail -eq 0 ]] && echo "compare_builds: all checks passed"
exit $fail
