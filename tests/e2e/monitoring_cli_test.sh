#!/usr/bin/env bash
# The monitoring commands end to end on a small simulated theatre: simulate -> replay (file and
# standard input give the same results) -> report --day -> cases list/show/decide -> evaluate.
# Usage: monitoring_cli_test.sh GUARANTOR SOURCE_DIR WORK_DIR
set -uo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src"
fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }
ex=examples/paris-2026

"$bin" simulate --scenario $ex --days 2 --seed 3 --events-per-day 150 --out "$work/sim" --quiet >/dev/null
check "[[ $? -eq 0 ]]" "simulate failed"
for f in truth observations links gaps assets; do
  check "[[ -s '$work/sim/$f.jsonl' ]]" "simulate wrote no $f.jsonl"
done

"$bin" replay --scenario $ex --observations "$work/sim/observations.jsonl" --gaps "$work/sim/gaps.jsonl" \
  --assets "$work/sim/assets.jsonl" --out "$work/file" --quiet --json > "$work/alerts.jsonl"
check "[[ $? -eq 0 ]]" "replay failed"
check "cmp -s '$work/sim/assets.jsonl' '$work/file/assets.jsonl'" "replay did not keep the assets with the results"
check "tail -1 '$work/alerts.jsonl' | grep -q '\"monitoring_assets\":$(wc -l < "$work/sim/assets.jsonl")'" \
  "the summary does not count the assets"
check "grep -q '\"alert\":\"violation_verified\"' '$work/alerts.jsonl'" "no violation alert printed"
check "grep -q '\"alert\":\"case_opened\"' '$work/alerts.jsonl'" "no case alert printed"
check "tail -1 '$work/alerts.jsonl' | grep -q '\"summary\"'" "no JSON summary at the end"
"$bin" replay --scenario $ex --gaps "$work/sim/gaps.jsonl" --out "$work/stdin" --quiet --no-alerts \
  < "$work/sim/observations.jsonl" > /dev/null
for f in incidents.jsonl cases.jsonl violations.geojson; do
  check "cmp -s '$work/file/$f' '$work/stdin/$f'" "$f differs between file and standard input"
done
# Reading and parsing on a second thread changes nothing: the same files, the same alerts.
"$bin" replay --scenario $ex --gaps "$work/sim/gaps.jsonl" --assets "$work/sim/assets.jsonl" \
  --out "$work/threads" --quiet --json --threads 2 < "$work/sim/observations.jsonl" > "$work/alerts-threads.jsonl"
for f in incidents.jsonl cases.jsonl activations.jsonl violations.geojson summary.json; do
  check "cmp -s '$work/file/$f' '$work/threads/$f'" "$f differs with --threads 2"
done
check "cmp -s '$work/alerts.jsonl' '$work/alerts-threads.jsonl'" "alerts differ with --threads 2"
# The same alerts as text, a line each, in the same order: the time, what arose, about which
# incident (or trigger), and a summary of the rules, the sources, the verification and the case.
"$bin" replay --scenario $ex --observations "$work/sim/observations.jsonl" --gaps "$work/sim/gaps.jsonl" \
  --quiet > "$work/alerts.txt"
stamp='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})'
text_violations=$(grep -cE "^$stamp  VIOLATION inc-[^ ]+  [a-z_]+ in [^ ]+ \([^)]+\), [0-9]+ source\(s\), verified by [a-z_:]+$" "$work/alerts.txt")
text_cases=$(grep -cE "^$stamp  CASE      inc-[^ ]+  case case-inc-[^ ]+: severity [0-9]+, (attributed to [A-Z]+|attribution undetermined)$" "$work/alerts.txt")
json_violations=$(grep -c '"alert":"violation_verified"' "$work/alerts.jsonl")
json_cases=$(grep -c '"alert":"case_opened"' "$work/alerts.jsonl")
check "[[ $text_violations -gt 0 && $text_violations -eq $json_violations ]]" \
  "text violation alerts: $text_violations well formed, against $json_violations in JSON"
check "[[ $text_cases -gt 0 && $text_cases -eq $json_cases ]]" \
  "text case alerts: $text_cases well formed, against $json_cases in JSON"
