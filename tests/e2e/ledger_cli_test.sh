#!/usr/bin/env bash
# The ledger from the command line: keys, appends, verification, tree heads, proofs, and tampering
# with the database file directly through the sqlite3 shell (edit, delete, reorder, insert,
# truncate, rewrite), each of which `guarantor ledger verify` or `check-head` must name.
# Usage: ledger_cli_test.sh GUARANTOR SOURCE_DIR WORK_DIR
set -uo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$work"
fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }
data=$work/data

for p in FR DE PL; do
  "$bin" keys new --party $p --data "$data" > /dev/null
  check "[[ $? -eq 0 ]]" "keys new --party $p failed"
done
check "[[ \$(stat -c %a '$data/keys/FR.secret') == 600 ]]" "a secret key is not mode 0600"
"$bin" keys new --party FR --data "$data" > /dev/null 2> dup.err
check "[[ $? -eq 1 ]] && grep -q 'already has a key' dup.err" "a key was replaced"
"$bin" keys list --data "$data" --json > keys.json
check "grep -q '\"name\":\"PL\"' keys.json" "keys list misses PL"

kinds=(pledge commitment contribution_change commission_decision activation statement)
parties=(FR DE PL)
for i in 0 1 2 3 4 5; do
  printf '{"item": %d, "units": %d}\n' $i $((10 + i)) > payload$i.json
  "$bin" ledger append --data "$data" --party ${parties[$((i % 3))]} --kind ${kinds[$i]} \
    --payload payload$i.json --json > append$i.json
  check "[[ $? -eq 0 ]]" "append $i failed"
  check "grep -q '\"sequence\":$i,' append$i.json" "append $i has no sequence $i"
done
"$bin" ledger head --data "$data" > head6.json
check "grep -q '\"tree_size\":6,' head6.json" "the head is not of size 6"
"$bin" ledger verify --data "$data" > verify.txt
check "[[ $? -eq 0 ]] && grep -q 'ledger verified: 6 entries' verify.txt" "verify failed: $(cat verify.txt)"

# Proofs anyone can check without the ledger.
"$bin" ledger proof --data "$data" --entry 2 > proof2.json
"$bin" ledger verify-proof --proof proof2.json --head head6.json > vp.txt
check "[[ $? -eq 0 ]] && grep -q 'proof verified: entry 2' vp.txt" "inclusion proof: $(cat vp.txt)"
"$bin" ledger verify-proof --proof proof2.json --head head6.json --keys "$data" > vpe.txt
check "[[ $? -eq 0 ]] && grep -q 'entry 2 (contribution_change by PL) is in the tree of size 6, signed by PL' vpe.txt" \
  "inclusion proof with its entry: $(cat vpe.txt)"
sed 's/{\\"item\\":2,/{\\"item\\":7,/' proof2.json > proof2-other-entry.json
check "! cmp -s proof2.json proof2-other-entry.json" "the entry in the proof was not changed"
"$bin" ledger verify-proof --proof proof2-other-entry.json > vpo.txt
check "[[ $? -eq 1 ]] && grep -q 'not the proven leaf' vpo.txt" "a changed entry in a proof: $(cat vpo.txt)"
sed 's/"leaf_index":2/"leaf_index":3/' proof2.json > proof2-moved.json
"$bin" ledger verify-proof --proof proof2-moved.json > /dev/null
check "[[ $? -eq 1 ]]" "an inclusion proof for the wrong index verified"
"$bin" ledger consistency --data "$data" --from 3 > cons.json
"$bin" ledger verify-proof --proof cons.json --head head6.json --json > vc.json
check "[[ $? -eq 0 ]] && grep -q '\"ok\":true' vc.json" "consistency proof: $(cat vc.json)"

# A delegation keeps head6.json; the ledger grows; the kept head is consistent with it.
echo '{"decision": "remedy ordered"}' | "$bin" ledger append --data "$data" --party DE \
  --kind commission_decision --payload - > /dev/null
"$bin" ledger head --data "$data" > head7.json
"$bin" ledger check-head --data "$data" --head head6.json > ch.txt
check "[[ $? -eq 0 ]] && grep -q '^consistent' ch.txt" "check-head: $(cat ch.txt)"

