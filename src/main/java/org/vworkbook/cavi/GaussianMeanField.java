package org.vworkbook.cavi;

import static org.vworkbook.numerics.Constants.LOG_2PI_E;
import org.vworkbook.divergence.GaussianKL;
import org.vworkbook.exact.GaussianJoint;
import org.vworkbook.util.Check;

/**
 * Mean-field CAVI for a joint that is Gaussian in z, log p(x, z) = c + h^T z - 1/2 z^T Lambda z,
 * with the fully factorised family q(z) = prod_j N(m_j, s_j^2).
 *
 * <p>From log q_j*(z_j) = E_-j[log p(x, z)] + const, the terms in z_j are
 * (h_j - sum_{k != j} Lambda_jk m_k) z_j - 1/2 Lambda_jj z_j^2, so
 *
 * <pre>
 *   q_j* = N( m_j = (h_j - sum_{k != j} Lambda_jk m_k) / Lambda_jj ,  s_j^2 = 1 / Lambda_jj ).
 * </pre>
 *
 * The factors are updated in order j = 1..d within a sweep, each using the newest means. The
 * ELBO is
 *
 * <pre>
 *   c + h^T m - 1/2 (m^T Lambda m + sum_j Lambda_jj s_j^2) + sum_j 1/2 log(2 pi e s_j^2).
 * </pre>
 *
 * The stopping rule is the contract's: the largest change of any mean over a sweep.
 */
public final class GaussianMeanField implements CoordinateAscent<MeanFieldGaussianState> {

    private final GaussianJoint joint;

    private GaussianMeanField(GaussianJoint joint) {
        this.joint = joint;
    }

    public static GaussianMeanField of(GaussianJoint joint) {
        if (joint == null) {
            throw new IllegalArgumentException("GaussianMeanField joint must not be null");
        }
        return new GaussianMeanField(joint);
    }

    public GaussianJoint joint() {
        return joint;
    }

    /**
     * Runs CAVI from the given means with the given starting variances (the notebooks use each
     * factor's prior variance).
     */
    public CaviResult<MeanFieldGaussianState> run(double[] initialMeans, double[] initialVariances,
            CaviOptions options) {
        Check.sameLength("GaussianMeanField", "initialMeans", initialMeans == null ? 0 : initialMeans.length,
                "model dimension", joint.dimension());
        return Cavi.run(this, new MeanFieldGaussianState(initialMeans, initialVariances), options);
    }

    /** The fixed point's variances 1 / Lambda_jj (they do not depend on the means). */
    public double[] optimalVariances() {
        double[] v = new double[joint.dimension()];
        for (int j = 0; j < v.length; j++) {
            v[j] = 1.0 / joint.precision(j, j);
        }
        return v;
    }

    /** Updates factor j alone, given the current means of the others. */
    public MeanFieldGaussianState updateFactor(MeanFieldGaussianState state, int j) {
        double[] m = state.means();
        double[] v = state.variances();
        double lambdaJJ = joint.precision(j, j);
        double s = joint.linear(j);
        for (int k = 0; k < m.length; k++) {
            if (k != j) {
                s -= joint.precision(j, k) * m[k];
            }
        }
        m[j] = s / lambdaJJ;
        v[j] = 1.0 / lambdaJJ;
        return new MeanFieldGaussianState(m, v);
    }

    @Override
    public MeanFieldGaussianState sweep(MeanFieldGaussianState state) {
        MeanFieldGaussianState s = state;
        for (int j = 0; j < state.dimension(); j++) {
            s = updateFactor(s, j);
        }
        return s;
    }

    @Override
    public double elbo(MeanFieldGaussianState q) {
        int d = q.dimension();
        double linear = 0;
        double quadratic = 0;
        double entropy = 0;
        for (int i = 0; i < d; i++) {
            linear += joint.linear(i) * q.mean(i);
            quadratic += joint.precision(i, i) * q.variance(i);
            for (int k = 0; k < d; k++) {
                quadratic += q.mean(i) * joint.precision(i, k) * q.mean(k);
            }
            entropy += 0.5 * (LOG_2PI_E + Math.log(q.variance(i)));
        }
        return joint.constant() + linear - 0.5 * quadratic + entropy;
    }

    /**
     * The sum of the absolute values of the terms of {@link #elbo}: |c| + sum_i |h_i m_i|
     * + 1/2 (sum_ik |m_i Lambda_ik m_k| + sum_j Lambda_jj s_j^2) + sum_j 1/2 |log(2 pi e s_j^2)|.
     * The computed ELBO is within a few units in the last place of this of the exact one; with a
     * small noise variance it is much larger than |ELBO| (c and h^T m nearly cancel).
     */
    @Override
    public double elboMagnitude(MeanFieldGaussianState q) {
        int d = q.dimension();
        double sum = Math.abs(joint.constant());
        for (int i = 0; i < d; i++) {
            sum += Math.abs(joint.linear(i) * q.mean(i));
            sum += 0.5 * joint.precision(i, i) * q.variance(i);
            for (int k = 0; k < d; k++) {
                sum += 0.5 * Math.abs(q.mean(i) * joint.precision(i, k) * q.mean(k));
            }
            sum += 0.5 * Math.abs(LOG_2PI_E + Math.log(q.variance(i)));
        }
        return sum;
    }

    /** The largest absolute change of any mean. */
    @Override
    public double change(MeanFieldGaussianState before, MeanFieldGaussianState after) {
        double max = 0;
        for (int j = 0; j < before.dimension(); j++) {
            max = Math.max(max, Math.abs(after.mean(j) - before.mean(j)));
        }
        return max;
    }

    /** KL(q, exact posterior), in closed form between the two Gaussians. */
    public double klToPosterior(MeanFieldGaussianState q) {
        return GaussianKL.between(q.asMultivariate(), joint.posterior());
    }
}