check "diff <(awk '\$2 != \"TRIGGER\" && /^[0-9]/ { print \$1, \$3 }' '$work/alerts.txt') \
  <(grep -v trigger_fired '$work/alerts.jsonl' | grep -o '\"at\":\"[^\"]*\",\"incident\":\"[^\"]*\"' | \
    sed -E 's/\"at\":\"([^\"]*)\",\"incident\":\"([^\"]*)\"/\1 \2/') >/dev/null" \
  "text and JSON alerts differ in time, incident or order"
# Streaming: alerts reach their reader while the input is still open, not when it ends.
mkfifo "$work/feed"
"$bin" replay --scenario $ex --quiet < "$work/feed" > "$work/streamed.txt" &
replay_pid=$!
exec 7> "$work/feed"
head -n 200 "$work/sim/observations.jsonl" >&7
for _ in $(seq 1 100); do
  if grep -q '  VIOLATION ' "$work/streamed.txt"; then break; fi
  sleep 0.1
done
check "grep -q '  VIOLATION ' '$work/streamed.txt'" "no alert printed while the input was open"
exec 7>&-
wait $replay_pid
check "[[ $? -eq 0 ]]" "replay from a pipe failed"
# A run's results replace the run before's only whole: a run that fails part way (here on a bad
# gaps file, read after the results were begun) leaves them as they were and no hidden file
# behind; a run without --gaps takes the earlier run's gaps.jsonl away.
cp -r "$work/threads" "$work/again"
echo '{"not":"a gap"}' > "$work/bad-gaps.jsonl"
"$bin" replay --scenario $ex --observations "$work/sim/observations.jsonl" \
  --gaps "$work/bad-gaps.jsonl" --out "$work/again" --quiet --no-alerts >/dev/null 2>&1
check "[[ $? -eq 1 ]]" "a replay with a bad gaps file did not fail"
check "diff -r -q '$work/threads' '$work/again' >/dev/null" "a failed replay changed the results before it"
"$bin" replay --scenario $ex --observations "$work/sim/observations.jsonl" --out "$work/again" \
  --quiet --no-alerts >/dev/null
check "[[ $? -eq 0 && ! -e '$work/again/gaps.jsonl' ]]" "a replay without --gaps kept an earlier run's gaps.jsonl"
check "cmp -s '$work/file/incidents.jsonl' '$work/again/incidents.jsonl'" "the replay into a used directory differs"
# An empty gaps file (a theatre without obstruction) is a gaps file: kept as such, not a failure.
: > "$work/no-gaps.jsonl"
"$bin" replay --scenario $ex --observations "$work/sim/observations.jsonl" \
  --gaps "$work/no-gaps.jsonl" --out "$work/again" --quiet --no-alerts >"$work/no-gaps.out" 2>&1
check "[[ $? -eq 0 && -f '$work/again/gaps.jsonl' && ! -s '$work/again/gaps.jsonl' ]]" \
  "a replay with an empty gaps file failed or kept no empty gaps.jsonl: $(cat "$work/no-gaps.out")"
check "[[ -z \"\$(find '$work/again' '$work/sim' -name '.*.partial')\" ]]" "a hidden partial file was left behind"
# The benchmarks' fusion stage (--fuse-only) fuses as the whole pipeline does: the same incidents,
# as many verified; and it concludes nothing.
fields() { sed 's/.*"incidents":\([0-9]*\),"verified":\([0-9]*\).*/\1 \2/' "$1"; }
"$bin" replay --scenario $ex --observations "$work/sim/observations.jsonl" --fuse-only --quiet \
  --json > "$work/fused.json"
check "[[ \"\$(fields '$work/fused.json')\" == \"\$(fields '$work/file/summary.json')\" ]]" \
  "--fuse-only counted other incidents than the full replay"
check "! grep -q 'cases_opened' '$work/fused.json'" "--fuse-only reported cases it did not open"
"$bin" replay --scenario $ex --observations "$work/sim/observations.jsonl" --fuse-only \
  --out "$work/fused" --quiet > /dev/null 2>&1
check "[[ $? -ne 0 && ! -e '$work/fused' ]]" "--fuse-only wrote results it did not conclude"

