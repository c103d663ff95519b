"""Peer benchmark, Python half: fit scikit-learn's BayesianGaussianMixture on the data and from the
initial responsibilities written by the Java half (GmmBenchmark), with the same priors, and compare
the fitted weights, means, iterations and time per iteration with ours.

Run through bench/gmm_vs_sklearn.sh, which prepares the files.
"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.mixture import BayesianGaussianMixture


class FromResponsibilities(BayesianGaussianMixture):
    """BayesianGaussianMixture started from given responsibilities.

    scikit-learn draws its initial responsibilities inside _initialize_parameters and then calls
    self._initialize(X, resp), which is the M-step from those responsibilities (the same start as
    ours: BayesianGaussianMixture.startFrom). Overriding that one method swaps in ours; everything
    else (E-step, M-step, lower bound, stopping rule) is scikit-learn's own.
    """

    initial_responsibilities = None

    def _initialize_parameters(self, X, random_state):
        resp = self.initial_responsibilities
        if resp is None or resp.shape != (X.shape[0], self.n_components):
            raise ValueError("initial_responsibilities must be an (n_samples, n_components) array")
        self._initialize(X, resp)


def matched_order(ours_means, theirs_means):
    """Components are started from the same responsibilities, so they keep their order; check it."""
    k = len(ours_means)
    order = [int(np.argmin(np.linalg.norm(theirs_means - ours_means[j], axis=1))) for j in range(k)]
    return order


def main(out_dir, repeats):
    with open(os.path.join(out_dir, "ours.json")) as f:
        spec = json.load(f)
    n, k, d = spec["n"], spec["k"], spec["d"]
    X = np.fromfile(os.path.join(out_dir, "data.f64"), dtype="<f8").reshape(n, d)
    resp = np.fromfile(os.path.join(out_dir, "resp.f64"), dtype="<f8").reshape(n, k)
    p = spec["priors"]

    best_wall = best_cpu = float("inf")
    model = None
    for rep in range(repeats):
        model = FromResponsibilities(
            n_components=k,
            covariance_type="full",
            weight_concentration_prior_type="dirichlet_distribution",
            weight_concentration_prior=p["weight_concentration_prior"],
            mean_precision_prior=p["mean_precision_prior"],
            mean_prior=np.array(p["mean_prior"]),
            degrees_of_freedom_prior=p["degrees_of_freedom_prior"],
            covariance_prior=np.array(p["covariance_prior"]),
            reg_covar=0.0,  # ours adds nothing to the covariances either
            tol=spec["tol"],
            max_iter=spec["max_iter"],
            n_init=1,
        )
        model.initial_responsibilities = resp
        c0, t0 = time.process_time(), time.perf_counter()
        model.fit(X)
        t1, c1 = time.perf_counter(), time.process_time()
        wall = (t1 - t0) * 1e3 / model.n_iter_
        cpu = (c1 - c0) * 1e3 / model.n_iter_
        print(f"  scikit-learn, run {rep + 1}: {model.n_iter_} iterations, {wall:.3f} ms/iteration wall, "
              f"{cpu:.3f} ms cpu", file=sys.stderr)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)

    ours = spec["ours"]
    w_ours = np.array(ours["weights"])
    m_ours = np.array(ours["means"])
    order = matched_order(m_ours, model.means_)
    same_order = order == list(range(k))
    w_diff = np.max(np.abs(w_ours - model.weights_[order]))
    m_diff = np.max(np.abs(m_ours - model.means_[order]))

    print(f"Bayesian GMM, N = {n}, K = {k}, D = {d}; same data, same priors, same initial responsibilities")
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; "
          f"OPENBLAS/OMP threads = {os.environ.get('OPENBLAS_NUM_THREADS', 'default')}")
    print(f"{'':28s}{'ours (Java)':>16s}{'scikit-learn':>16s}")
    print(f"{'iterations':28s}{ours['iterations']:>16d}{model.n_iter_:>16d}")
    print(f"{'converged':28s}{str(ours['converged']):>16s}{str(model.converged_):>16s}")
    print(f"{'ms / iteration (wall, best)':28s}{ours['ms_per_iteration_wall']:>16.3f}{best_wall:>16.3f}")
    print(f"{'ms / iteration (cpu, best)':28s}{ours['ms_per_iteration_cpu']:>16.3f}{best_cpu:>16.3f}")
    print(f"components in the same order: {same_order}")
    print(f"max |weight difference|: {w_diff:.3e}")
    print(f"max |mean difference|:   {m_diff:.3e}")
    print(f"weights (ours):         {np.array2string(w_ours, precision=6)}")
    print(f"weights (scikit-learn): {np.array2string(model.weights_[order], precision=6)}")
    print(f"time ratio ours / scikit-learn: wall {ours['ms_per_iteration_wall'] / best_wall:.3f}, "
          f"cpu {ours['ms_per_iteration_cpu'] / best_cpu:.3f} (target <= 0.5)")
    agree = w_diff < 1e-6 and m_diff < 1e-6 and ours["iterations"] == model.n_iter_
    print("SAME ANSWER" if agree else "ANSWERS DIFFER")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "bench/out", int(sys.argv[2]) if len(sys.argv) > 2 else 5))
