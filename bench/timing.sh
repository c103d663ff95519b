#!/usr/bin/env bash
# Wall-clock timings of what a user waits for (not a test). Run after ./workbook setup (warm:
# .venv, the library jar and the kernelspec exist). Repeats each measurement and prints medians.
#
#   bench/timing.sh [REPEAT]        default 3
#
# 1. ./workbook run: every notebook (into build/bench/all)
# 2. ./workbook run W4: one notebook (into build/bench/one)
# 3. bench/kernel.py: kernel start, first cell, and a W4 rerun with theta1 = 0 until the new chart
# 4. bench/twin.py: the same W4 rerun against its Python twin (bench/twin/W4.ipynb), alternating
# The JupyterLab rerun as a user sees it (Run All Cells until the new plot shows, in Chromium) is
# written by the browser test to build/browser/w4-lab-timing.json.
set -euo pipefail
cd "$(dirname "$0")/.."
repeat="${1:-3}"
./workbook setup >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

seconds() {  # seconds a command took (its output goes to build/bench/LOG)
  local log="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >"build/bench/$log" 2>&1 || { echo "failed: $* (build/bench/$log)" >&2; exit 1; }
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }'
}

mkdir -p build/bench
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
all=(); one=()
for i in $(seq "$repeat"); do
  a=$(seconds all.log ./workbook run --build-dir build/bench/all)
  o=$(seconds one.log ./workbook run W4 --build-dir build/bench/one)
  echo "repeat $i: all notebooks $a s, W4 alone $o s"
  all+=("$a"); one+=("$o")
done
echo "median: ./workbook run (all $(ls notebooks/*.ipynb | wc -l) notebooks) $(printf '%s\n' "${all[@]}" | median) s"
echo "median: ./workbook run W4 $(printf '%s\n' "${one[@]}" | median) s"
.venv/bin/python bench/kernel.py --repeat "$repeat"
.venv/bin/python bench/twin.py --repeat "$repeat" 2>/dev/null | grep -v "^\["
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