day=$(head -1 "$work/file/incidents.jsonl" | sed 's/.*"day":"\([0-9-]*\)".*/\1/')
"$bin" report --scenario $ex --result "$work/file" --day "$day" --geojson "$work/day.geojson" > "$work/report.md"
check "[[ $? -eq 0 ]]" "report failed"
check "grep -q '## Obstruction and monitoring gaps' '$work/report.md'" "report lacks the obstruction section"
# The assets kept with the results: the share of each named sector they watched, by any and by
# type, each a share in [0, 1].
watched=$(sed -n "/^## Watched by the mission's assets$/,/^## /p" "$work/report.md" | grep '^| [A-Z][a-z]')
check "[[ $(grep -c . <<< "$watched") -eq 5 ]]" "report lists no share watched for each of the 5 named sectors"
outside=$(awk -F'|' '{ for (i = 3; i < NF; ++i) if ($i + 0 < 0 || $i + 0 > 1) ++n } END { print n + 0 }' <<< "$watched")
check "[[ $outside -eq 0 ]]" "$outside share(s) watched lie outside [0, 1]"
# A bad asset record: the replay stops, naming the line and field, and writes nothing.
sed '3s/"range_km":[0-9.]*/"range_km":-1/' "$work/sim/assets.jsonl" > "$work/bad-assets.jsonl"
"$bin" replay --scenario $ex --observations "$work/sim/observations.jsonl" \
  --assets "$work/bad-assets.jsonl" --out "$work/bad-assets" --quiet --no-alerts >/dev/null 2>"$work/bad-assets.err"
check "[[ $? -eq 1 && ! -e '$work/bad-assets/incidents.jsonl' ]]" "a bad asset record did not stop the replay"
check "grep -q 'bad-assets.jsonl:3: range_km: expected a number in \[0.001, 500\]' '$work/bad-assets.err'" \
  "the bad asset record was not named: $(cat "$work/bad-assets.err")"
check "grep -q '\"type\":\"FeatureCollection\"' '$work/day.geojson'" "report wrote no GeoJSON"
"$bin" report --scenario $ex --result "$work/file" --day "$day" --geojson "$work/no-such-dir/day.geojson" \
  >/dev/null 2>"$work/geojson.err"
check "[[ $? -eq 1 ]] && grep -q 'no-such-dir/day.geojson: could not write' '$work/geojson.err'" \
  "report did not say it could not write its GeoJSON"
# The example names five sectors: every one is a row, and the rows (with any outside them) add
# up to the day's verified violations.
sector_rows=$(sed -n '/^## Verified violations by sector$/,/^## /p' "$work/report.md" | grep -c '^| [A-Z][a-z]')
check "[[ $sector_rows -eq 5 ]]" "report lists $sector_rows named sectors, not the example's 5"
in_sectors=$(sed -n '/^## Verified violations by sector$/,/^## /p' "$work/report.md" | grep '^| [A-Za-z]' |
  grep -v '^| sector' | awk -F'|' '{s += $3} END {print s + 0}')
verified=$(grep '^| verified violations |' "$work/report.md" | awk -F'|' '{print $3 + 0}')
check "[[ $verified -gt 0 && $in_sectors -eq $verified ]]" "sector rows add up to $in_sectors, not $verified"
check "[[ \$(grep -o '\"sector\":' '$work/day.geojson' | wc -l) -eq $verified ]]" \
  "not every violation in the day's GeoJSON names its sector"
"$bin" report --scenario $ex --result "$work/file" --day 2026-13-01 >/dev/null 2>&1
check "[[ $? -eq 1 ]]" "report accepted a bad day"
# The report of a period is the sum of its days' reports: verified violations, cases opened and
# the GeoJSON's features, each day reported on its own and added up here.
first=$(sed -n 's/.*"day":"\([0-9-]*\)".*/\1/p' "$work/file/incidents.jsonl" | sort | head -1)
last=$(sed -n 's/.*"day":"\([0-9-]*\)".*/\1/p' "$work/file/incidents.jsonl" | sort | tail -1)
"$bin" report --scenario $ex --result "$work/file" --from "$first" --to "$last" --json \
  --geojson "$work/period.geojson" > "$work/period.json"
