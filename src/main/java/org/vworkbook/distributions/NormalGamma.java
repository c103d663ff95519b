package org.vworkbook.distributions;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.util.Check;

/**
 * The Normal-Gamma distribution over (mu, tau):
 *
 * <pre>
 *   tau      ~ Gamma(a, b)                  (shape a, rate b)
 *   mu | tau ~ N(m, 1 / (lambda tau))
 * </pre>
 *
 * the conjugate prior of a Gaussian with unknown mean and precision (Bishop 2.154). Note that
 * lambda scales tau: the conditional precision of mu is lambda tau, not lambda.
 */
public final class NormalGamma {

    private final double location;
    private final double lambda;
    private final Gamma precision;

    private NormalGamma(double location, double lambda, Gamma precision) {
        this.location = location;
        this.lambda = lambda;
        this.precision = precision;
    }

    /**
     * @param location m, the mean of mu (finite)
     * @param lambda the scale of tau in the precision of mu (finite, > 0)
     * @param shape a > 0
     * @param rate b > 0
     */
    public static NormalGamma of(double location, double lambda, double shape, double rate) {
        Check.finite("NormalGamma", "location", location);
        Check.positive("NormalGamma", "lambda", lambda);
        Check.positive("NormalGamma", "shape", shape);
        Check.positive("NormalGamma", "rate", rate);
        return new NormalGamma(location, lambda, Gamma.ofShapeRate(shape, rate));
    }

    public double location() {
        return location;
    }

    public double lambda() {
        return lambda;
    }

    public double shape() {
        return precision.shape();
    }

    public double rate() {
        return precision.rate();
    }

    /** The marginal of tau, Gamma(a, b). */
    public Gamma precisionMarginal() {
        return precision;
    }

    /** The conditional of mu given tau, N(m, 1 / (lambda tau)). */
    public Normal meanConditional(double tau) {
        Check.positive("NormalGamma", "tau", tau);
        return Normal.ofMeanPrecision(location, lambda * tau);
    }

    /** log p(mu, tau) = log Gamma(tau | a, b) + log N(mu | m, 1 / (lambda tau)); -infinity for tau <= 0. */
    public double logDensity(double mu, double tau) {
        if (!(tau > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double d = mu - location;
        return precision.logDensity(tau) + 0.5 * (Math.log(lambda * tau) - LOG_2PI) - 0.5 * lambda * tau * d * d;
    }

    /** E[mu] = m. */
    public double meanOfMu() {
        return location;
    }

    /** Var[mu] = b / (lambda (a - 1)) for a > 1 (the marginal of mu is a Student t); infinite otherwise. */
    public double varianceOfMu() {
        return shape() > 1 ? rate() / (lambda * (shape() - 1)) : Double.POSITIVE_INFINITY;
    }

    /** One draw {mu, tau}: tau from its Gamma marginal, then mu given tau. */
    public double[] sample(RandomGenerator random) {
        double tau = precision.sample(random);
        double mu = location + random.nextGaussian() / Math.sqrt(lambda * tau);
        return new double[] {mu, tau};
    }

    @Override
    public String toString() {
        return "NormalGamma(location=" + location + ", lambda=" + lambda + ", shape=" + shape() + ", rate=" + rate() + ")";
    }
}
