package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.distributions.Normal;
import org.vworkbook.divergence.GaussianFit;
import org.vworkbook.divergence.MixtureFits;
import org.vworkbook.divergence.ReverseKL;
import org.vworkbook.ep.ClutterComparison;
import org.vworkbook.ep.ClutterProblem;
import org.vworkbook.ep.DampingComparison;
import org.vworkbook.ep.ExpectationPropagation;

/** The check lists of notebook EP: the KL fits to a mixture, and the clutter comparison. */
public final class EpChecks {
    private EpChecks() {}

    /**
     * The forward fit by gradient descent equals moment matching; each reverse fit converged, its
     * finite-difference gradient in (mean, variance) vanishes, and its KL is >= 0.
     */
    public static String mixtureFits(MixtureFits fits) {
        Normal forward = fits.forward();
        GaussianFit numeric = fits.forwardByGradientDescent();
        double[] inits = fits.reverseInits();
        List<Checks.Outcome> checks = new ArrayList<>(List.of(
                Checks.close("forward fit by gradient descent: mean vs moment matching", numeric.mean(), forward.mean(), 1e-8),
                Checks.close("forward fit by gradient descent: variance vs moment matching", numeric.variance(), forward.variance(), 1e-8)));
        for (int i = 0; i < fits.reverse().size(); i++) {
            GaussianFit f = fits.reverse().get(i);
            checks.add(Checks.isTrue("reverse fit from " + inits[i] + " converged in " + f.iterations() + " steps", f.converged()));
            checks.add(Checks.close("reverse fit from " + inits[i] + ": finite-difference gradient", fits.stationarityGradient(i),
                    new double[] {0, 0}, 1e-7));
            checks.add(Checks.nonNegative("KL(q || p) of the fit from " + inits[i], f.kl(), 1e-12));
        }
        return Checks.all(checks.toArray(new Checks.Outcome[0]));
    }

    /**
     * For the mixture with modes at +-2 (broad enough that one Gaussian covers both): every start reaches
     * mean 0, and that broad fit beats a Gaussian N(2, 1) on one mode.
     */
    public static String modesAtTwo(GaussianMixture1D p2, List<GaussianFit> fits2) {
        Normal onOneMode2 = Normal.ofMeanVariance(2.0, 1.0);
        return Checks.all(
                Checks.close("modes at +-2: all starts reach the same mean", fits2.stream().mapToDouble(GaussianFit::mean).toArray(),
                        new double[fits2.size()], 1e-6),
                Checks.isTrue("modes at +-2: the broad fit (KL " + String.format(Locale.ROOT, "%.4f", fits2.get(0).kl())
                        + ") beats a Gaussian on one mode (KL " + String.format(Locale.ROOT, "%.4f", ReverseKL.kl(onOneMode2, p2)) + ")",
                        fits2.get(0).kl() < ReverseKL.kl(onOneMode2, p2)));
    }

    /** VB's ELBO is below the exact log evidence at every size; with one observation EP is exact. */
    public static String clutter(ClutterComparison c) {
        int[] sizes = c.sizes();
        List<Checks.Outcome> checks = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            double elbo = c.vb().get(k).elbo();
            double logEvidence = c.exact().get(k).logEvidence();
            checks.add(Checks.isTrue("N = " + sizes[k] + ": ELBO " + String.format(Locale.ROOT, "%.6f", elbo)
                    + " <= exact log p(D) " + String.format(Locale.ROOT, "%.6f", logEvidence) + " (VB converged: " + c.vb().get(k).converged() + ")",
                    elbo <= logEvidence + 1e-9 * Math.max(1, Math.abs(logEvidence))));
        }
        checks.add(Checks.close("N = 1: EP mean vs exact", c.epOne().posterior().mean(), c.one().exact().mean(), 1e-8));
        checks.add(Checks.close("N = 1: EP variance vs exact", c.epOne().posterior().variance(), c.one().exact().variance(), 1e-7));
        checks.add(Checks.close("N = 1: EP log evidence vs exact", c.epOne().logEvidence().getAsDouble(), c.one().exact().logEvidence(),
                1e-8 * Math.max(1, Math.abs(c.one().exact().logEvidence()))));
        return Checks.all(checks.toArray(new Checks.Outcome[0]));
    }

    /**
     * The sites of one EP run on {@code problem}: q is the prior times the sites (its natural
     * parameters are 1/b + sum tau_n and m0/b + sum nu_n); and, when EP converged with every final
     * cavity proper, q is a fixed point: for every site, the tilted distribution of its cavity,
     * integrated numerically ({@link ClutterProblem#tiltedMomentsByQuadrature}, not Bishop's closed
     * forms), has q's mean and variance.
     */
    public static String sites(ClutterProblem problem, ExpectationPropagation.Result ep) {
        double[] tau = ep.sitePrecisions();
        double[] nu = ep.siteShifts();
        double tauQ = 1 / problem.priorVariance() + Arrays.stream(tau).sum();
        double nuQ = problem.priorMean() / problem.priorVariance() + Arrays.stream(nu).sum();
        Normal q = ep.posterior();
        List<Checks.Outcome> checks = new ArrayList<>(List.of(
                Checks.close("q's precision = prior precision + sum of site precisions", 1 / q.variance(), tauQ, 1e-9 * Math.max(1, Math.abs(tauQ))),
                Checks.close("q's precision-times-mean = prior's + sum of site values", q.mean() / q.variance(), nuQ, 1e-9 * Math.max(1, Math.abs(nuQ)))));
        boolean cavitiesProper = true;
        for (int n = 0; n < tau.length; n++) {
            cavitiesProper &= 1 / q.variance() - tau[n] > 0;
        }
        if (ep.converged() && cavitiesProper) {
            double worstMean = 0;
            double worstVar = 0;
            for (int n = 0; n < tau.length; n++) {
                double tauC = 1 / q.variance() - tau[n];
                double nuC = q.mean() / q.variance() - nu[n];
                double[] tilted = problem.tiltedMomentsByQuadrature(n, nuC / tauC, 1 / tauC);
                worstMean = Math.max(worstMean, Math.abs(tilted[1] - q.mean()));
                worstVar = Math.max(worstVar, Math.abs(tilted[2] / q.variance() - 1));
            }
            double sd = Math.sqrt(q.variance());
            checks.add(Checks.close("fixed point: largest |tilted mean - q mean| / sd(q) over the sites (quadrature)", worstMean / sd, 0, 1e-6));
            checks.add(Checks.close("fixed point: largest |tilted variance / q variance - 1| over the sites (quadrature)", worstVar, 0, 1e-6));
        }
        return Checks.all(checks.toArray(new Checks.Outcome[0]));
    }

    /**
     * Both runs of a damping comparison, as {@link #sites}: each q is the prior times its sites, and
     * each run that converged stopped at a fixed point. (Two converged runs need not stop at the same
     * fixed point, since EP may have several; the page says from the numbers whether they did.)
     */
    public static String damping(DampingComparison d) {
        return "undamped (eta = 1):\n" + sites(d.problem(), d.undamped()) + "\ndamped (eta = " + Prose.num(d.dampedEta()) + "):\n"
            + sites(d.problem(), d.damped());
    }
}
