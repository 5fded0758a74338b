#!/usr/bin/env bash
# Instruction counts of the check benchmark's three measures (or, with
# `render`, the render benchmark's two), with valgrind's callgrind: a
# figure that does not depend on how busy the machine is, to read beside
# the wall-clock ratios of `cargo bench --bench check|render`
# (docs/performance.md).
#
# Each measure runs once and twice in a fresh process (`--only NAME --runs
# N`); the difference is the cost of one run, without the site generation
# and start-up both processes share. Everything runs on one thread
# (RAYON_NUM_THREADS=1): idle workers spinning under valgrind would add
# a few per cent of noise, and this counts work, not waiting.
#
# Usage: scripts/bench-instructions.sh [DOCS]          (check; default 10000)
#        scripts/bench-instructions.sh render [DOCS]   (render)
# Needs valgrind.
set -euo pipefail
bench_name=check
if [ "${1:-}" = render ]; then
    bench_name=render
    shift
fi
docs="${1:-10000}"
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }

bench=$(cargo bench --bench "$bench_name" --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == sys.argv[1] and m.get("executable"):
        print(m["executable"])' "$bench_name")
[ -n "$bench" ] || { echo "could not build the $bench_name benchmark" >&2; exit 2; }
skip=--skip-jekyll
[ "$bench_name" = render ] && skip=--skip-hugo

count() { # measure runs -> instructions
    local out
    out=$(mktemp)
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$out" \
        "$bench" --bench --only "$1" --runs "$2" --docs "$docs" "$skip" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
    rm -f "$out"
}

declare -A per_run
if [ "$bench_name" = render ]; then
    measures="baseline masthead"
else
    measures="baseline full staged"
fi
for measure in $measures; do
    one=$(count "$measure" 1)
    two=$(count "$measure" 2)
    per_run[$measure]=$((two - one))
    printf '%-9s %15d instructions per run\n' "$measure" "${per_run[$measure]}"
done
if [ "$bench_name" = render ]; then
    python3 - "${per_run[baseline]}" "${per_run[masthead]}" <<'EOF'
import sys
base, masthead = map(int, sys.argv[1:])
print(f"masthead / baseline: {masthead / base:.2f}x (goal <= 1.5)")
EOF
else
    python3 - "${per_run[baseline]}" "${per_run[full]}" "${per_run[staged]}" <<'EOF'
import sys
base, full, staged = map(int, sys.argv[1:])
print(f"full / baseline: {full / base:.2f}x (goal <= 1.5)")
print(f"staged / full:   {100 * staged / full:.1f} % (goal <= 40)")
EOF
fi
