#!/usr/bin/env bash
# The real-data commands (docs/real-data.md) through the CLI: import by mapping on the synthetic
# UCDP GED file, with its counts, rejections, --strict and --json; a broken mapping; loc derive
# on synthetic areas, its output named as a scenario's line of contact; assess --archive
# --reference on the imported file. Needs no shared data.
# Usage: real_data_cli_test.sh GUARANTOR SOURCE_DIR WORK_DIR
set -uo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }
ged=$src/tests/data/ucdp-ged/ged-synthetic.csv
mapping=$src/examples/mappings/ucdp-ged.yaml

# Import: 3 of 5 rows, one skipped by rule, one rejected with its row and line.
"$bin" import --mapping "$mapping" --csv "$ged" --out "$work/obs.jsonl" --reference "$work/ref.jsonl" \
  --json >"$work/import.json" 2>"$work/import.err"
check "[[ $? -eq 0 ]]" "import failed: $(cat "$work/import.err")"
check "grep -q '\"data_rows\":5,\"imported\":3,\"skipped\":1,\"rejected\":1' '$work/import.json'" \
  "import --json counts: $(cat "$work/import.json")"
check "grep -q 'ged-synthetic.csv:6: time: row 5: matches no time format' '$work/import.err'" \
  "import did not name row 5: $(cat "$work/import.err")"
check "[[ \$(wc -l < '$work/obs.jsonl') -eq 3 && \$(wc -l < '$work/ref.jsonl') -eq 3 ]]" \
  "import wrote the wrong number of lines"

# --strict with a rejected row: exit 1, nothing written.
"$bin" import --mapping "$mapping" --csv "$ged" --out "$work/strict.jsonl" --strict --quiet \
  >/dev/null 2>&1
check "[[ $? -eq 1 && ! -e '$work/strict.jsonl' ]]" "import --strict wrote output or exited 0"

# A Windows-1252 byte in a file declared UTF-8: exit 1, the byte offset named, nothing written.
printf 'id,date_start\n1,caf\xe9\n' >"$work/latin.csv"
"$bin" import --mapping "$mapping" --csv "$work/latin.csv" --out "$work/latin.jsonl" \
  >/dev/null 2>"$work/latin.err"
check "[[ $? -eq 1 && ! -e '$work/latin.jsonl' ]]" "undecodable file was imported"
check "grep -q 'byte offset 19 (line 2): not valid utf-8 at byte 0xE9' '$work/latin.err'" \
  "decoding error: $(cat "$work/latin.err")"

# A broken mapping: every error with its line and column.
printf 'format: guarantor-csv-mapping/1\nname: x\nencoding: utf-8\ntime_formats: ["%%Y"]\nfields: {}\nextra: 1\n' \
  >"$work/bad.yaml"
"$bin" import --mapping "$work/bad.yaml" --csv "$ged" --out "$work/x.jsonl" >/dev/null 2>"$work/bad.err"
check "[[ $? -eq 1 ]]" "a broken mapping was accepted"
check "grep -q 'bad.yaml:6:1: extra: unknown key' '$work/bad.err'" "mapping error: $(cat "$work/bad.err")"
check "grep -q 'time_formats\[0\]: pattern' '$work/bad.err'" "pattern error: $(cat "$work/bad.err")"

# loc derive on synthetic areas: a border [30,40]x[45,52], control from 37 E past the border.
cat >"$work/border.geojson" <<'JSON'
{"type": "Polygon", "coordinates": [[[30, 45], [40, 45], [40, 52], [30, 52], [30, 45]]]}
JSON
mkdir -p "$work/maps" "$work/scenario"
cat >"$work/maps/area_20230301.geojson" <<'JSON'
{"type": "Polygon", "coordinates": [[[37, 47], [40.5, 47], [40.5, 50], [37, 50], [37, 47]]]}
JSON
"$bin" loc derive --control "$work/maps" --date 2023-03-20 --border "$work/border.geojson" \
  --out "$work/scenario/line.geojson" --this-side "$work/scenario/b.geojson" \
  --other-side "$work/scenario/a.geojson" --json >"$work/derive.json" 2>"$work/derive.err"
check "[[ $? -eq 0 ]]" "loc derive failed: $(cat "$work/derive.err")"
check "grep -q '\"parts\":1,\"length_km\":7[5-8][0-9]' '$work/derive.json'" \
  "loc derive length: $(cat "$work/derive.json")"
"$bin" loc derive --control "$work/maps" --date 2023-02-01 --border "$work/border.geojson" \
  --out "$work/none.geojson" >/dev/null 2>"$work/early.err"
check "[[ $? -eq 1 ]] && grep -q 'no map on or before 2023-02-01' '$work/early.err'" \
  "a date before the first map: $(cat "$work/early.err")"
"$bin" loc control --control "$work/maps" --border "$work/border.geojson" --date 2023-04-01 \
  --lat 48.5 --lon 38 --inside B --outside A >"$work/control.out" 2>&1
check "grep -qx 'B (map of 2023-03-01)' '$work/control.out'" "loc control: $(cat "$work/control.out")"

# The derived line as a scenario's line of contact, and assess --archive --reference.
sed -e 's/line_of_contact: line.geojson/line_of_contact: line.geojson/' >"$work/scenario/scenario.yaml" <<'YAML'
format: guarantor-scenario/1
id: derived
name: Derived line
parties:
  - {id: A, name: Party A, kind: state, roles: [monitored_party]}
  - {id: B, name: Party B, kind: state, roles: [monitored_party]}
agreement:
  id: ceasefire
  name: Ceasefire
  effective: 2020-01-01T00:00:00Z
  line_of_contact: line.geojson
  control_areas:
    - {party: A, area: a.geojson}
    - {party: B, area: b.geojson}
  security_zone: {width_each_side_km: 15}
  prohibitions:
    - {id: fire, description: Any explosion, kinds: [explosion], where: anywhere}
YAML
"$bin" validate "$work/scenario" >"$work/validate.out" 2>&1
check "[[ $? -eq 0 ]]" "the scenario naming a derived line is invalid: $(cat "$work/validate.out")"
"$bin" assess --archive --scenario "$work/scenario" --observations "$work/obs.jsonl" \
  --reference "$work/ref.jsonl" --out "$work/assess" --json >"$work/assess.json" 2>"$work/assess.err"
check "[[ $? -eq 0 ]]" "assess --archive --reference failed: $(cat "$work/assess.err")"
check "[[ -s '$work/assess/attributions.jsonl' && -s '$work/assess/attribution.md' ]]" \
  "assess --reference wrote no attribution files"
check "grep -q '\"attribution\":{\"accuracy\"' '$work/assess.json'" "assess --json: $(cat "$work/assess.json")"
# Without --archive, a record months after the latest is rejected by the live-feed 24 h rule.
{ cat "$work/obs.jsonl"; head -1 "$work/obs.jsonl" | sed 's/"ged-900001"/"later"/; s/2023-03-14/2023-06-14/'; } \
  >"$work/gap.jsonl"
"$bin" assess --scenario "$work/scenario" --observations "$work/gap.jsonl" --out "$work/live" \
  --quiet >/dev/null 2>"$work/live.err"
check "grep -q 'expected at most 24 h after' '$work/live.err'" "the live-feed rule did not apply"

exit $fail
