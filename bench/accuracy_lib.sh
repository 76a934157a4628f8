# shellcheck shell=bash
# Shared by bench/accuracy_vs_noise.sh and bench/accuracy_vs_density.sh (sourced, not run, from
# the project's root): each simulates theatres, replays them and evaluates the result against the
# truth.

# shellcheck disable=SC2034  # `out` is the caller's
# accuracy_bench_options SCRIPT USAGE_LINE ARGS...: for -h or --help, prints SCRIPT's header
# comment (its lines 2 to USAGE_LINE) and exits; else sets `out` from --out DIR (default
# out/bench). Anything else is a usage error (exit 2).
accuracy_bench_options() {
  local script last=$2
  script="bench/$(basename "$1")"  # from the project's root, where the caller has moved
  shift 2
  out=out/bench
  while [[ $# -gt 0 ]]; do
    case $1 in
      -h | --help) sed -n "2,${last}p" "$script" | sed 's/^# \{0,1\}//'; exit 0 ;;
      --out) out=${2:?--out needs a directory}; shift 2 ;;
      *) echo "unknown argument: $1" >&2; sed -n "${last}p" "$script" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
  done
}

# prepare_accuracy_bench OUT: installs and builds what the benchmarks need, makes OUT, and sets
# `bin` (the guarantor binary), `scenario` (the example's directory) and `work` (a temporary
# directory, removed on exit).
prepare_accuracy_bench() {
  scripts/setup --quiet
  scripts/build release guarantor >/dev/null
  bin=build/release/apps/guarantor/guarantor
  scenario=examples/paris-2026
  ensure_gnuplot
  mkdir -p "$1"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
}

# gnuplot draws the plots; installed from Debian when missing.
ensure_gnuplot() {
  command -v gnuplot >/dev/null && return
  echo "installing gnuplot-nox (for the plot)"
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq gnuplot-nox >/dev/null
}

# field NAME FILE: the number after the first "NAME": in a one-line JSON file: the top-level
# figure, which comes before any nested one of the same name (recall_by_reports' groups each
# have a "recall").
field() { grep -o "\"$1\":[0-9.]*" "$2" | head -n 1 | cut -d: -f2; }

# evaluate_theatre DIR SIMULATE-OPTIONS...: simulates a theatre into DIR/sim, replays it with its
# monitoring gaps into DIR/result and evaluates it against its truth into DIR/eval.json.
evaluate_theatre() {
  local d=$1
  shift
  "$bin" simulate --scenario "$scenario" "$@" --out "$d/sim" --quiet >/dev/null
  "$bin" replay --scenario "$scenario" --observations "$d/sim/observations.jsonl" \
    --gaps "$d/sim/gaps.jsonl" --out "$d/result" --no-alerts --quiet >/dev/null
  "$bin" evaluate --scenario "$scenario" --truth "$d/sim" --result "$d/result" --json \
    > "$d/eval.json"
}
