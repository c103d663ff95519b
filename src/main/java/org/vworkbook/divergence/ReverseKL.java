package org.vworkbook.divergence;

import static org.vworkbook.numerics.Constants.LOG_2PI_E;
import java.util.List;
import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.distributions.Normal;
import org.vworkbook.numerics.GradientDescent;
import org.vworkbook.numerics.StandardNormalGrid;
import org.vworkbook.util.Check;

/**
 * Fitting a Gaussian q to a target p by the <b>reverse</b> divergence KL(q, p) = E_q[log q - log p],
 * the direction variational inference minimises. It is small when q puts its mass where p is
 * large and is indifferent to regions of p that q ignores, so it is mode-seeking: with a
 * well-separated bimodal p it has one local minimum per mode, and which one gradient descent
 * reaches depends on the start.
 *
 * <p>Expectations under q are computed on the fine {@link StandardNormalGrid} in q's standardised
 * coordinates x = m + s e, accurate to ~1e-12 for the targets used here. With q = N(m, s^2) and
 * parameters (m, log s):
 *
 * <pre>
 *   KL(q, p)          = -1/2 log(2 pi e s^2) - E[log p(m + s e)]
 *   d KL / d m        = -E[(log p)'(m + s e)]
 *   d KL / d log s    = -1 - s E[(log p)'(m + s e) e]        (reparameterisation x = m + s e)
 * </pre>
 */
public final class ReverseKL {

    /**
     * Default stopping rule: max |gradient| below 1e-8 (the KL is then within ~1e-16 of the local
     * minimum and the parameters within ~1e-8; the quadrature gradient itself is only accurate to
     * ~1e-10, so asking for much less would chase rounding), at most 20000 steps.
     */
    public static final double GRADIENT_TOLERANCE = 1e-8;
    public static final int MAX_ITERATIONS = 20000;

    private ReverseKL() {}

    /** KL(q, p) for a Gaussian q and a 1-D mixture p, by quadrature in q's standardised coordinates. */
    public static double kl(Normal q, GaussianMixture1D p) {
        double s = q.standardDeviation();
        double elogp = StandardNormalGrid.fine().expectation(p::logDensity, q.mean(), s);
        return -0.5 * (LOG_2PI_E + Math.log(q.variance())) - elogp;
    }

    /**
     * The local minimiser of KL(q, p) over Gaussians q = N(m, v) reached by gradient descent in
     * (m, log s) from (initialMean, initialVariance).
     *
     * @throws IllegalArgumentException for a non-finite initial mean or a non-positive initial variance
     */
    public static GaussianFit fit(GaussianMixture1D p, double initialMean, double initialVariance) {
        Check.finite("ReverseKL", "initialMean", initialMean);
        Check.positive("ReverseKL", "initialVariance", initialVariance);
        StandardNormalGrid grid = StandardNormalGrid.fine();
        GradientDescent.Result r = GradientDescent.minimise(
                th -> -th[1] - 0.5 * LOG_2PI_E - grid.expectation(p::logDensity, th[0], Math.exp(th[1])),
                th -> {
                    double m = th[0];
                    double s = Math.exp(th[1]);
                    double[] e = grid.nodes();
                    double[] w = grid.weights();
                    double g0 = 0;
                    double g1 = 0;
                    for (int i = 0; i < e.length; i++) {
                        double d = p.derivativeLogDensity(m + s * e[i]);
                        g0 += w[i] * d;
                        g1 += w[i] * d * e[i];
                    }
                    return new double[] {-g0, -1 - s * g1};
                },
                new double[] {initialMean, 0.5 * Math.log(initialVariance)}, GRADIENT_TOLERANCE, MAX_ITERATIONS);
        return toFit(r);
    }

