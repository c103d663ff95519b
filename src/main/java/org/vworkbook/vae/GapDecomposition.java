package org.vworkbook.vae;

import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.divergence.GaussianKL;
import org.vworkbook.exact.GaussianJoint;

/**
 * The gap between log p(x) and a VAE's ELBO, averaged over a data set, split into two parts
 * (Cremer, Li and Duvenaud 2018):
 *
 * <pre>
 *   log p(x) - ELBO(q_phi(. | x))
 *     = [log p(x) - ELBO(q*_x)]  +  [ELBO(q*_x) - ELBO(q_phi(. | x))]
 *     =   approximation gap      +    amortisation gap
 * </pre>
 *
 * where q*_x is the best mean-field q for that single x (found by CAVI, seed 001 eq. 2a) and
 * q_phi(. | x) is the encoder's answer (eq. 2b). Both parts are >= 0: the first is KL(q*_x, p(z | x)),
 * the second because the encoder's q is itself a mean-field q. Every field is a mean over the data.
 *
 * @param logLikelihood mean log p(x) (exact, from the decoder's marginal)
 * @param elboEncoder mean ELBO of the encoder's q (the VAE's closed form)
 * @param elboBestMeanField mean ELBO of the CAVI optimum
 * @param klEncoderToExact mean KL(q_phi(. | x), p(z | x)), closed form between Gaussians
 * @param klBestMeanFieldToExact mean KL(q*_x, p(z | x)), closed form between Gaussians
 * @param maxCaviSweeps the largest number of CAVI sweeps any point needed
 */
public record GapDecomposition(double logLikelihood, double elboEncoder, double elboBestMeanField,
        double klEncoderToExact, double klBestMeanFieldToExact, int maxCaviSweeps) {

    /**
     * Computes the decomposition for a VAE on a data set. CAVI starts each point at means 0 and unit
     * variances (the prior) and stops as {@code options} says.
     *
     * @throws IllegalStateException if CAVI does not converge for some point within the options' limit
     */
    public static GapDecomposition of(LinearVae vae, double[][] data, CaviOptions options) {
        if (vae == null || options == null) {
            throw new IllegalArgumentException("GapDecomposition vae and options must not be null");
        }
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("GapDecomposition data must have at least one row");
        }
        LinearGaussianDecoder decoder = vae.decoder();
        DiagonalGaussianEncoder encoder = vae.encoder();
        int l = vae.latentDimension();
        double[] zeros = new double[l];
        double[] ones = new double[l];
        java.util.Arrays.fill(ones, 1.0);
        double ll = 0;
        double elboEnc = 0;
        double elboMf = 0;
        double klEnc = 0;
        double klMf = 0;
        int maxSweeps = 0;
        for (double[] x : data) {
            GaussianJoint joint = decoder.joint(x);
            ll += decoder.logMarginal(x);
            elboEnc += vae.elbo(x);
            MeanFieldGaussianState q = encoder.q(x);
            klEnc += GaussianKL.between(q.asMultivariate(), joint.posterior());
            CaviResult<MeanFieldGaussianState> best = GaussianMeanField.of(joint).run(zeros, ones, options);
            if (!best.converged()) {
                throw new IllegalStateException("GapDecomposition: CAVI did not converge within "
                        + options.maxIterations() + " sweeps for a data point; raise the limit");
            }
            maxSweeps = Math.max(maxSweeps, best.iterations());
            elboMf += best.elbo();
            klMf += GaussianKL.between(best.state().asMultivariate(), joint.posterior());
        }
        int n = data.length;
        return new GapDecomposition(ll / n, elboEnc / n, elboMf / n, klEnc / n, klMf / n, maxSweeps);
    }

    /** log p(x) - ELBO of the encoder: the total gap (= {@link #klEncoderToExact()}). */
    public double totalGap() {
        return logLikelihood - elboEncoder;
    }

    /** log p(x) - ELBO of the best mean-field q: what the mean-field family costs (= {@link #klBestMeanFieldToExact()}). */
    public double approximationGap() {
        return logLikelihood - elboBestMeanField;
    }

    /** ELBO of the best mean-field q - ELBO of the encoder: what sharing one encoder across points costs. */
    public double amortisationGap() {
        return elboBestMeanField - elboEncoder;
    }
}
