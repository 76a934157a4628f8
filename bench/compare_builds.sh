#!/usr/bin/env bash
# Two builds of guarantor side by side, as the before-and-after figures of docs/performance.md §5
# are taken: the same replay run interleaved (A, B, A, B, ...) on one core, so that the machine's
# drift from hour to hour falls on both alike, with the median, best and worst seconds of each and
# B's median against A's. Then one replay of each with --out, alerts included: every output must
# be the same bytes, since a step taken for speed must not change a result.
#
# Usage: bench/compare_builds.sh [--runs N] [--observations FILE] [--mode MODE] [--out DIR]
#                                [--quiet] A B
#   A, B            a git revision (built in a temporary worktree: release preset, the guarantor
#                   target only) or the path of a guarantor binary
#   --runs N        timed runs of each (default 5)
#   --observations FILE
#                   the replay's input (default: the first three days of bench/monitoring.sh's
#                   dense theatre, seed 42, 180 000 real events a day: about 1 M reports)
#   --mode MODE     what is timed: full (end to end, the default), parse-only or fuse-only
#   --out DIR       where the table and the figures as JSON Lines go (default out/bench)
#   --quiet         no line per run (there is none either when standard error is not a terminal)
# Exits 1 when the two builds' outputs differ, 2 on a usage error.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() {  # the comment above; on standard output for --help, else on standard error
  if [[ $1 == 0 ]]; then sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; else
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; fi
  exit "$1"
}
runs=5
observations=""
mode=full
out=out/bench
quiet=""
builds=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --observations) observations=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --quiet) quiet=1; shift ;;
    -h|--help) usage 0 ;;
    -*) echo "compare_builds: unknown option $1" >&2; usage 2 ;;
    *) builds+=("$1"); shift ;;
  esac
done
[[ ${#builds[@]} -eq 2 ]] || { echo "compare_builds: expected two builds, A and B" >&2; usage 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "compare_builds: --runs: expected a positive count; found $runs" >&2; exit 2; }
case $mode in
  full) flags=() ;;
  parse-only|fuse-only) flags=("--$mode") ;;
  *) echo "compare_builds: --mode: expected full, parse-only or fuse-only; found $mode" >&2; exit 2 ;;
esac
[[ -z "$observations" || -r "$observations" ]] || {
  echo "compare_builds: --observations: expected a readable file; found $observations" >&2; exit 2; }
[[ -n $quiet || ! -t 2 ]] && quiet=1

scripts/setup --quiet
work=$(mktemp -d)
worktrees=()
cleanup() {
  for w in "${worktrees[@]}"; do git worktree remove --force "$w" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Sets `built` to the binary for a build: the path itself, or the revision built in a worktree of
# its own.
binary_of() {
  local build=$1 label=$2
  if [[ -f "$build" && -x "$build" ]]; then
    built=$(realpath "$build")
    return
  fi
  git rev-parse --verify --quiet "$build^{commit}" >/dev/null || {
    echo "compare_builds: $build: expected a git revision or a guarantor binary" >&2; exit 2; }
  local tree=$work/tree-$label
  git worktree add --detach --quiet "$tree" "$build"
  worktrees+=("$tree")
  echo "compare_builds: building $build ($label)..." >&2
  # Paths relative to the worktree, so that the second build finds what the first compiled.
  (cd "$tree" && CCACHE_BASEDIR=$tree scripts/build release guarantor >/dev/null)
  built=$tree/build/release/apps/guarantor/guarantor
}
declare -A binary
binary_of "${builds[0]}" a
binary[a]=$built
binary_of "${builds[1]}" b
binary[b]=$built
scenario=examples/paris-2026
if [[ -z "$observations" ]]; then
  echo "compare_builds: simulating three days of the dense theatre..." >&2
  "${binary[a]}" simulate --scenario $scenario --days 3 --seed 42 --events-per-day 180000 \
    --out "$work/sim" --quiet >/dev/null
  observations=$work/sim/observations.jsonl
fi

now() { date +%s.%N; }
declare -A seconds
for ((i = 1; i <= runs; ++i)); do
  for label in a b; do
    start=$(now)
    taskset -c 0 "${binary[$label]}" replay --scenario $scenario --observations "$observations" \
      --no-alerts --quiet --json "${flags[@]}" >/dev/null
    s=$(awk -v a="$start" -v b="$(now)" 'BEGIN{printf "%.3f", b - a}')
    seconds[$label]="${seconds[$label]:-} $s"
    [[ -n $quiet ]] || echo "run $i of $runs: ${label^^} $s s" >&2
  done
done

# median, best and worst of a list of seconds
summary() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -n |
  awk '{v[NR]=$1} END{m = NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.3f %.3f %.3f", m, v[1], v[NR]}'; }
read -r med_a min_a max_a <<<"$(summary "${seconds[a]}")"
read -r med_b min_b max_b <<<"$(summary "${seconds[b]}")"

# The outputs of one replay of each with --out, and its alerts, compared file by file.
same=true
for label in a b; do
  "${binary[$label]}" replay --scenario $scenario --observations "$observations" --quiet --json \
    --out "$work/out-$label" >"$work/alerts-$label.jsonl"
done
if ! diff -rq "$work/out-a" "$work/out-b" >"$work/differences" ||
   ! cmp -s "$work/alerts-a.jsonl" "$work/alerts-b.jsonl"; then
  same=false
  cmp -s "$work/alerts-a.jsonl" "$work/alerts-b.jsonl" || echo "the alerts differ" >>"$work/differences"
  sed -e "s|$work/out-[ab]/||g" -e 's/^/compare_builds: /' "$work/differences" >&2
fi

mkdir -p "$out"
n=$(wc -l <"$observations")
{
  printf '| build | replay (%s), one core | runs | median s | best s | worst s | vs A |\n' "$mode"
  printf '|---|---|---:|---:|---:|---:|---:|\n'
  printf '| A | %s | %s | %s | %s | %s | 1.000 |\n' "${builds[0]}" "$runs" "$med_a" "$min_a" "$max_a"
  printf '| B | %s | %s | %s | %s | %s | %s |\n' "${builds[1]}" "$runs" "$med_b" "$min_b" "$max_b" \
    "$(awk -v a="$med_a" -v b="$med_b" 'BEGIN{printf "%.3f", b / a}')"
  echo
  echo "$n observations; outputs of the two builds $([[ $same == true ]] && echo "the same bytes" || echo "DIFFERENT")."
} | tee "$out/compare_builds.md"
printf '{"observations":%s,"mode":"%s","runs":%s,"a":{"build":"%s","seconds":[%s],"median":%s},"b":{"build":"%s","seconds":[%s],"median":%s},"same_outputs":%s}\n' \
  "$n" "$mode" "$runs" "${builds[0]}" "$(echo ${seconds[a]} | tr ' ' ',')" "$med_a" \
  "${builds[1]}" "$(echo ${seconds[b]} | tr ' ' ',')" "$med_b" "$same" >"$out/compare_builds.jsonl"
[[ $same == true ]]
