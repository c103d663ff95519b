package org.vworkbook.vae;

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
 * where q*_x is the best mean-field q for that single x (seed 001 eq. 2a) and q_phi(. | x) is the
 * encoder's answer (eq. 2b). Both parts are >= 0: the first is KL(q*_x, p(z | x)), the second because
 * the encoder's q is itself a mean-field q. q*_x is CAVI's fixed point, taken in closed form
 * ({@link LinearGaussianDecoder#bestMeanField}: exact means, variances 1 / M_jj); its ELBO comes from
 * the mean-field ELBO formula of {@link GaussianMeanField#elbo}, independent of the KL formula. Every
 * field is a mean over the data.
 *
 * @param logLikelihood mean log p(x) (exact, from the decoder's marginal)
 * @param elboEncoder mean ELBO of the encoder's q (the VAE's closed form)
 * @param elboBestMeanField mean ELBO of the best mean-field q
 * @param klEncoderToExact mean KL(q_phi(. | x), p(z | x)), closed form between Gaussians
 * @param klBestMeanFieldToExact mean KL(q*_x, p(z | x)), closed form between Gaussians
 */
public record GapDecomposition(double logLikelihood, double elboEncoder, double elboBestMeanField,
        double klEncoderToExact, double klBestMeanFieldToExact) {

    public GapDecomposition {
        org.vworkbook.util.Check.finite("GapDecomposition", "logLikelihood", logLikelihood);
        org.vworkbook.util.Check.finite("GapDecomposition", "elboEncoder", elboEncoder);
        org.vworkbook.util.Check.finite("GapDecomposition", "elboBestMeanField", elboBestMeanField);
        org.vworkbook.util.Check.finite("GapDecomposition", "klEncoderToExact", klEncoderToExact);
        org.vworkbook.util.Check.finite("GapDecomposition", "klBestMeanFieldToExact", klBestMeanFieldToExact);
    }

    /** Computes the decomposition for a VAE on a data set. */
    public static GapDecomposition of(LinearVae vae, double[][] data) {
        if (vae == null) {
            throw new IllegalArgumentException("GapDecomposition vae must not be null");
        }
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("GapDecomposition data must have at least one row");
        }
        LinearGaussianDecoder decoder = vae.decoder();
        DiagonalGaussianEncoder encoder = vae.encoder();
        double ll = 0;
        double elboEnc = 0;
        double elboMf = 0;
        double klEnc = 0;
        double klMf = 0;
        for (double[] x : data) {
            GaussianJoint joint = decoder.joint(x);
            ll += decoder.logMarginal(x);
            elboEnc += vae.elbo(x);
            MeanFieldGaussianState q = encoder.q(x);
            klEnc += GaussianKL.between(q.asMultivariate(), joint.posterior());
            MeanFieldGaussianState best = decoder.bestMeanField(x);
            elboMf += GaussianMeanField.of(joint).elbo(best);
            klMf += GaussianKL.between(best.asMultivariate(), joint.posterior());
        }
        int n = data.length;
        return new GapDecomposition(ll / n, elboEnc / n, elboMf / n, klEnc / n, klMf / n);
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
