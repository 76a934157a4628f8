#!/usr/bin/env bash
# The force commands on the shipped example: guarantor force (optimum and greedy), whatif, and
# validate rejecting a requirement nobody can meet.
# Usage: force_cli_test.sh GUARANTOR SOURCE_DIR WORK_DIR
set -uo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src"
fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }
ex=examples/paris-2026

"$bin" force --scenario $ex --json > "$work/force.json"
check "[[ $? -eq 0 ]]" "force failed"
check "grep -q '\"requirement\":\"req-sea\"' '$work/force.json'" "force lists no req-sea"
check "grep -q '\"lead_nation\":{' '$work/force.json'" "force gives no lead nations"
"$bin" force --scenario $ex --greedy > "$work/greedy.md"
check "[[ $? -eq 0 ]]" "force --greedy failed"

# Turkey withdraws: the Black Sea demining requirement breaks, and says why.
"$bin" whatif --scenario $ex --drop TR > "$work/whatif.txt"
check "grep -q 'req-sea: 100% -> 33%' '$work/whatif.txt'" "dropping TR does not break req-sea"
check "grep -q 'TR withdrawn' '$work/whatif.txt'" "the what-if does not say why"
"$bin" whatif --scenario $ex --no-us-backstop --json > "$work/whatif.json"
check "grep -q '\"breaks\":\[{' '$work/whatif.json'" "no US backstop breaks nothing"
"$bin" whatif --scenario $ex --drop XX >/dev/null 2>&1
check "[[ $? -eq 2 ]]" "an unknown nation was accepted"

# A requirement nobody can meet is a validation error naming the file, line and reasons.
mkdir -p "$work/unmeetable"
cp $ex/*.geojson $ex/parties.yaml "$work/unmeetable/"
sed 's/{id: req-training, capability: training_team, quantity: 3, region: western_hubs,/{id: req-training, capability: training_team, quantity: 3, region: black_sea,/' \
  $ex/scenario.yaml > "$work/unmeetable/scenario.yaml"
"$bin" validate "$work/unmeetable" > /dev/null 2> "$work/unmeetable.err"
check "[[ $? -eq 1 ]]" "validate accepted an unmeetable requirement"
check "grep -q 'scenario.yaml:[0-9]*:[0-9]*: requirements.req-training: expected at least one contribution able to meet it; found none (ca-training: not allowed in region black_sea)' '$work/unmeetable.err'" \
  "validate did not explain the unmeetable requirement: $(cat "$work/unmeetable.err")"

for cmd in force whatif; do
  "$bin" $cmd --help >/dev/null 2>&1
  check "[[ $? -eq 0 ]]" "$cmd --help failed"
done
if [[ $fail -ne 0 ]]; then exit 1; fi
echo "force cli: all checks passed"
