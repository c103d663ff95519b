package org.vworkbook.cavi;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.exact.GaussianJoint;
import org.vworkbook.util.Check;

/**
 * Problem C's model, Gaussian version: two independent causes and a collider,
 *
 * <pre>
 *   z1, z2 ~ N(0, 1),   z3 | z1, z2 ~ N(z1 + z2, s3^2),   x | z3 ~ N(z3, sx^2)
 * </pre>
 *
 * with s3 and sx <b>standard deviations</b>. Expanding the squares, log p(x, z) = c + h^T z - 1/2 z^T Lambda z with
 *
 * <pre>
 *   Lambda = diag(1, 1, 1/sx^2) + a a^T / s3^2,   a = (-1, -1, 1)
 *          = [[1 + 1/s3^2, 1/s3^2, -1/s3^2], [1/s3^2, 1 + 1/s3^2, -1/s3^2], [-1/s3^2, -1/s3^2, 1/s3^2 + 1/sx^2]]
 *   h      = (0, 0, x / sx^2)
 *   c      = -2 log(2 pi) - log s3 - log sx - x^2 / (2 sx^2).
 * </pre>
 *
 * Lambda_12 = 1/s3^2 != 0: z1 and z2, independent a priori, are coupled in the posterior (explaining
 * away through the collider z3). The evidence is x ~ N(0, 2 + s3^2 + sx^2).
 */
public final class ColliderGaussianModel {

    private final double s3;
    private final double sx;
    private final double x;
    private final GaussianJoint joint;

    private ColliderGaussianModel(double s3, double sx, double x) {
        this.s3 = s3;
        this.sx = sx;
        this.x = x;
        double t = 1.0 / (s3 * s3);
        double u = 1.0 / (sx * sx);
        double[][] lambda = {
            {1 + t, t, -t},
            {t, 1 + t, -t},
            {-t, -t, t + u}
        };
        double[] h = {0, 0, x * u};
        double c = -2 * LOG_2PI - Math.log(s3) - Math.log(sx) - 0.5 * x * x * u;
        this.joint = GaussianJoint.of(lambda, h, c);
    }

    /**
     * @param s3 standard deviation of z3 given z1, z2 (finite, > 0)
     * @param sx standard deviation of x given z3 (finite, > 0)
     * @param x the observation (finite)
     */
    public static ColliderGaussianModel of(double s3, double sx, double x) {
        Check.positive("ColliderGaussianModel", "s3", s3);
        Check.positive("ColliderGaussianModel", "sx", sx);
        Check.finite("ColliderGaussianModel", "x", x);
        return new ColliderGaussianModel(s3, sx, x);
    }

    public double s3() {
        return s3;
    }

    public double sx() {
        return sx;
    }

    public double observation() {
        return x;
    }

    /** The joint in the form c + h^T z - 1/2 z^T Lambda z. */
    public GaussianJoint joint() {
        return joint;
    }

    /** The exact posterior p(z1, z2, z3 | x). */
    public MultivariateNormal posterior() {
        return joint.posterior();
    }

    /** log p(x) from the marginal x ~ N(0, 2 + s3^2 + sx^2), independently of the completed square. */
    public double logEvidence() {
        return Normal.ofMeanVariance(0.0, 2 + s3 * s3 + sx * sx).logDensity(x);
    }

    /** The prior variances (1, 1, 2 + s3^2) of z1, z2 and (marginally) z3: CAVI's starting variances. */
    public double[] priorVariances() {
        return new double[] {1, 1, 2 + s3 * s3};
    }

    /** log p(x, z) term by term, log N(z1|0,1) + log N(z2|0,1) + log N(z3|z1+z2, s3^2) + log N(x|z3, sx^2). */
    public double logJoint(double z1, double z2, double z3) {
        return Normal.standard().logDensity(z1) + Normal.standard().logDensity(z2)
                + Normal.ofMeanVariance(z1 + z2, s3 * s3).logDensity(z3)
                + Normal.ofMeanVariance(z3, sx * sx).logDensity(x);
    }

    /**
     * How far means m are from the CAVI fixed point: with r = Lambda m - h the residual of the mean
     * equations, m - E[z | x] = Sigma r exactly (Sigma = Lambda^-1), and a mean-field q with these
     * means and the optimal variances 1 / Lambda_jj has a KL that exceeds the optimum's by exactly
     * 1/2 r^T Sigma r (the KL is quadratic in the means with Hessian Lambda).
     *
     * @param means m, three finite values
     */
    public FixedPointOffset offFixedPoint(double[] means) {
        double[] m = Check.finiteVector("ColliderGaussianModel", "means", means);
        Check.sameLength("ColliderGaussianModel", "means", m.length, "number of latents", 3);
        double[][] lambda = {{1 + 1 / (s3 * s3), 1 / (s3 * s3), -1 / (s3 * s3)}, {1 / (s3 * s3), 1 + 1 / (s3 * s3), -1 / (s3 * s3)},
            {-1 / (s3 * s3), -1 / (s3 * s3), 1 / (s3 * s3) + 1 / (sx * sx)}};
        double[] h = {0, 0, x / (sx * sx)};
        double[][] sigma = posterior().covariance();
        double[] r = new double[3];
        double[] d = new double[3];
        for (int a = 0; a < 3; a++) {
            r[a] = -h[a];
            for (int b = 0; b < 3; b++) {
                r[a] += lambda[a][b] * m[b];
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                d[a] += sigma[a][b] * r[b];
            }
        }
        return new FixedPointOffset(d, 0.5 * (r[0] * d[0] + r[1] * d[1] + r[2] * d[2]));
    }

    /**
     * The distance of means from the fixed point ({@link #offFixedPoint}).
     *
     * @param meanOffset Sigma (Lambda m - h) = m - E[z | x]
     * @param klExcess 1/2 r^T Sigma r: the KL above the optimum's at these means
     */
    public record FixedPointOffset(double[] meanOffset, double klExcess) {
        public FixedPointOffset {
            meanOffset = Check.finiteVector("FixedPointOffset", "meanOffset", meanOffset);
            if (Double.isNaN(klExcess)) {
                throw new IllegalArgumentException("FixedPointOffset klExcess must not be NaN");
            }
        }

        @Override
        public double[] meanOffset() {
            return meanOffset.clone();
        }
    }

    /**
     * KL(q_mf, p) - KL(q(z1, z2) q(z3), p) at the two optima: keeping z1, z2 together removes
     * 1/2 log(Lambda11 Lambda22 / (Lambda11 Lambda22 - Lambda12^2)) = -1/2 log(1 - 1/(1 + s3^2)^2) > 0.
     */
    public double structuredKlGain() {
        return -0.5 * Math.log1p(-1 / ((1 + s3 * s3) * (1 + s3 * s3)));
    }
}
