"""Old Faithful comparison, Python half: scikit-learn's BayesianGaussianMixture on the standardised
Old Faithful data with notebook GMM's priors (K = 6, alpha0 = 1e-3 and 10), against the Java fits
written by org.vworkbook.bench.FaithfulBenchmark. Two scikit-learn fits per alpha0:

* from our starting responsibilities (the FromResponsibilities subclass of gmm_vs_sklearn.py): the
  same algorithm from the same start, so weights and means must agree to 1e-6;
* from scikit-learn's own start (init_params="kmeans", n_init=1, random_state=0): an independent
  run, whose number of used components (weights above 0.01) must match ours.

Writes the reference that GMM's tests read (src/test/resources/org/vworkbook/gmm/faithful-sklearn.json)
and prints the table for the README. Run through bench/gmm_vs_sklearn_faithful.sh.
"""
import csv
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.mixture import BayesianGaussianMixture

from gmm_vs_sklearn import FromResponsibilities, matched_order

USED = 0.01
RESOURCE = "src/test/resources/org/vworkbook/gmm/faithful-sklearn.json"
COMMAND = "bench/gmm_vs_sklearn_faithful.sh"


def standardised_faithful(path="notebooks/data/faithful.csv"):
    with open(path) as f:
        rows = list(csv.reader(f))[1:]
    x = np.array([[float(a), float(b)] for a, b in rows])
    return (x - x.mean(axis=0)) / x.std(axis=0)  # population sd (ddof = 0), as StandardScaler


def fit(model, X, repeats):
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        model.fit(X)
        best = min(best, (time.perf_counter() - t0) * 1e3)
    return best


def main(out_dir, repeats):
    with open(os.path.join(out_dir, "ours.json")) as f:
        spec = json.load(f)
    n, k, d = spec["n"], spec["k"], spec["d"]
    X = standardised_faithful()
    X_java = np.fromfile(os.path.join(out_dir, "data.f64"), dtype="<f8").reshape(n, d)
    data_diff = float(np.max(np.abs(X - X_java)))
    resp = np.fromfile(os.path.join(out_dir, "resp.f64"), dtype="<f8").reshape(n, k)

    reference = {"command": COMMAND, "sklearn": sklearn.__version__, "numpy": np.__version__, "n": n, "k": k,
                 "init": spec["init"], "init_seed": spec["init_seed"], "tol": spec["tol"], "max_iter": spec["max_iter"],
                 "standardisation": "mean 0, population sd 1 (ddof = 0)", "fits": []}
    rows = []
    agree = data_diff < 1e-12
    for ours in spec["fits"]:
        p = ours["priors"]
        common = dict(n_components=k, covariance_type="full", weight_concentration_prior_type="dirichlet_distribution",
                      weight_concentration_prior=p["weight_concentration_prior"], mean_precision_prior=p["mean_precision_prior"],
                      mean_prior=np.array(p["mean_prior"]), degrees_of_freedom_prior=p["degrees_of_freedom_prior"],
                      covariance_prior=np.array(p["covariance_prior"]), reg_covar=0.0, tol=spec["tol"], max_iter=spec["max_iter"])
        same = FromResponsibilities(n_init=1, **common)
        same.initial_responsibilities = resp
        ms_same = fit(same, X, repeats)
        own = BayesianGaussianMixture(n_init=1, init_params="kmeans", random_state=0, **common)
        ms_own = fit(own, X, repeats)

        w_ours, m_ours = np.array(ours["weights"]), np.array(ours["means"])
        order = matched_order(m_ours, same.means_)
        w_diff = float(np.max(np.abs(w_ours - same.weights_[order])))
        m_diff = float(np.max(np.abs(m_ours - same.means_[order])))
        used_ours = int(np.sum(w_ours > USED))
        used_same = int(np.sum(same.weights_ > USED))
        used_own = int(np.sum(own.weights_ > USED))
        agree = agree and w_diff < 1e-6 and m_diff < 1e-6 and used_ours == used_own == used_same
        reference["fits"].append({
            "alpha0": ours["alpha0"],
            "from_our_start": {"weights": same.weights_.tolist(), "means": same.means_.tolist(), "iterations": int(same.n_iter_),
                               "converged": bool(same.converged_)},
            "own_start": {"weights": own.weights_.tolist(), "means": own.means_.tolist(), "iterations": int(own.n_iter_),
                          "converged": bool(own.converged_), "used": used_own},
        })
        rows.append((ours["alpha0"], used_ours, used_same, used_own, np.sort(w_ours)[::-1], np.sort(own.weights_)[::-1],
                     ours["iterations"], same.n_iter_, own.n_iter_, ours["ms_best"], ms_same, ms_own, w_diff, m_diff))

    os.makedirs(os.path.dirname(RESOURCE), exist_ok=True)
    with open(RESOURCE, "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")

    print(f"Old Faithful (N = {n}, standardised, population sd), K = {k}, beta0 = 1, nu0 = 2, m0 = mean, W0^-1 = sample covariance;")
    print(f"ours (Java {spec['java']}) from 'nearest' seed {spec['init_seed']}; scikit-learn {sklearn.__version__} from our start and "
          f"from its own k-means start; tol {spec['tol']}, best of {repeats} fits, wall time of one whole fit, single-threaded")
    print(f"max |standardised data, Java - numpy| = {data_diff:.1e}")
    for (a, uo, us, uk, wo, wk, io, is_, ik, mo, ms, mk, wd, md) in rows:
        print(f"alpha0 = {a:g}: components used (weight > {USED}): ours {uo}, scikit-learn from our start {us}, own start {uk}")
        print(f"  weights ours:               {np.array2string(wo, precision=4, suppress_small=False)}")
        print(f"  weights scikit-learn (own): {np.array2string(wk, precision=4, suppress_small=False)}")
        print(f"  from our start: max |weight diff| {wd:.1e}, max |mean diff| {md:.1e}")
        print(f"  iterations: ours {io}, scikit-learn from our start {is_}, own start {ik}")
        print(f"  time per fit (ms): ours {mo:.2f}, scikit-learn from our start {ms:.2f}, own start {mk:.2f}")
    print(f"wrote {RESOURCE}")
    print("SAME ANSWER" if agree else "ANSWERS DIFFER")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "bench/out-faithful", int(sys.argv[2]) if len(sys.argv) > 2 else 5))