check "[[ $? -eq 0 && '$first' < '$last' ]]" "the period report of $first to $last failed"
violations=0 opened=0 features=0 days=0
d=$first
while [[ ! $d > $last ]]; do
  "$bin" report --scenario $ex --result "$work/file" --day "$d" --json --geojson "$work/one.geojson" > "$work/one.json"
  violations=$((violations + $(sed 's/.*"verified_violations":\([0-9]*\),"rounds".*/\1/' "$work/one.json")))
  opened=$((opened + $(grep -o '"cases_opened":\[[^]]*\]' "$work/one.json" | grep -o '"case-' | wc -l)))
  features=$((features + $(grep -o '"type":"Feature"' "$work/one.geojson" | wc -l)))
  days=$((days + 1))
  d=$(date -u -d "$d + 1 day" +%F)
done
check "grep -q '\"totals\":{[^}]*\"verified_violations\":$violations,' '$work/period.json'" \
  "the period's verified violations are not the days' $violations: $(head -c 300 "$work/period.json")"
check "grep -q '\"cases_opened\":$opened,\"decisions\"' '$work/period.json'" "the period's cases opened are not the days' $opened"
check "[[ \$(grep -o '{\"day\":' '$work/period.json' | wc -l) -eq $days ]]" "the period does not list its $days days"
check "[[ \$(grep -o '\"type\":\"Feature\"' '$work/period.geojson' | wc -l) -eq $features && $features -gt 0 ]]" \
  "the period's GeoJSON does not hold the days' $features features"
"$bin" report --scenario $ex --result "$work/file" --from "$first" >/dev/null 2>"$work/period.err"
check "[[ $? -eq 2 ]] && grep -q 'expected --day D, or --from D1 --to D2' '$work/period.err'" "a period without its end was taken"
"$bin" report --scenario $ex --result "$work/file" --from "$last" --to "$first" >/dev/null 2>"$work/period.err"
check "[[ $? -eq 1 ]] && grep -q -- '--to: expected a day from ' '$work/period.err'" "a period ending before it began was taken"

case_id=$("$bin" cases list --result "$work/file" --json | head -1 | sed 's/^{"case":"\([^"]*\)".*/\1/')
check "[[ -n '$case_id' ]]" "no case listed"
# The table people read: a row per case, and the count under it.
"$bin" cases list --result "$work/file" > "$work/cases.md"
cases=$(wc -l < "$work/file/cases.jsonl")
check "[[ \$(grep -c '^| case-' '$work/cases.md') -eq $cases ]]" "cases list has not a row for each of the $cases cases"
check "grep -q '^$cases case(s)$' '$work/cases.md'" "cases list does not count its cases"
"$bin" cases decide --result "$work/file" "$case_id" --to closed --by x --at 2026-03-01T00:00:00Z --reason r >/dev/null 2>&1
check "[[ $? -eq 1 ]]" "a forbidden transition was accepted"
check "[[ ! -e '$work/file/decisions.jsonl' ]]" "a refused decision was recorded"
# A decision the disk refuses (here a file size limit of 0, its signal ignored, so that every
# write fails with EFBIG as a full disk fails with ENOSPC) is an error, not a silent loss; and the
# case stays as it was. (Its errors go through a pipe: the limit would refuse them a file too.)
(trap '' XFSZ; ulimit -f 0; exec "$bin" cases decide --result "$work/file" "$case_id" --to under_review \
  --by member-fr --at 2026-03-01T00:00:00Z --reason "claimed" 2>&1 >/dev/null) | cat >"$work/full.err"
check "[[ ${PIPESTATUS[0]} -eq 1 ]]" "a decision the disk refused was reported as recorded"
check "grep -q 'decisions.jsonl: could not append the decision: .*; the decision was not recorded' '$work/full.err'" \
  "the refused decision's error does not name the file and the loss: $(cat "$work/full.err")"
check "[[ ! -s '$work/file/decisions.jsonl' ]]" "a decision the disk refused left a part of itself"
rm -f "$work/file/decisions.jsonl"
"$bin" cases decide --result "$work/file" "$case_id" --to under_review --by member-fr \
  --at 2026-03-01T00:00:00Z --reason "claimed" >/dev/null
