#!/usr/bin/env bash
# The chapter series in quick mode (all at once, as CI runs it) and then at full settings, one chapter at a time,
# timed: executed notebooks go to artifacts/chapters-quick/ and artifacts/chapters-full/ (with a times.txt of
# wall time and load per chapter), and the headline results of both to bench/results/chapters-full.json (rendered by report.py, and written into each chapter's "Measured on this
# machine" cell by `chapter_results.py --update-notebooks`). About 1.5 hours on 2 quiet cores.
#   bash bench/chapters.sh                 every chapter
#   bash bench/chapters.sh 08 11           only chapters 08 and 11 (their earlier results are kept)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
require_dotnet
require_cxx_if_needed
build_solution

quick="$REPO_ROOT/artifacts/chapters-quick"
if [ $# -eq 0 ]; then
  echo "==> the series in quick mode"
  mkdir -p "$quick"
  learnlm run notebooks/[0-9][0-9]-*.ipynb --param quick=true --output "$quick" --timeout 1200 >"$quick/run.log" 2>&1 ||
    echo "    some chapters failed in quick mode: see $quick/run.log"
fi

out="$REPO_ROOT/artifacts/chapters-full"
mkdir -p "$out"
times="$out/times.txt"
touch "$times"
for nb in notebooks/[0-9][0-9]-*.ipynb; do
  name="$(basename "$nb" .ipynb)"
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "${name:0:2}"; then continue; fi
  echo "==> $name (full settings)"
  start=$(date +%s.%N)
  rc=0
  learnlm run "$nb" --param quick=false --output "$out" --timeout 7200 >"$out/$name.log" 2>&1 || rc=$?
  seconds=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
  grep -v "^$name " "$times" >"$times.tmp" || true
  echo "$name rc=$rc seconds=$seconds load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ',')" >>"$times.tmp"
  mv "$times.tmp" "$times"
  echo "    rc=$rc, ${seconds} s"
done

python3 bench/chapter_results.py --full "$out" --quick "$quick" --out bench/results/chapters-full.json