# Tampering with the database file directly. Each case works on a fresh copy.
tamper() {  # NAME SQL
  rm -rf "$work/$1" && cp -r "$data" "$work/$1" && sqlite3 "$work/$1/ledger.db" "$2"
}
expect_verify() {  # NAME PATTERN [extra verify args]
  local name=$1 pattern=$2
  shift 2
  "$bin" ledger verify --data "$work/$name" "$@" > "$name.txt"
  local rc=$?
  check "[[ $rc -eq 1 ]] && grep -q '$pattern' $name.txt" "$name: expected '$pattern'; got: $(cat $name.txt)"
}
tamper edit "UPDATE entries SET payload = '{\"item\":2,\"units\":1200}' WHERE sequence = 2"
expect_verify edit 'NOT verified: altered at sequence 2'
# Not through SQLite: a byte of the file itself, as a disk editor would change it.
rm -rf "$work/bytes" && cp -r "$data" "$work/bytes"
perl -0777 -pi -e 's/"item":3,"units":13/"item":3,"units":93/' "$work/bytes/ledger.db"
check "! cmp -s '$data/ledger.db' '$work/bytes/ledger.db'" "the byte patch changed nothing"
expect_verify bytes 'NOT verified: altered at sequence 3'
# A file that is no longer a database at all is an error that names it, exit 1.
rm -rf "$work/garbled" && cp -r "$data" "$work/garbled"
printf 'not a database!!' | dd of="$work/garbled/ledger.db" bs=1 seek=0 count=16 conv=notrunc 2> /dev/null
"$bin" ledger verify --data "$work/garbled" > /dev/null 2> garbled.err
check "[[ $? -eq 1 ]] && grep -q 'ledger.db' garbled.err" "a garbled file: $(cat garbled.err)"
tamper delete "DELETE FROM entries WHERE sequence = 4"
expect_verify delete 'NOT verified: deleted at sequence 4'
tamper reorder "UPDATE entries SET sequence = -1 WHERE sequence = 1;
                UPDATE entries SET sequence = 1 WHERE sequence = 2;
                UPDATE entries SET sequence = 2 WHERE sequence = -1;"
expect_verify reorder 'NOT verified: reordered at sequence 1'
tamper insert "UPDATE entries SET sequence = -sequence - 1 WHERE sequence >= 3;
               UPDATE entries SET sequence = -sequence WHERE sequence < 0;
               INSERT INTO entries SELECT 3, kind, author, recorded_at, '{\"units\":999}',
                 previous_hash, zeroblob(32), signature FROM entries WHERE sequence = 4;"
expect_verify insert 'NOT verified: inserted at sequence 3'
tamper truncate "DELETE FROM entries WHERE sequence >= 5"
expect_verify truncate 'NOT verified: truncated at sequence 5'
"$bin" ledger verify --data "$work/edit" --json > edit.json
check "grep -q '\"ok\":false' edit.json && grep -q '\"kind\":\"altered\",\"sequence\":2' edit.json" \
  "verify --json: $(cat edit.json)"

# A truncation that also removes the log's own heads is caught only by a kept head.
tamper cleancut "DELETE FROM entries WHERE sequence >= 5; DELETE FROM tree_heads WHERE tree_size > 5"
"$bin" ledger verify --data "$work/cleancut" > /dev/null
check "[[ $? -eq 0 ]]" "a clean truncation without kept heads should verify (nothing to compare)"
expect_verify cleancut 'NOT verified: truncated at sequence 5' --head head7.json
"$bin" ledger check-head --data "$work/cleancut" --head head7.json > cut.txt
check "[[ $? -eq 1 ]] && grep -q '^truncated' cut.txt" "check-head after truncation: $(cat cut.txt)"

# A history rewritten by someone holding every key verifies on its own; the kept head exposes it.
tamper rewrite "DELETE FROM entries; DELETE FROM tree_heads"
for i in 0 1 2 3 4 5 6; do
  echo "{\"item\": $i, \"units\": 0}" | "$bin" ledger append --data "$work/rewrite" \
    --party FR --kind pledge --payload - > /dev/null
done
"$bin" ledger verify --data "$work/rewrite" > /dev/null
check "[[ $? -eq 0 ]]" "the rewritten ledger should verify on its own"
"$bin" ledger check-head --data "$work/rewrite" --head head6.json --json > rw.json
check "[[ $? -eq 1 ]] && grep -q '\"outcome\":\"rewritten\"' rw.json && grep -q conflicting_head rw.json" \
  "check-head on a rewritten history: $(cat rw.json)"
expect_verify rewrite 'NOT verified: fork' --head head6.json

