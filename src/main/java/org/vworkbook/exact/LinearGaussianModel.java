package org.vworkbook.exact;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * The model of worksheet problems 3 and 4: a latent z in R^d with a standard normal prior and one
 * scalar observation
 *
 * <pre>
 *   p(z)     = N(z | 0, I)
 *   p(x | z) = N(x | theta^T z, sigma2)
 * </pre>
 *
 * <p>Completing the square in z: log p(x, z) = c + h^T z - 1/2 z^T Lambda z with
 * Lambda = I + theta theta^T / sigma2 and h = theta x / sigma2, so the posterior is
 * N(Lambda^-1 h, Lambda^-1). The evidence is the Gaussian marginal x ~ N(0, sigma2 + theta^T theta).
 * The posterior factorises over the coordinates exactly when theta_i theta_j = 0 for every i != j.
 */
public final class LinearGaussianModel {

    private final double[] theta;
    private final double noiseVariance;
    private final double x;
    private final GaussianJoint joint;

    private LinearGaussianModel(double[] theta, double noiseVariance, double x) {
        this.theta = theta;
        this.noiseVariance = noiseVariance;
        this.x = x;
        int d = theta.length;
        double[][] lambda = Matrices.identity(d);
        double[] h = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                lambda[i][j] += theta[i] * theta[j] / noiseVariance;
            }
            h[i] = theta[i] * x / noiseVariance;
        }
        double c = -0.5 * d * LOG_2PI - 0.5 * (LOG_2PI + Math.log(noiseVariance)) - 0.5 * x * x / noiseVariance;
        this.joint = GaussianJoint.of(lambda, h, c);
    }

    /**
     * @param theta the weights (length d >= 1, finite)
     * @param noiseVariance sigma2 > 0, the variance of x given z
     * @param x the observation (finite)
     */
    public static LinearGaussianModel of(double[] theta, double noiseVariance, double x) {
        double[] t = Check.finiteVector("LinearGaussianModel", "theta", theta);
        Check.positive("LinearGaussianModel", "sigma2", noiseVariance);
        Check.finite("LinearGaussianModel", "x", x);
        return new LinearGaussianModel(t, noiseVariance, x);
    }

    public double[] theta() {
        return theta.clone();
    }

    public double noiseVariance() {
        return noiseVariance;
    }

    public double observation() {
        return x;
    }

    public int dimension() {
        return theta.length;
    }

    /** The joint as a Gaussian in z: precision Lambda, linear term h, constant c. */
    public GaussianJoint joint() {
        return joint;
    }

    /** The exact posterior p(z | x). */
    public MultivariateNormal posterior() {
        return joint.posterior();
    }

    /**
     * log p(x), computed directly from the marginal x ~ N(0, sigma2 + |theta|^2) (independently
     * of the completed square, which {@link GaussianJoint#logEvidence()} uses).
     */
    public double logEvidence() {
        return Normal.ofMeanVariance(0.0, noiseVariance + Matrices.dot(theta, theta)).logDensity(x);
    }

    /** True when theta_i theta_j = 0 for every pair i != j, i.e. the posterior factorises. */
    public boolean factorizes() {
        return joint.factorizes();
    }

    /** log p(z) + log p(x | z) evaluated term by term, for checks against {@link GaussianJoint#logJoint}. */
    public double logJoint(double[] z) {
        Check.sameLength("LinearGaussianModel", "z", z.length, "theta", theta.length);
        double prior = 0;
        for (double zi : z) {
            prior += Normal.standard().logDensity(zi);
        }
        return prior + Normal.ofMeanVariance(Matrices.dot(theta, z), noiseVariance).logDensity(x);
    }
}