    /**
     * The profile min over v of KL(N(m, v), p) at a fixed mean m, by gradient descent in log s from
     * {@code initialVariance} (continuing from a neighbouring m's optimum keeps a profile curve on one
     * branch). Returns {best variance, KL there}. Used to draw the landscape of the reverse KL.
     */
    public static double[] profileOverVariance(GaussianMixture1D p, double mean, double initialVariance) {
        Check.finite("ReverseKL", "mean", mean);
        Check.positive("ReverseKL", "initialVariance", initialVariance);
        StandardNormalGrid grid = StandardNormalGrid.fine();
        GradientDescent.Result r = GradientDescent.minimise(
                th -> -th[0] - 0.5 * LOG_2PI_E - grid.expectation(p::logDensity, mean, Math.exp(th[0])),
                th -> {
                    double s = Math.exp(th[0]);
                    double[] e = grid.nodes();
                    double[] w = grid.weights();
                    double g1 = 0;
                    for (int i = 0; i < e.length; i++) {
                        g1 += w[i] * p.derivativeLogDensity(mean + s * e[i]) * e[i];
                    }
                    return new double[] {-1 - s * g1};
                }, new double[] {0.5 * Math.log(initialVariance)}, GRADIENT_TOLERANCE, MAX_ITERATIONS);
        return new double[] {Math.exp(2 * r.minimiser()[0]), r.value()};
    }

    static GaussianFit toFit(GradientDescent.Result r) {
        List<double[]> path = r.path();
        double[] means = new double[path.size()];
        double[] vars = new double[path.size()];
        for (int i = 0; i < means.length; i++) {
            means[i] = path.get(i)[0];
            vars[i] = Math.exp(2 * path.get(i)[1]);
        }
        double[] x = r.minimiser();
        return new GaussianFit(Normal.ofMeanVariance(x[0], Math.exp(2 * x[1])), r.value(), r.iterations(),
                r.converged(), means, vars, r.values());
    }

    /**
     * An isotropic Gaussian q = N(mu, I) fitted to a d-dimensional mixture (d <= 3) by reverse KL.
     *
     * @param mean the local minimiser mu reached
     * @param kl KL(q, p) there
     * @param iterations gradient-descent steps
     * @param converged whether max |gradient| fell below the tolerance
     * @param path mu at the start and after each step
     */
    public record IsotropicFit(double[] mean, double kl, int iterations, boolean converged, List<double[]> path) {
        public IsotropicFit {
            mean = mean.clone();
            path = List.copyOf(path);
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }
    }

    /** KL(N(mu, I), p) for a d-dimensional mixture p (d <= 3), by a tensor grid in standardised coordinates. */
    public static double klIsotropic(double[] mu, GaussianMixture p) {
        Check.sameLength("ReverseKL", "mu", mu.length, "p dimension", p.dimension());
        int d = mu.length;
        double elogp = StandardNormalGrid.forTwoDimensions().expectationIsotropic(p::logDensity, mu);
        return -0.5 * d * LOG_2PI_E - elogp;
    }

    /**
     * The local minimiser of KL(N(mu, I), p) reached by gradient descent from {@code init}:
     * d KL / d mu = -E_q[grad log p(x)] (the entropy of q does not depend on mu). Stops at
     * max |gradient| < 1e-8.
     *
     * @throws IllegalArgumentException if init has a bad entry or does not match p's dimension
     */
    public static IsotropicFit fitIsotropicMean(GaussianMixture p, double[] init) {
        double[] start = Check.finiteVector("ReverseKL", "init", init);
        Check.sameLength("ReverseKL", "init", start.length, "p dimension", p.dimension());
        StandardNormalGrid grid = StandardNormalGrid.forTwoDimensions();
        int d = start.length;
        // One grid pass gives E_q[log p] and E_q[grad log p] together; the last pass is remembered,
        // because the line search asks for the value and then the gradient at the same point.
        double[][] memo = new double[2][];
        java.util.function.Function<double[], double[]> both = mu -> {
            if (memo[0] == null || !java.util.Arrays.equals(memo[0], mu)) {
                double[] e = grid.expectationIsotropicVector(p::logDensityAndGradient, mu);
                memo[0] = mu.clone();
                memo[1] = e;
            }
            return memo[1];
        };
        GradientDescent.Result r = GradientDescent.minimise(mu -> -0.5 * d * LOG_2PI_E - both.apply(mu)[0], mu -> {
            double[] e = both.apply(mu);
            double[] g = new double[d];
            for (int i = 0; i < d; i++) {
                g[i] = -e[i + 1];
            }
            return g;
        }, start, GRADIENT_TOLERANCE, 5000);
        return new IsotropicFit(r.minimiser(), r.value(), r.iterations(), r.converged(), r.path());
    }
}
