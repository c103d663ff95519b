package org.vworkbook.notebook;

import org.vworkbook.vae.GapDecomposition;
import org.vworkbook.vae.LinearGaussianDecoder;
import org.vworkbook.vae.TrainingSnapshots;
import org.vworkbook.vae.VaeExperiment;
import org.vworkbook.vae.VaeTrainer;

/** The sentences of notebook E that depend on the numbers. */
public final class VaeProse {
    private VaeProse() {}

    /** The posterior correlation before and after training, and how far the encoder's q is from the exact posterior. */
    public static Prose.Markdown posteriors(VaeExperiment e, GapDecomposition gaps, int steps) {
        LinearGaussianDecoder truth = e.truth();
        int latentDim = truth.latentDimension();
        double[][] x = e.data();
        double rhoBefore = truth.maxAbsPosteriorCorrelation();
        double rhoAfter = e.vae().decoder().maxAbsPosteriorCorrelation();
        double meanKl = gaps.klEncoderToExact();
        return Prose.markdown(
            latentDim == 1
                ? "With $L = 1$ the best mean-field $q^*_x$ is the exact posterior: in the first chart each dashed curve lies on its solid one, and the "
                    + "approximation gap is 0. Whatever separates the encoder's $q$ from the exact posterior in the second chart is amortisation."
                : "Under the generating decoder the posterior correlation of $z_1$ and $z_2$ is $\\rho$ = " + Prose.num(truth.posterior(x[0]).correlation(0, 1))
                    + " (the posterior covariance is the same for every $x$)"
                    + (latentDim == 2 ? ", so each marginal variance of $q^*_x$ is $1-\\rho^2$ = " + Prose.num(1 - Math.pow(truth.posterior(x[0]).correlation(0, 1), 2))
                        + " times the exact one" : "; the largest $|\\rho|$ over all pairs is " + Prose.num(rhoBefore))
                    + ", and $\\mathrm{KL}(q^*_x\\,\\|\\,p)$ = " + Prose.num(truth.meanFieldKl()) + " nats for every point.",
            latentDim == 1 ? "" : "Under the trained decoder the largest posterior $|\\rho|$ is " + Prose.num(rhoAfter) + ": "
                + (rhoAfter < 0.01 ? "training has rotated the decoder until the exact posterior is (nearly) axis-aligned, so a mean-field $q$ can match it."
                    : rhoAfter < rhoBefore ? "training has reduced the posterior correlation but not removed it, so no mean-field $q$ can match the exact posterior yet."
                    : "training has not reduced the posterior correlation" + (steps == 0 ? " (with `steps = 0` the trained decoder is the starting one)." : "."))
                + (!e.fromTruth() ? " (Training started from a random decoder, not the generating one.)" : ""),
            "The encoder's $q_\\phi(z\\mid x)$ is on average " + Prose.num(meanKl) + " nats (KL per point) from the exact posterior of the trained decoder"
                + (meanKl < 1e-3 ? ": in the second chart the two nearly coincide." : meanKl < 0.1 ? ": close, but not equal." : ": visibly off.")
                + (steps == 0 ? " With `steps = 0` the encoder is still the prior $\\mathcal N(0, I)$ for every $x$." : ""));
    }

    /** What training did: divergence, the ELBO and log-likelihood, the column cosine, the correlation and the two gaps. */
    public static Prose.Markdown training(VaeExperiment e, TrainingSnapshots s, int steps, double learningRate) {
        VaeTrainer.Result training = e.training();
        int latentDim = e.truth().latentDimension();
        double[] elboTrace = training.elboTrace();
        int taken = training.stepsTaken();
        int snaps = s.size();
        double[] snapLogLik = s.logLikelihood();
        double[] snapCos = s.columnCosine();
        double[] snapRho = s.posteriorCorrelation();
        double[] snapApprox = s.approximationGap();
        double[] snapAmort = s.amortisationGap();
        double truthLogLik = e.truthLogLikelihood();
        return Prose.markdown(
            Prose.when(training.diverged(), "Training stopped after " + taken + " of " + steps + " steps: the next Adam step would have left the range "
                + "of double precision (an encoder variance or $\\sigma^2$ under- or overflowing), so a learning rate of " + Prose.num(learningRate)
                + " is too large here; everything below is the VAE after step " + taken + "."),
            steps == 0 ? "With `steps = 0` nothing was trained: every snapshot is the starting VAE."
                : "Training " + (elboTrace[taken] >= elboTrace[0] ? "raised" : "lowered") + " the mean ELBO from " + Prose.num(elboTrace[0]) + " to "
                    + Prose.num(elboTrace[taken]) + " nats per point, starting " + (e.fromTruth() ? "at the generating decoder" : "from a small random $W$")
                    + " with the prior as encoder. The mean log-likelihood went from " + Prose.num(snapLogLik[0]) + " to " + Prose.num(snapLogLik[snaps - 1])
                    + " (under the generating decoder: " + Prose.num(truthLogLik) + ").",
            latentDim == 1 ? "With $L = 1$ the approximation gap is 0 at every step: the whole gap is amortisation."
                : "The largest column cosine went from " + Prose.num(snapCos[0]) + " to " + Prose.num(snapCos[snaps - 1])
                    + " and the largest posterior correlation from " + Prose.num(snapRho[0]) + " to " + Prose.num(snapRho[snaps - 1])
                    + "; the approximation gap went from " + Prose.num(snapApprox[0]) + " to " + Prose.num(snapApprox[snaps - 1]) + " nats per point"
                    + (snapApprox[snaps - 1] < 1e-6 ? ": the exact posterior has (nearly) factorised and the mean-field family costs (almost) nothing"
                            + (snapCos[snaps - 1] < 0.01 ? "; the decoder's columns have turned orthogonal."
                                : ". The column cosine is still large: $W^\\top W$ is (nearly) diagonal because some columns have shrunk towards 0, and a short column counts as orthogonal whatever its direction.")
                        : snapApprox[snaps - 1] < snapApprox[0] ? ": it has shrunk, but the exact posterior has not factorised yet."
                        : ": it has not shrunk" + (steps == 0 ? "." : " over these steps.")),
            steps == 0 ? "" : "The amortisation gap went from " + Prose.num(snapAmort[0]) + " to " + Prose.num(snapAmort[snaps - 1]) + " nats per point"
                + (snapAmort[snaps - 1] < 1e-3 ? ": the encoder has (nearly) caught up with the decoder."
                    : snapAmort[snaps - 1] < snapAmort[0] ? ": the encoder is catching up with the decoder, but has not caught up yet." : "."));
    }
}