check "[[ $? -eq 0 ]]" "a valid decision was refused"
check "\"$bin\" cases list --result '$work/file' --state under_review | grep -q '^| $case_id | under_review |'" "decision not applied"
# The daily report of the decision's day (the agreement's local time, UTC+2) lists it.
"$bin" report --scenario $ex --result "$work/file" --day 2026-03-01 > "$work/decided.md"
check "grep -q '^| Commission decisions | 1 |$' '$work/decided.md'" "the report does not count the day's decision"
check "grep -q '| $case_id | under_review | member-fr | claimed |' '$work/decided.md'" "the report does not list the day's decision"
# A decision holds the digest of the case it decided: a replay of the same reports into the same
# directory keeps it valid, and a case of that id that differs in anything (an earlier or a
# later run's) is refused, naming the decision's line and field.
"$bin" replay --scenario $ex --observations "$work/sim/observations.jsonl" --gaps "$work/sim/gaps.jsonl" \
  --out "$work/file" --quiet --no-alerts >/dev/null 2>&1
check "\"$bin\" cases list --result '$work/file' --state under_review | grep -q '^| $case_id | under_review |'" \
  "a replay of the same reports lost the decision"
rm -rf "$work/other" && cp -r "$work/file" "$work/other"
sed -i "/\"case\":\"$case_id\"/s/opened automatically/opened automatically (edited)/" "$work/other/cases.jsonl"
check "! cmp -s '$work/file/cases.jsonl' '$work/other/cases.jsonl'" "the test did not change the decided case"
"$bin" cases list --result "$work/other" >/dev/null 2>"$work/other.err"
check "[[ $? -eq 1 ]] && grep -q 'decisions.jsonl:1: case_sha256: expected the digest of case $case_id' '$work/other.err'" \
  "a decision taken on another record of its case was applied: $(cat "$work/other.err")"
"$bin" report --scenario $ex --result "$work/other" --day 2026-03-01 >/dev/null 2>"$work/other-report.err"
check "[[ $? -eq 1 ]] && grep -q 'decisions.jsonl:1: case_sha256' '$work/other-report.err'" \
  "the daily report listed a decision taken on another record of its case"
"$bin" cases show --result "$work/file" "$case_id" --observations "$work/sim/observations.jsonl" --json > "$work/case.json"
check "grep -q '\"raw_observations\":\[{' '$work/case.json'" "case show did not reach the raw reports"
check "grep -q '\"incident_record\"' '$work/case.json'" "case show did not include its incident"
# Without --json, the dossier people read: the case in its state, every raw report a row, and the
# decision just recorded.
"$bin" cases show --result "$work/file" "$case_id" --observations "$work/sim/observations.jsonl" > "$work/case.md"
check "grep -q '^# Case $case_id: under_review$' '$work/case.md'" "the dossier does not open with the case and its state"
reports=$(grep -c '^| obs-' "$work/case.md")
members=$(grep -o '"observations":\[[^]]*\]' "$work/case.json" | head -1 | grep -o '"obs-[^"]*"' | wc -l)
check "[[ $reports -gt 0 && $reports -eq $members ]]" "the dossier shows $reports raw reports for $members members"
check "grep -q '| open | under_review | member-fr | claimed |' '$work/case.md'" "the dossier lacks the decision"
# Deciding a remedy means stating it: without --remedy the decision is refused and nothing is
# recorded; with it, the remedy is kept with the decision, in the dossier and in the day's report.
"$bin" cases decide --result "$work/file" "$case_id" --to attributed --by commission \
  --at 2026-03-01T06:00:00Z --reason "origin inside the control area" >/dev/null
check "[[ $? -eq 0 ]]" "the attribution was refused"
decided=$(wc -l < "$work/file/decisions.jsonl")
"$bin" cases decide --result "$work/file" "$case_id" --to remedy_decided --by commission \
  --at 2026-03-01T08:00:00Z --reason "repeated fire" >/dev/null 2>"$work/remedy.err"
check "[[ $? -eq 2 ]] && grep -q -- '--remedy: a remedy_decided decision must state the remedy' '$work/remedy.err'" \
  "a remedy was decided without being stated: $(cat "$work/remedy.err")"
check "[[ \$(wc -l < '$work/file/decisions.jsonl') -eq $decided ]]" "a refused remedy decision was recorded"
# A deadline is a day no earlier than the decision's, and only with a remedy.
for due in 2026-02-28 2026-3-04; do
  "$bin" cases decide --result "$work/file" "$case_id" --to remedy_decided --by commission \
    --at 2026-03-01T08:00:00Z --reason "repeated fire" --remedy "withdraw the battery" \
    --remedy-due $due >/dev/null 2>"$work/due.err"
  check "[[ $? -eq 2 ]] && grep -q -- '--remedy-due: expected a day' '$work/due.err'" \
    "a remedy due $due was taken: $(cat "$work/due.err")"
