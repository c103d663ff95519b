package org.vworkbook.divergence;

import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * Closed-form Kullback-Leibler divergences between Gaussians.
 *
 * <p>KL(p, q) = E_p[log p - log q] >= 0, zero iff p = q. It is not symmetric.
 */
public final class GaussianKL {
    private GaussianKL() {}

    /**
     * KL(N(m1, v1), N(m2, v2)) = 1/2 [ v1/v2 + (m1 - m2)^2 / v2 - 1 + log(v2 / v1) ].
     */
    public static double between(Normal p, Normal q) {
        double ratio = p.variance() / q.variance();
        double d = p.mean() - q.mean();
        // log(v2/v1) written as -log(ratio); ratio - 1 - log(ratio) >= 0 is computed as one piece.
        double kl = 0.5 * ((ratio - 1.0 - Math.log(ratio)) + d * d / q.variance());
        return kl; // not clamped: a negative value beyond rounding is a bug the tests must see
    }

    /**
     * KL(N(m1, S1), N(m2, S2)) = 1/2 [ tr(S2^-1 S1) + (m2 - m1)^T S2^-1 (m2 - m1) - d + log |S2| - log |S1| ].
     *
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static double between(MultivariateNormal p, MultivariateNormal q) {
        Check.sameLength("KL", "p dimension", p.dimension(), "q dimension", q.dimension());
        int d = p.dimension();
        double[][] q2 = q.precision();
        double trace = Matrices.traceOfProduct(q2, p.covariance());
        double[] diff = new double[d];
        for (int i = 0; i < d; i++) {
            diff[i] = q.mean(i) - p.mean(i);
        }
        double quad = Matrices.dot(diff, Matrices.multiply(q2, diff));
        double kl = 0.5 * (trace + quad - d + q.logDetCovariance() - p.logDetCovariance());
        return kl; // not clamped: a negative value beyond rounding is a bug the tests must see
    }
}