# A registry kept apart: a public key swapped in the data directory does not fool verify --keys.
mkdir -p "$work/registry/keys" && cp "$data"/keys/*.public "$work/registry/keys/"
rm -rf "$work/swapped" && cp -r "$data" "$work/swapped"
"$bin" keys new --party XX --data "$work/other" > /dev/null
cp "$work/other/keys/XX.public" "$work/swapped/keys/DE.public"
expect_verify swapped 'NOT verified: bad_signature at sequence 1'
"$bin" ledger verify --data "$work/swapped" --keys "$work/registry" > /dev/null
check "[[ $? -eq 0 ]]" "verify --keys did not use the registry kept apart"

# Two processes appending at once: both serialised, nothing lost, the chain intact.
conc=$work/concurrent
"$bin" keys new --party FR --data "$conc" > /dev/null && "$bin" keys new --party DE --data "$conc" > /dev/null
for p in FR DE; do
  ( for i in 1 2 3 4 5 6; do
      echo "{\"by\": \"$p\", \"i\": $i}" | "$bin" ledger append --data "$conc" --party $p \
        --kind statement --payload - > /dev/null || echo "append by $p failed" >> conc.err
    done ) &
done
wait
check "[[ ! -s conc.err ]]" "a concurrent append failed: $(cat conc.err 2>/dev/null)"
"$bin" ledger verify --data "$conc" > conc.txt
check "[[ $? -eq 0 ]] && grep -q 'ledger verified: 12 entries' conc.txt" "concurrent appends: $(cat conc.txt)"

# Two delegations compare the heads they kept, without the ledger.
"$bin" ledger compare-heads --head head6.json --head head6.json --keys "$data" > cmp1.txt
check "[[ $? -eq 0 ]] && grep -q '^same_tree' cmp1.txt" "compare-heads same: $(cat cmp1.txt)"
"$bin" ledger compare-heads --head head6.json --head head7.json --keys "$data" > cmp2.txt
check "[[ $? -eq 1 ]] && grep -q '^needs_proof' cmp2.txt" "compare-heads sizes: $(cat cmp2.txt)"
"$bin" ledger consistency --data "$data" --from 6 --to 7 > cons67.json
"$bin" ledger compare-heads --head head6.json --head head7.json --keys "$data" --proof cons67.json > cmp3.txt
check "[[ $? -eq 0 ]] && grep -q '^consistent' cmp3.txt" "compare-heads with proof: $(cat cmp3.txt)"
"$bin" ledger head --data "$work/rewrite" > head-rewrite7.json
"$bin" ledger compare-heads --head head7.json --head head-rewrite7.json --keys "$data" --json > cmp4.json
check "[[ $? -eq 1 ]] && grep -q '\"outcome\":\"fork\"' cmp4.json" "compare-heads fork: $(cat cmp4.json)"
"$bin" ledger compare-heads --head head6.json --head head7.json --keys "$work/other" 2> cmp5.err
check "[[ $? -eq 1 ]] && grep -q 'log' cmp5.err" "compare-heads with another log key: $(cat cmp5.err)"

# Appends killed (SIGKILL) at random moments: the ledger always verifies, holds no half-written
# entry, and keeps every append that was acknowledged. (A killed process, not a power cut: this
# checks atomicity and recovery; durability across a power cut rests on synchronous=FULL.)
crash=$work/crash
"$bin" keys new --party FR --data "$crash" > /dev/null
acked=()
for round in $(seq 1 16); do
  echo "{\"round\": $round}" > crash.json
  "$bin" ledger append --data "$crash" --party FR --kind statement --payload crash.json --json \
    > "crash-ack$round.json" 2> /dev/null &
  pid=$!
  sleep "0.0$((RANDOM % 6))"
  kill -9 $pid 2> /dev/null
  wait $pid 2> /dev/null
  if grep -q '"sequence"' "crash-ack$round.json"; then acked+=("$round"); fi
  if [[ -f "$crash/ledger.db" ]]; then
    "$bin" ledger verify --data "$crash" > crash-verify.txt
    check "[[ $? -eq 0 ]]" "after a kill in round $round: $(cat crash-verify.txt)"
  fi
done
for round in "${acked[@]}"; do
  check "sqlite3 '$crash/ledger.db' \"SELECT 1 FROM entries WHERE payload = '{\\\"round\\\":$round}'\" | grep -q 1" \
    "acknowledged append of round $round is missing"
done
echo "crash rounds: ${#acked[@]} of 16 appends acknowledged before the kill"

# Errors name what is wrong.
"$bin" ledger append --data "$data" --party FR --kind gift --payload payload0.json 2> e1.err
check "[[ $? -eq 1 ]] && grep -q -- '--kind: expected one of pledge' e1.err" "bad kind: $(cat e1.err)"
"$bin" ledger append --data "$data" --party IT --kind pledge --payload payload0.json 2> e2.err
check "[[ $? -eq 1 ]] && grep -q 'keys new --party IT' e2.err" "unknown party: $(cat e2.err)"
echo '{"units":' > broken.json
"$bin" ledger append --data "$data" --party FR --kind pledge --payload broken.json 2> e3.err
check "[[ $? -eq 1 ]] && grep -q 'payload: expected a JSON object' e3.err" "bad payload: $(cat e3.err)"
"$bin" ledger verify --data "$work/nowhere" 2> e4.err
check "[[ $? -eq 1 ]] && grep -q 'expected a ledger database' e4.err" "missing ledger: $(cat e4.err)"
sed 's/"root_hash":"/"root_hash":"zz/' head6.json > badhead.json
"$bin" ledger check-head --data "$data" --head badhead.json 2> e5.err
check "[[ $? -eq 1 ]] && grep -q 'root_hash' e5.err" "malformed head: $(cat e5.err)"
chmod 644 "$data/keys/FR.secret"
"$bin" ledger append --data "$data" --party FR --kind pledge --payload payload0.json 2> e6.err
check "[[ $? -eq 1 ]] && grep -q 'expected permissions 0600' e6.err" "exposed key: $(cat e6.err)"
chmod 600 "$data/keys/FR.secret"

for cmd in "keys" "keys new" "keys list" "ledger" "ledger append" "ledger verify" "ledger head" \
           "ledger check-head" "ledger proof" "ledger consistency" "ledger verify-proof" \
           "ledger compare-heads"; do
  "$bin" $cmd --help > /dev/null 2>&1
  check "[[ $? -eq 0 ]]" "$cmd --help failed"
done
if [[ $fail -ne 0 ]]; then exit 1; fi
echo "ledger cli: all checks passed"