done
check "[[ \$(wc -l < '$work/file/decisions.jsonl') -eq $decided ]]" "a refused deadline was recorded"
"$bin" cases decide --result "$work/file" "$case_id" --to remedy_decided --by commission \
  --at 2026-03-01T08:00:00Z --reason "repeated fire" --remedy "withdraw the battery | report in 48 h" \
  --remedy-due 2026-03-04 --json > "$work/remedy.json"
check "[[ $? -eq 0 ]]" "a remedy decision was refused"
check "grep -q '^{\"case\":\"$case_id\",\"state\":\"remedy_decided\",\"recorded\":{.*\"remedy\":\"withdraw the battery | report in 48 h\",\"remedy_due\":\"2026-03-04\"' '$work/remedy.json'" \
  "decide --json did not print the case, its state and the decision: $(cat "$work/remedy.json")"
"$bin" cases show --result "$work/file" "$case_id" > "$work/case.md"
check "grep -q '| attributed | remedy_decided | commission | repeated fire | withdraw the battery \\\\| report in 48 h (due 2026-03-04) |' '$work/case.md'" \
  "the dossier lacks the remedy: $(grep remedy_decided "$work/case.md")"
"$bin" report --scenario $ex --result "$work/file" --day 2026-03-01 > "$work/decided.md"
check "grep -q '| $case_id | remedy_decided | commission | repeated fire | withdraw the battery \\\\| report in 48 h | 2026-03-04 |' '$work/decided.md'" \
  "the daily report lacks the remedy"
# The queue of remedies due: this case from its deadline on, none the day before.
"$bin" cases list --result "$work/file" --remedy-due-by 2026-03-04 --json > "$work/due.jsonl"
check "[[ \$(wc -l < '$work/due.jsonl') -eq 1 ]] && grep -q '^{\"case\":\"$case_id\"' '$work/due.jsonl'" \
  "cases list --remedy-due-by does not list the remedy due: $(cat "$work/due.jsonl")"
"$bin" cases list --result "$work/file" --remedy-due-by 2026-03-03 > "$work/due.md"
check "grep -q '^0 case(s)$' '$work/due.md'" "cases list --remedy-due-by lists a remedy before its deadline"
"$bin" cases list --result "$work/file" --remedy-due-by 2026-03-32 > /dev/null 2> "$work/due.err"
check "[[ $? -eq 2 ]] && grep -q -- '--remedy-due-by: expected a day YYYY-MM-DD' '$work/due.err'" \
  "cases list took a day that does not exist: $(cat "$work/due.err")"
# Once its day has passed, the remedy is listed as overdue in each day's report.
"$bin" report --scenario $ex --result "$work/file" --day 2026-03-05 > "$work/overdue.md"
check "grep -q '^- \`$case_id\`: withdraw the battery \\\\| report in 48 h (due 2026-03-04, overdue)$' '$work/overdue.md'" \
  "the report after the deadline does not list the remedy as overdue: $(grep -A3 'Remedies due' "$work/overdue.md")"
# A remedy still awaited past its day fires the example's remedy_ignored trigger (party RU, 24 h of
# grace) when the case is attributed to RU: at midnight after 2026-03-04, plus a day. The time of
# evaluation decides; the wall clock does not.
party=$("$bin" cases list --result "$work/file" --json | grep "\"case\":\"$case_id\"" |
  sed -n 's/.*"attributed_party":"\([^"]*\)".*/\1/p')
"$bin" activate --result "$work/file" --scenario $ex --as-of 2026-03-05T23:59:59+02:00 --json > "$work/before.json"
check "[[ $? -eq 0 ]] && ! grep -q '\"trigger\":\"remedy-ignored\"' '$work/before.json'" \
  "remedy_ignored fired before its grace had run"
"$bin" activate --result "$work/file" --scenario $ex --as-of 2026-03-06T00:00:00+02:00 --json > "$work/after.json"
check "[[ $? -eq 0 ]]" "activate --as-of failed"
"$bin" activate --result "$work/file" --json > "$work/plain.json"
if [[ $party == RU ]]; then
  check "grep -q '{\"trigger\":\"remedy-ignored\",\"fired_at\":\"2026-03-06T00:00:00+02:00\",[^{]*\"facts\":\[\"$case_id\"\]' '$work/after.json'" \
    "remedy_ignored did not fire on the remedy RU left undone: $(cat "$work/after.json")"
  check "grep -q '\"commitment\":\"eu-sanctions-remedy\",\"party\":\"EU\"' '$work/after.json'" \
    "the remedy_ignored activation lacks its obligations"
