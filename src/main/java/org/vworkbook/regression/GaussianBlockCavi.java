package org.vworkbook.regression;

import static org.vworkbook.numerics.Constants.LOG_2PI_E;
import org.vworkbook.cavi.Cavi;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.CoordinateAscent;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.exact.GaussianJoint;
import org.vworkbook.util.Matrices;

/**
 * CAVI with one full-covariance Gaussian block q(z) = N(m, S) for a joint that is Gaussian in z,
 * log p(x, z) = c + h^T z - 1/2 z^T Lambda z.
 *
 * <p>With a single block there is nothing to average over: log q*(z) = E_{-z}[log p(x, z)] + const
 * = log p(x, z) + const, so the one update is q* = N(Lambda^-1 h, Lambda^-1), the exact posterior,
 * and the ELBO reaches log p(x) after one sweep (the KL gap is zero). The ELBO of any N(m, S) is
 *
 * <pre>
 *   c + h^T m - 1/2 (m^T Lambda m + tr(Lambda S)) + d/2 log(2 pi e) + 1/2 log |S|.
 * </pre>
 *
 * The stopping rule is the largest change of any mean over a sweep.
 */
public final class GaussianBlockCavi implements CoordinateAscent<MultivariateNormal> {
    private final GaussianJoint joint;

    private GaussianBlockCavi(GaussianJoint joint) {
        this.joint = joint;
    }

    public static GaussianBlockCavi of(GaussianJoint joint) {
        if (joint == null) {
            throw new IllegalArgumentException("GaussianBlockCavi joint must not be null");
        }
        return new GaussianBlockCavi(joint);
    }

    /** Runs through {@link Cavi#run} from {@code start}. */
    public CaviResult<MultivariateNormal> run(MultivariateNormal start, CaviOptions options) {
        if (start == null || start.dimension() != joint.dimension()) {
            throw new IllegalArgumentException("GaussianBlockCavi start must be a Gaussian of dimension "
                    + joint.dimension() + ", got " + (start == null ? "null" : "dimension " + start.dimension()));
        }
        return Cavi.run(this, start, options);
    }

    @Override
    public MultivariateNormal sweep(MultivariateNormal state) {
        return joint.posterior();
    }

    @Override
    public double elbo(MultivariateNormal q) {
        double[] m = q.mean();
        double[][] lambda = joint.precision();
        return joint.constant() + Matrices.dot(joint.linear(), m)
                - 0.5 * (Matrices.dot(m, Matrices.multiply(lambda, m)) + Matrices.traceOfProduct(lambda, q.covariance()))
                + 0.5 * (m.length * LOG_2PI_E + q.logDetCovariance());
    }

    @Override
    public double change(MultivariateNormal before, MultivariateNormal after) {
        double max = 0;
        for (int j = 0; j < before.dimension(); j++) {
            max = Math.max(max, Math.abs(after.mean(j) - before.mean(j)));
        }
        return max;
    }
}
