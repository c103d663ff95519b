#!/usr/bin/env bash
# Old Faithful comparison: notebook GMM's Fig. 10.6 fits (K = 6, alpha0 = 1e-3 and 10) against
# scikit-learn's BayesianGaussianMixture on the same standardised data with the same priors.
# Not a test; run by hand (it rewrites the test reference src/test/resources/org/vworkbook/gmm/faithful-sklearn.json):
#
#   bench/gmm_vs_sklearn_faithful.sh [REPEATS]     (default 5)
#
# scikit-learn and numpy come from bench/requirements.txt into bench/.venv (created on first use).
# Both sides run single-threaded.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-5}
OUT=bench/out-faithful

if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q -r bench/requirements.txt
fi
if ! ls target/variational-workbook-*-all.jar >/dev/null 2>&1 || [ ! -f target/test-classes/org/vworkbook/bench/FaithfulBenchmark.class ]; then
  mvn -q -o package -DskipTests 2>/dev/null || mvn -q package -DskipTests
fi
JAR=$(ls target/variational-workbook-*-all.jar | head -1)

echo "ours:" >&2
java -XX:ActiveProcessorCount=1 -cp "$JAR:target/test-classes" org.vworkbook.bench.FaithfulBenchmark "$OUT" "$REPEATS"
echo "scikit-learn:" >&2
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONPATH=bench \
  bench/.venv/bin/python bench/gmm_vs_sklearn_faithful.py "$OUT" "$REPEATS"
