#!/usr/bin/env bash
# The CLI's contract on bad input: non-zero exit, the messages on standard error, and, with
# --strict, nothing written.
# Usage: cli_errors_test.sh GUARANTOR SOURCE_DIR WORK_DIR
set -uo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }

# Every scenario of the bad-input corpus is rejected with exit status 1 and its messages.
for dir in "$src"/tests/data/bad-scenarios/*/; do
  name=$(basename "$dir")
  "$bin" validate "$dir" >"$work/$name.out" 2>"$work/$name.err"
  status=$?
  check "[[ $status -eq 1 ]]" "validate $name exited $status, expected 1"
  first=$(head -1 "$dir/expected.txt" | sed "s|\\\$DIR|${dir%/}|g")
  check "grep -qF -- \"\$first\" '$work/$name.err'" "validate $name did not print: $first"
done

# --json on a bad scenario: valid JSON with valid=false and the errors.
"$bin" validate --json "$src/tests/data/bad-scenarios/bad-values" >"$work/bad.json" 2>/dev/null
check "grep -q '\"valid\":false' '$work/bad.json'" "validate --json did not report valid=false"

# A good scenario validates.
"$bin" validate "$src/tests/data/zones" >"$work/zones.out" 2>&1
check "[[ $? -eq 0 ]]" "validate of tests/data/zones failed: $(cat "$work/zones.out")"

# --strict with rejected records: exit 1, no output files.
"$bin" assess --scenario "$src/tests/data/zones" --observations "$src/tests/data/bad-observations.jsonl" \
  --out "$work/strict" --strict --quiet >"$work/strict.out" 2>"$work/strict.err"
status=$?
check "[[ $status -eq 1 ]]" "assess --strict exited $status, expected 1"
check "[[ -z \"\$(ls -A '$work/strict' 2>/dev/null)\" ]]" "assess --strict left files behind"
check "grep -q 'bad-observations.jsonl:3: position.lat' '$work/strict.err'" "assess did not name line 3"

# Without --strict: accepted records are assessed, rejections counted.
"$bin" assess --scenario "$src/tests/data/zones" --observations "$src/tests/data/bad-observations.jsonl" \
  --out "$work/lenient" --quiet --json >"$work/lenient.json" 2>/dev/null
check "[[ $? -eq 0 ]]" "assess without --strict failed"
check "[[ \$(wc -l < '$work/lenient/assessments.jsonl') -eq 2 ]]" "expected 2 assessed observations"
check "grep -q '\"rejected\":16' '$work/lenient.json'" "expected 16 rejected records in the summary"

# activate without a replay's activations names the file it expected; a damaged line is named.
mkdir -p "$work/noreplay"
"$bin" activate --result "$work/noreplay" > /dev/null 2> "$work/activate.err"
check "[[ $? -eq 1 ]]" "activate without activations.jsonl did not exit 1"
check "grep -q 'noreplay/activations.jsonl: expected the activations written by' '$work/activate.err'" \
  "activate did not name the missing activations.jsonl"
printf '{"trigger":"t","obligations":[],"restoration":[]}\n{"trigger":\n' > "$work/noreplay/activations.jsonl"
"$bin" activate --result "$work/noreplay" > /dev/null 2> "$work/activate.err"
check "grep -q 'activations.jsonl:2: expected an activation' '$work/activate.err'" \
  "activate did not name the malformed line 2"

# Usage errors exit 2; --help exits 0.
"$bin" assess --scenario x >/dev/null 2>&1
check "[[ $? -eq 2 ]]" "a missing required option did not exit 2"
for cmd in validate assess simulate replay activate; do
  "$bin" $cmd --help >/dev/null 2>&1
  check "[[ $? -eq 0 ]]" "$cmd --help failed"
done

if [[ $fail -ne 0 ]]; then exit 1; fi
echo "cli errors: all checks passed"