else
  check "! grep -q 'remedy-ignored' '$work/after.json'" "remedy_ignored fired on a case attributed to '$party'"
fi
check "! grep -q 'remedy-ignored' '$work/plain.json'" "activate without --as-of evaluated the remedies"
"$bin" activate --result "$work/file" --as-of 2026-03-06T00:00:00+02:00 > /dev/null 2> "$work/asof.err"
check "[[ $? -eq 2 ]] && grep -q -- '--as-of: expected --scenario as well' '$work/asof.err'" \
  "activate --as-of without a scenario: $(cat "$work/asof.err")"
# The Commission attributes responsibility where the engine could not: an attributed decision on
# an undetermined case must name the party; no other decision names one. The party it names is the
# one a remedy ignored then counts against (here earlier than the remedy above).
rm -rf "$work/named" && cp -r "$work/file" "$work/named"
open_case=$("$bin" cases list --result "$work/named" --state open --json |
  grep '"attributed_party":"undetermined"' | head -1 | sed 's/^{"case":"\([^"]*\)".*/\1/')
check "[[ -n '$open_case' ]]" "the theatre has no open undetermined case to attribute"
decide() { "$bin" cases decide --result "$work/named" "$open_case" --by commission "$@"; }
decide --to under_review --at 2026-03-01T06:00:00Z --reason claimed > /dev/null
decide --to attributed --at 2026-03-01T07:00:00Z --reason "crater analysis" > /dev/null 2> "$work/party.err"
check "[[ $? -eq 2 ]] && grep -q -- '--party: the engine left this case undetermined' '$work/party.err'" \
  "an undetermined case was attributed to nobody: $(cat "$work/party.err")"
decide --to attributed --at 2026-03-01T07:00:00Z --reason "crater analysis" --party 'R U' > /dev/null 2> "$work/party.err"
check "[[ $? -eq 2 ]] && grep -q -- '--party: expected a party code' '$work/party.err'" \
  "a malformed party was taken: $(cat "$work/party.err")"
decide --to attributed --at 2026-03-01T07:00:00Z --reason "crater analysis" --party RU > /dev/null
check "[[ $? -eq 0 ]] && tail -1 '$work/named/decisions.jsonl' | grep -q '\"party\":\"RU\"'" \
  "the attribution to RU was not recorded with its party"
decide --to remedy_decided --at 2026-03-01T08:00:00Z --reason "fire" --remedy "stop" --remedy-due 2026-03-02 \
  --party RU > /dev/null 2> "$work/party.err"
check "[[ $? -eq 2 ]] && grep -q -- '--party: only an attributed decision names' '$work/party.err'" \
  "a remedy decision named a party: $(cat "$work/party.err")"
decide --to remedy_decided --at 2026-03-01T08:00:00Z --reason "fire" --remedy "stop" --remedy-due 2026-03-02 > /dev/null
"$bin" cases show --result "$work/named" "$open_case" > "$work/named.md"
check "grep -q '| under_review | attributed (RU) | commission | crater analysis |' '$work/named.md'" \
  "the dossier does not show the party held responsible: $(grep attributed "$work/named.md")"
"$bin" cases list --result "$work/named" > "$work/named-list.md"
check "grep -q '^| $open_case | remedy_decided | [0-9] | undetermined; RU by the Commission | ' '$work/named-list.md'" \
  "cases list does not show the Commission's attribution: $(grep "$open_case" "$work/named-list.md")"
"$bin" activate --result "$work/named" --scenario $ex --as-of 2026-03-04T00:00:00+02:00 --json > "$work/named.json"
check "grep -q '{\"trigger\":\"remedy-ignored\",\"fired_at\":\"2026-03-04T00:00:00+02:00\",[^{]*\"facts\":\[\"$open_case\"\]' '$work/named.json'" \
  "the remedy of the case the Commission attributed to RU did not fire remedy_ignored: $(cat "$work/named.json")"
