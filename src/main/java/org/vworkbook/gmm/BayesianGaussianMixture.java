package org.vworkbook.gmm;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Gamma;
import org.vworkbook.cavi.Cavi;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.CoordinateAscent;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * Coordinate-ascent variational inference for a Bayesian Gaussian mixture (Bishop 10.2; Blei,
 * Kucukelbir and McAuliffe 2017, section 3) with the factorisation q(Z) q(pi, mu, Lambda).
 *
 * <p>One sweep is two coordinate updates, each the exact optimum of the ELBO in its factor given the
 * other:
 *
 * <ol>
 *   <li>q(Z) = prod_n Cat(r_n) with log rho_nk = E[log pi_k] + 1/2 E[log |Lambda_k|] - D/2 log 2 pi
 *       - 1/2 (D / beta_k + nu_k (x_n - m_k)^T W_k (x_n - m_k)) and r_nk = rho_nk / sum_j rho_nj
 *       (10.46, 10.64-10.67). Only the statistics N_k, sum r x, sum r x x^T and the entropy of q(Z)
 *       are kept ({@link MixtureStatistics}): one pass over the data, nothing of size N x K stored.</li>
 *   <li>q(pi, mu, Lambda) from those statistics (10.58, 10.60-10.63): alpha_k = alpha0 + N_k,
 *       beta_k = beta0 + N_k, m_k = (beta0 m0 + N_k xbar_k) / beta_k, nu_k = nu0 + N_k and
 *       W_k^-1 = W0^-1 + sum_n r_nk x_n x_n^T + beta0 m0 m0^T - beta_k m_k m_k^T, which equals
 *       Bishop's W0^-1 + N_k S_k + beta0 N_k / (beta0 + N_k) (xbar_k - m0)(xbar_k - m0)^T but needs no
 *       division by N_k (a component that empties out stays well defined). Bishop's 10.63 is printed
 *       in some editions as nu0 + N_k + 1; nu0 + N_k is right.</li>
 * </ol>
 *
 * The ELBO (10.70-10.77) is a function of the statistics and the global factor only, so it costs
 * O(K D^3) per evaluation. A state is the pair (statistics of q(Z), q(pi, mu, Lambda) computed from
 * them); the start is a given matrix of responsibilities followed by the global update, as
 * scikit-learn's BayesianGaussianMixture starts. The default stopping rule is an absolute ELBO change
 * below the tolerance (scikit-learn's rule, on the same bound up to a constant).
 */
public final class BayesianGaussianMixture implements CoordinateAscent<GmmState> {
    private static final String NAME = "BayesianGaussianMixture";

    private final MixtureData data;
    private final int components;
    private final GaussianMixturePrior prior;
    private final int n;
    private final int d;
    private final double[] x; // data minus shift, row-major
    private final double[] shift;
    private final double[] priorMean; // m0 - shift
    private final double[][] priorScaleInverse; // W0^-1
    private final double logWishartNormaliserPrior; // log B(W0, nu0)
    private final double logDirichletNormaliserPrior; // log C(alpha0 1)

    private BayesianGaussianMixture(MixtureData data, int components, GaussianMixturePrior prior) {
        this.data = data;
        this.components = components;
        this.prior = prior;
        this.n = data.size();
        this.d = data.dimension();
        this.shift = data.mean();
        this.x = data.shifted(shift);
        double[] m0 = prior.mean();
        for (int j = 0; j < d; j++) {
            m0[j] -= shift[j];
        }
        this.priorMean = m0;
        this.priorScaleInverse = prior.covariancePrior();
        this.logWishartNormaliserPrior = logWishartNormaliser(prior.scale(), prior.degreesOfFreedom());
        double a0 = prior.weightConcentration();
        this.logDirichletNormaliserPrior = Gamma.logGamma(components * a0) - components * Gamma.logGamma(a0);
    }

    /**
     * @param data the points
     * @param components K >= 1
     * @param prior a prior of the data's dimension
     * @throws IllegalArgumentException on a null argument, K < 1, or a prior of another dimension
     */
    public static BayesianGaussianMixture of(MixtureData data, int components, GaussianMixturePrior prior) {
        if (data == null) {
            throw new IllegalArgumentException(NAME + " data must not be null");
        }
        if (prior == null) {
            throw new IllegalArgumentException(NAME + " prior must not be null");
        }
        Check.atLeast(NAME, "components", components, 1);
        Check.sameLength(NAME, "prior dimension", prior.dimension(), "data dimension", data.dimension());
        return new BayesianGaussianMixture(data, components, prior);
    }

    public MixtureData data() {
        return data;
    }

    public int components() {
        return components;
    }

    public GaussianMixturePrior prior() {
        return prior;
    }

    // ---------------------------------------------------------------- starting points

    /**
     * The starting responsibilities by name: "nearest" ({@link #nearestOfRandomPoints}) or "random"
     * ({@link #randomResponsibilities}), from Well19937c(seed).
     */
    public double[][] startingResponsibilities(String init, long seed) {
        if ("nearest".equals(init)) {
            return nearestOfRandomPoints(seed);
        }
        if ("random".equals(init)) {
            return randomResponsibilities(seed);
        }
        throw new IllegalArgumentException("BayesianGaussianMixture init must be \"nearest\" or \"random\", got "
                + (init == null ? "null" : "\"" + init + "\""));
    }

    /** Responsibilities drawn uniform on (0, 1) and normalised per point (scikit-learn's "random"), from Well19937c(seed). */
    public double[][] randomResponsibilities(long seed) {
        RandomGenerator random = new Well19937c(seed);
        double[][] r = new double[n][components];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < components; k++) {
                r[i][k] = random.nextDouble();
                s += r[i][k];
            }
            for (int k = 0; k < components; k++) {
                r[i][k] /= s;
            }
        }
        return r;
    }

    /**
     * K distinct points drawn uniformly from the data with Well19937c(seed) as centres; each point
     * gets responsibility 1 for its nearest centre (one k-means assignment step). With fewer points
     * than components (N < K) every point is a centre, in random order, and the other K - N
     * components start empty (responsibility 0 everywhere; their first q is the prior).
     */
    public double[][] nearestOfRandomPoints(long seed) {
        RandomGenerator random = new Well19937c(seed);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int centres = Math.min(components, n);
        for (int i = 0; i < centres; i++) { // partial Fisher-Yates
            int j = i + random.nextInt(n - i);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        double[][] r = new double[n][components];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int k = 0; k < centres; k++) {
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    double diff = x[i * d + j] - x[perm[k] * d + j];
                    dist += diff * diff;
                }
                if (dist < bestDist) {
                    bestDist = dist;
                    best = k;
                }
            }
            r[i][best] = 1.0;
        }
        return r;
    }

    /**
     * The statistics of a given q(Z).
     *
     * @param responsibilities N x K, entries finite and >= 0, each row summing to 1 (within 1e-8)
     */
    public MixtureStatistics statisticsOf(double[][] responsibilities) {
        if (responsibilities == null || responsibilities.length != n) {
            throw new IllegalArgumentException(NAME + " responsibilities must have " + n + " rows (one per point), got "
                    + (responsibilities == null ? "null" : responsibilities.length));
        }
        double[] counts = new double[components];
        double[] s1 = new double[components * d];
        double[] s2 = new double[components * d * d];
        double entropy = 0;
        for (int i = 0; i < n; i++) {
            double[] row = responsibilities[i];
            if (row == null || row.length != components) {
                throw new IllegalArgumentException(NAME + " responsibilities row " + i + " must have K = " + components
                        + " entries, got " + (row == null ? "null" : row.length));
            }
            double sum = 0;
            for (int k = 0; k < components; k++) {
                double r = row[k];
                if (!Double.isFinite(r) || r < 0) {
                    throw new IllegalArgumentException(NAME + " responsibilities[" + i + "][" + k
                            + "] must be finite and >= 0, got " + r);
                }
                sum += r;
                if (r > 0) {
                    entropy -= r * Math.log(r);
                    accumulate(counts, s1, s2, k, r, i);
                }
            }
            if (Math.abs(sum - 1.0) > 1e-8) {
                throw new IllegalArgumentException(NAME + " responsibilities row " + i + " must sum to 1, got " + sum);
            }
        }
        return statistics(counts, s1, s2, entropy);
    }

    private void accumulate(double[] counts, double[] s1, double[] s2, int k, double r, int i) {
        counts[k] += r;
        int xo = i * d;
        for (int a = 0; a < d; a++) {
            double rx = r * x[xo + a];
            s1[k * d + a] += rx;
            for (int b = a; b < d; b++) {
                s2[(k * d + a) * d + b] += rx * x[xo + b];
            }
        }
    }

    private MixtureStatistics statistics(double[] counts, double[] s1, double[] s2, double entropy) {
        double[][] first = new double[components][d];
        double[][][] second = new double[components][d][d];
        for (int k = 0; k < components; k++) {
            for (int a = 0; a < d; a++) {
                first[k][a] = s1[k * d + a];
                for (int b = a; b < d; b++) {
                    second[k][a][b] = s2[(k * d + a) * d + b];
                    second[k][b][a] = second[k][a][b];
                }
            }
        }
        return new MixtureStatistics(counts, first, second, entropy, shift.clone());
    }

    /** The start: the given responsibilities, then the update of q(pi, mu, Lambda) from them. */
    public GmmState startFrom(double[][] responsibilities) {
        MixtureStatistics s = statisticsOf(responsibilities);
        return new GmmState(s, posteriorFrom(s));
    }

    /** Runs CAVI through {@link Cavi#run} from the given responsibilities. */
    public CaviResult<GmmState> run(double[][] initialResponsibilities, CaviOptions options) {
        return Cavi.run(this, startFrom(initialResponsibilities), options);
    }

    /**
     * CAVI from {@code restarts} starts: restart r draws its starting responsibilities by {@code init}
     * with seed {@link RestartedFit#seedOf}(initSeed, r) = initSeed + r; the best final ELBO is kept.
     *
     * @param restarts R >= 1
     */
    public RestartedFit runRestarts(String init, long initSeed, int restarts, CaviOptions options) {
        Check.atLeast(NAME, "restarts", restarts, 1);
        java.util.List<CaviResult<GmmState>> runs = new java.util.ArrayList<>();
        long[] seeds = new long[restarts];
        for (int r = 0; r < restarts; r++) {
            seeds[r] = RestartedFit.seedOf(initSeed, r);
            runs.add(run(startingResponsibilities(init, seeds[r]), options));
        }
        return new RestartedFit(runs, seeds);
    }

    // ---------------------------------------------------------------- the two updates

    /** The optimal q(pi, mu, Lambda) given the statistics of q(Z) (Bishop 10.58, 10.60-10.63). */
    public MixturePosterior posteriorFrom(MixtureStatistics s) {
        double a0 = prior.weightConcentration();
        double b0 = prior.meanPrecision();
        double nu0 = prior.degreesOfFreedom();
        double[] alpha = new double[components];
        double[] beta = new double[components];
        double[] nu = new double[components];
        double[][] means = new double[components][d];
        double[][][] scale = new double[components][][];
        for (int k = 0; k < components; k++) {
            double nk = s.counts[k];
            alpha[k] = a0 + nk;
            beta[k] = b0 + nk;
            nu[k] = nu0 + nk;
            double[] mc = new double[d]; // m_k - shift
            for (int a = 0; a < d; a++) {
                mc[a] = (b0 * priorMean[a] + s.firstMoments[k][a]) / beta[k];
                means[k][a] = mc[a] + shift[a];
            }
            double[][] winv = new double[d][d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    winv[a][b] = priorScaleInverse[a][b] + s.secondMoments[k][a][b]
                            + b0 * priorMean[a] * priorMean[b] - beta[k] * mc[a] * mc[b];
                }
            }
            GaussianMixturePrior.symmetrised(winv);
            scale[k] = GaussianMixturePrior.symmetrised(
                    Matrices.cholesky(NAME, "W_" + k + "^-1", winv).getSolver().getInverse().getData());
        }
        return new MixturePosterior(alpha, beta, means, scale, nu);
    }

    /**
     * The optimal q(Z) given q(pi, mu, Lambda), returned as its statistics (Bishop 10.46, 10.64-10.67):
     * one pass over the data; the responsibilities are not stored.
     */
    public MixtureStatistics expectStatistics(MixturePosterior p) {
        checkPosterior(p);
        final int kk = components;
        final int dd = d;
        double[] constant = new double[kk];
        double[] offset = new double[kk * dd]; // U_k (m_k - shift)
        double[] u = new double[kk * dd * dd];
        for (int k = 0; k < kk; k++) {
            constant[k] = p.logPiTilde[k] + 0.5 * p.logLambdaTilde[k] - 0.5 * dd * LOG_2PI - 0.5 * dd / p.beta[k];
            System.arraycopy(p.whitening[k], 0, u, k * dd * dd, dd * dd);
            for (int a = 0; a < dd; a++) {
                double s = 0;
                for (int b = a; b < dd; b++) {
                    s += p.whitening[k][a * dd + b] * (p.means[k][b] - shift[b]);
                }
                offset[k * dd + a] = s;
            }
        }
        if (dd == 2) {
            return expectStatisticsPlane(constant, offset, u);
        }
        double[] counts = new double[kk];
        double[] s1 = new double[kk * dd];
        double[] s2 = new double[kk * dd * dd];
        double[] logRho = new double[kk];
        double[] expRho = new double[kk];
        double entropy = 0;
        final double[] xs = x;
        for (int i = 0; i < n; i++) {
            int xo = i * dd;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < kk; k++) {
                double q = 0;
                int uo = k * dd * dd;
                for (int a = 0; a < dd; a++) {
                    double s = -offset[k * dd + a];
                    for (int b = a; b < dd; b++) {
                        s += u[uo + a * dd + b] * xs[xo + b];
                    }
                    q += s * s;
                }
                double lr = constant[k] - 0.5 * q;
                logRho[k] = lr;
                if (lr > max) {
                    max = lr;
                }
            }
            double total = 0;
            for (int k = 0; k < kk; k++) {
                double e = Math.exp(logRho[k] - max);
                expRho[k] = e;
                total += e;
            }
            double logTotal = Math.log(total);
            double inv = 1.0 / total;
            for (int k = 0; k < kk; k++) {
                double r = expRho[k] * inv;
                if (r == 0) {
                    continue;
                }
                // r log r = r (log rho_k - log sum rho)
                entropy -= r * (logRho[k] - max - logTotal);
                counts[k] += r;
                int so = k * dd;
                for (int a = 0; a < dd; a++) {
                    double rx = r * xs[xo + a];
                    s1[so + a] += rx;
                    int s2o = (so + a) * dd;
                    for (int b = a; b < dd; b++) {
                        s2[s2o + b] += rx * xs[xo + b];
                    }
                }
            }
        }
        return statistics(counts, s1, s2, entropy);
    }

    /**
     * The same pass as {@link #expectStatistics} written out for D = 2 (the notebook's and the benchmark's case),
     * with the same arithmetic in the same order, so the results are identical; only the index arithmetic is gone.
     */
    private MixtureStatistics expectStatisticsPlane(double[] constant, double[] offset, double[] u) {
        final int kk = components;
        double[] u00 = new double[kk];
        double[] u01 = new double[kk];
        double[] u11 = new double[kk];
        double[] o0 = new double[kk];
        double[] o1 = new double[kk];
        for (int k = 0; k < kk; k++) {
            u00[k] = u[k * 4];
            u01[k] = u[k * 4 + 1];
            u11[k] = u[k * 4 + 3];
            o0[k] = offset[k * 2];
            o1[k] = offset[k * 2 + 1];
        }
        double[] counts = new double[kk];
        double[] sx = new double[kk];
        double[] sy = new double[kk];
        double[] sxx = new double[kk];
        double[] sxy = new double[kk];
        double[] syy = new double[kk];
        double[] logRho = new double[kk];
        double[] expRho = new double[kk];
        double entropy = 0;
        final double[] xs = x;
        for (int i = 0; i < n; i++) {
            double x0 = xs[2 * i];
            double x1 = xs[2 * i + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < kk; k++) {
                double a = -o0[k] + u00[k] * x0 + u01[k] * x1;
                double b = -o1[k] + u11[k] * x1;
                double lr = constant[k] - 0.5 * (a * a + b * b);
                logRho[k] = lr;
                if (lr > max) {
                    max = lr;
                }
            }
            double total = 0;
            for (int k = 0; k < kk; k++) {
                double e = Math.exp(logRho[k] - max);
                expRho[k] = e;
                total += e;
            }
            double logTotal = Math.log(total);
            double inv = 1.0 / total;
            for (int k = 0; k < kk; k++) {
                double r = expRho[k] * inv;
                if (r == 0) {
                    continue;
                }
                entropy -= r * (logRho[k] - max - logTotal);
                counts[k] += r;
                double rx0 = r * x0;
                double rx1 = r * x1;
                sx[k] += rx0;
                sxx[k] += rx0 * x0;
                sxy[k] += rx0 * x1;
                sy[k] += rx1;
                syy[k] += rx1 * x1;
            }
        }
        double[] s1 = new double[kk * 2];
        double[] s2 = new double[kk * 4];
        for (int k = 0; k < kk; k++) {
            s1[2 * k] = sx[k];
            s1[2 * k + 1] = sy[k];
            s2[4 * k] = sxx[k];
            s2[4 * k + 1] = sxy[k];
            s2[4 * k + 3] = syy[k];
        }
        return statistics(counts, s1, s2, entropy);
    }

    /** sum_n log sum_k rho_nk for q(pi, mu, Lambda): the part of the ELBO that q(Z) at its optimum contributes. */
    public double logNormaliserSum(MixturePosterior p) {
        checkPosterior(p);
        double total = 0;
        double[] lr = new double[components];
        for (int i = 0; i < n; i++) {
            logRho(p, i, lr);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : lr) {
                max = Math.max(max, v);
            }
            double s = 0;
            for (double v : lr) {
                s += Math.exp(v - max);
            }
            total += max + Math.log(s);
        }
        return total;
    }

    /** The N x K responsibilities of the optimal q(Z) given q(pi, mu, Lambda) (for plots and labels). */
    public double[][] responsibilities(MixturePosterior p) {
        checkPosterior(p);
        double[][] r = new double[n][components];
        for (int i = 0; i < n; i++) {
            logRho(p, i, r[i]);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : r[i]) {
                max = Math.max(max, v);
            }
            double s = 0;
            for (int k = 0; k < components; k++) {
                r[i][k] = Math.exp(r[i][k] - max);
                s += r[i][k];
            }
            for (int k = 0; k < components; k++) {
                r[i][k] /= s;
            }
        }
        return r;
    }

    /** The most responsible component of each point. */
    public int[] labels(MixturePosterior p) {
        double[][] r = responsibilities(p);
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 1; k < components; k++) {
                if (r[i][k] > r[i][lab[i]]) {
                    lab[i] = k;
                }
            }
        }
        return lab;
    }

    /** log rho_nk written directly from Bishop 10.46 and 10.64 (no whitening), into {@code out}. */
    private void logRho(MixturePosterior p, int i, double[] out) {
        for (int k = 0; k < components; k++) {
            double q = 0;
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    q += (data.get(i, a) - p.means[k][a]) * p.scale[k][a][b] * (data.get(i, b) - p.means[k][b]);
                }
            }
            out[k] = p.logPiTilde[k] + 0.5 * p.logLambdaTilde[k] - 0.5 * d * LOG_2PI
                    - 0.5 * (d / p.beta[k] + p.nu[k] * q);
        }
    }

    private void checkPosterior(MixturePosterior p) {
        if (p == null || p.components() != components || p.dimension() != d) {
            throw new IllegalArgumentException(NAME + " posterior must have K = " + components + " components in D = "
                    + d + ", got " + (p == null ? "null" : p.components() + " in D = " + p.dimension()));
        }
    }

    // ---------------------------------------------------------------- CAVI

    @Override
    public GmmState sweep(GmmState state) {
        MixtureStatistics s = expectStatistics(state.posterior());
        return new GmmState(s, posteriorFrom(s));
    }

    /**
     * The ELBO E[log p(X, Z, pi, mu, Lambda)] - E[log q(Z, pi, mu, Lambda)] by Bishop 10.70-10.77,
     * from the statistics of q(Z) and q(pi, mu, Lambda).
     */
    @Override
    public double elbo(GmmState state) {
        MixtureStatistics s = state.statistics();
        MixturePosterior p = state.posterior();
        double a0 = prior.weightConcentration();
        double b0 = prior.meanPrecision();
        double nu0 = prior.degreesOfFreedom();
        double likelihood = 0; // 10.71
        double assignments = 0; // 10.72
        double weightPrior = logDirichletNormaliserPrior; // 10.73
        double componentPrior = components * logWishartNormaliserPrior; // 10.74
        double weightEntropy; // - 10.76
        double componentEntropy = 0; // - 10.77
        double sumAlpha = 0;
        double logC = 0;
        double alphaTerm = 0;
        for (int k = 0; k < components; k++) {
            double nk = s.counts[k];
            double[][] w = p.scale[k];
            double[] mc = new double[d];
            double[] m0diff = new double[d];
            for (int a = 0; a < d; a++) {
                mc[a] = p.means[k][a] - shift[a];
                m0diff[a] = mc[a] - priorMean[a];
            }
            // Q_k = sum_n r_nk (x_n - m_k)^T W_k (x_n - m_k) = tr(W s2) - 2 m^T W s1 + N_k m^T W m
            double q = Matrices.traceOfProduct(w, s.secondMoments[k]);
            double[] wm = Matrices.multiply(w, mc);
            q += -2 * Matrices.dot(wm, s.firstMoments[k]) + nk * Matrices.dot(mc, wm);
            double llt = p.logLambdaTilde[k];
            likelihood += 0.5 * nk * (llt - d * LOG_2PI - d / p.beta[k]) - 0.5 * p.nu[k] * q;
            assignments += nk * p.logPiTilde[k];
            weightPrior += (a0 - 1) * p.logPiTilde[k];
            double prec = Matrices.dot(m0diff, Matrices.multiply(w, m0diff));
            componentPrior += 0.5 * (d * Math.log(b0 / (2 * Math.PI)) + llt - d * b0 / p.beta[k] - b0 * p.nu[k] * prec)
                    + 0.5 * (nu0 - d - 1) * llt - 0.5 * p.nu[k] * Matrices.traceOfProduct(priorScaleInverse, w);
            double wishartEntropy = -logWishartNormaliser(p.logDetScale[k], p.nu[k]) - 0.5 * (p.nu[k] - d - 1) * llt
                    + 0.5 * p.nu[k] * d;
            componentEntropy -= 0.5 * llt + 0.5 * d * Math.log(p.beta[k] / (2 * Math.PI)) - 0.5 * d - wishartEntropy;
            sumAlpha += p.alpha[k];
            logC -= Gamma.logGamma(p.alpha[k]);
            alphaTerm += (p.alpha[k] - 1) * p.logPiTilde[k];
        }
        logC += Gamma.logGamma(sumAlpha);
        weightEntropy = -(alphaTerm + logC);
        return likelihood + assignments + weightPrior + componentPrior + s.entropy + weightEntropy + componentEntropy;
    }

    /**
     * log B(W, nu) = -nu/2 log |W| - (nu D/2 log 2 + D(D-1)/4 log pi + sum_{i=1..D} log Gamma((nu + 1 - i)/2))
     * (Bishop B.79).
     */
    static double logWishartNormaliser(double[][] w, double nu) {
        return logWishartNormaliser(Matrices.logDeterminant(Matrices.cholesky(NAME, "W", w)), nu, w.length);
    }

    private double logWishartNormaliser(double logDetW, double nu) {
        return logWishartNormaliser(logDetW, nu, d);
    }

    static double logWishartNormaliser(double logDetW, double nu, int dim) {
        double s = 0.5 * nu * dim * Math.log(2) + 0.25 * dim * (dim - 1) * Math.log(Math.PI);
        for (int i = 1; i <= dim; i++) {
            s += Gamma.logGamma(0.5 * (nu + 1 - i));
        }
        return -0.5 * nu * logDetW - s;
    }
}
