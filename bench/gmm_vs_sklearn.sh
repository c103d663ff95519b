#!/usr/bin/env bash
# Peer benchmark: our Bayesian GMM CAVI against scikit-learn's BayesianGaussianMixture on the same
# data, from the same initial responsibilities, with the same priors. Not a test; run by hand:
#
#   bench/gmm_vs_sklearn.sh [N K D SEED TOL MAX_ITER REPEATS]     (defaults 100000 5 2 1 1e-3 500 5)
#
# scikit-learn and numpy are installed from bench/requirements.txt into bench/.venv (created on
# first use; never the notebooks' .venv). Both sides run single-threaded.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}; K=${2:-5}; D=${3:-2}; SEED=${4:-1}; TOL=${5:-1e-3}; MAX_ITER=${6:-500}; REPEATS=${7:-5}
OUT=bench/out

if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q -r bench/requirements.txt
fi
if ! ls target/variational-workbook-*-all.jar >/dev/null 2>&1 || [ ! -d target/test-classes/org/vworkbook/bench ]; then
  mvn -q -o package -DskipTests 2>/dev/null || mvn -q package -DskipTests
fi
JAR=$(ls target/variational-workbook-*-all.jar | head -1)

echo "ours (Java $(java -version 2>&1 | head -1 | cut -d'"' -f2)):" >&2
java -XX:ActiveProcessorCount=1 -cp "$JAR:target/test-classes" org.vworkbook.bench.GmmBenchmark \
  "$OUT" "$N" "$K" "$D" "$SEED" "$TOL" "$MAX_ITER" "$REPEATS"
echo "scikit-learn:" >&2
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
  bench/.venv/bin/python bench/gmm_vs_sklearn.py "$OUT" "$REPEATS"