"$bin" activate --result "$work/file" --scenario $ex --as-of 2026-03-06 > /dev/null 2> "$work/asof.err"
check "[[ $? -eq 2 ]] && grep -q -- '--as-of: expected an RFC 3339 time' '$work/asof.err'" \
  "activate --as-of took a day: $(cat "$work/asof.err")"

# Hand-edited results: a bad field names the file, the line and the field, and nothing is shown.
mkdir -p "$work/bad"
cp "$work/file/cases.jsonl" "$work/bad/"
sed 's/"at":"[^"]*"/"at":"2026-03-01 00:00"/' "$work/file/decisions.jsonl" > "$work/bad/decisions.jsonl"
"$bin" cases list --result "$work/bad" > "$work/bad.out" 2> "$work/bad.err"
check "[[ $? -eq 1 && ! -s '$work/bad.out' ]]" "cases list accepted a decision with a bad time"
check "grep -q 'decisions.jsonl:1: at: expected an RFC 3339' '$work/bad.err'" \
  "cases list did not name the bad decision's file, line and field: $(cat "$work/bad.err")"
rm "$work/bad/decisions.jsonl"
sed '2s/\("history":\[{[^}]*"at":"[^"]*\)"/\1X"/' \
  "$work/file/cases.jsonl" > "$work/bad/cases.jsonl"
check "! cmp -s '$work/file/cases.jsonl' '$work/bad/cases.jsonl'" "the test did not corrupt cases.jsonl"
second_case=$(sed -n '2s/^{"case":"\([^"]*\)".*/\1/p' "$work/file/cases.jsonl")
"$bin" cases show --result "$work/bad" "$second_case" > "$work/bad.out" 2> "$work/bad.err"
check "[[ $? -eq 1 && ! -s '$work/bad.out' ]]" "cases show accepted a case opened at a bad time"
check "grep -q 'cases.jsonl:2: at: expected an RFC 3339' '$work/bad.err'" \
  "cases show did not name the bad case's file, line and field: $(cat "$work/bad.err")"
# Showing one case reads that case's line only; listing them all reads every line.
"$bin" cases show --result "$work/bad" "$case_id" > "$work/bad.out" 2> "$work/bad.err"
check "[[ $? -eq 0 ]] && grep -q '^# Case $case_id: open$' '$work/bad.out'" \
  "cases show of a good case failed on another case's line: $(cat "$work/bad.err")"
"$bin" cases list --result "$work/bad" > /dev/null 2> "$work/bad.err"
check "grep -q 'cases.jsonl:2: at: expected an RFC 3339' '$work/bad.err'" "cases list passed over a bad case"
mkdir -p "$work/badtruth"
cp "$work/sim/links.jsonl" "$work/badtruth/"
sed '3s/"weapon_class":"[^"]*"/"weapon_class":"catapult"/' "$work/sim/truth.jsonl" > "$work/badtruth/truth.jsonl"
"$bin" evaluate --scenario $ex --truth "$work/badtruth" --result "$work/file" > "$work/bad.out" 2> "$work/bad.err"
check "[[ $? -ne 0 && ! -s '$work/bad.out' ]]" "evaluate accepted a truth with a bad weapon class"
check "grep -q 'truth.jsonl:3: weapon_class: expected one of: ' '$work/bad.err'" \
  "evaluate did not name the bad truth's file, line and field: $(cat "$work/bad.err")"

"$bin" evaluate --scenario $ex --truth "$work/sim" --result "$work/file" --json > "$work/eval.json"
check "[[ $? -eq 0 ]]" "evaluate failed"
check "grep -q '\"f1\":' '$work/eval.json'" "evaluate printed no F1"
check "grep -q '\"recall_by_reports\":\[{\"reports\":\"1\"' '$work/eval.json'" \
  "evaluate printed no recall by how events were reported"
"$bin" evaluate --scenario $ex --truth "$work/sim" --result "$work/file" > "$work/eval.md"
check "grep -q '^| three or more reports | ' '$work/eval.md'" "evaluate's table of recall by reports is missing"

for cmd in replay evaluate report "cases list" "cases show" "cases decide"; do
  "$bin" $cmd --help >/dev/null 2>&1
  check "[[ $? -eq 0 ]]" "$cmd --help failed"
done
if [[ $fail -ne 0 ]]; then exit 1; fi
echo "monitoring cli: all checks passed"
