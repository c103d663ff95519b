package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.distributions.Normal;
import org.vworkbook.divergence.GaussianFit;
import org.vworkbook.divergence.MixtureFits;
import org.vworkbook.divergence.ReverseKL;
import org.vworkbook.divergence.ReverseKlProfile;
import org.vworkbook.ep.ClutterComparison;
import org.vworkbook.ep.DampingComparison;
import org.vworkbook.ep.ExpectationPropagation;

/** The sentences of notebook EP that depend on the numbers. */
public final class EpProse {
    private EpProse() {}

    /**
     * What the fits are: where the forward fit sits relative to p's peak, each reverse fit (on one
     * component, spread, a saddle, not converged), and how the forward fit's KL(q, p) compares.
     */
    public static Prose.Markdown fits(MixtureFits fits, double[] means, double[] vars) {
        GaussianMixture1D p = fits.p();
        Normal forward = fits.forward();
        List<GaussianFit> reverseFits = fits.reverse();
        double[] inits = fits.reverseInits();
        double sdMax = Math.sqrt(Arrays.stream(vars).max().getAsDouble());
        double[] xs = Plots.linspace(Arrays.stream(means).min().getAsDouble() - 4 * sdMax, Arrays.stream(means).max().getAsDouble() + 4 * sdMax, 801);
        double pMax = Arrays.stream(xs).map(p::density).max().getAsDouble();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < reverseFits.size(); i++) {
            GaussianFit f = reverseFits.get(i);
            int nearest = 0;
            for (int kk = 1; kk < means.length; kk++) {
                if (Math.abs(f.mean() - means[kk]) < Math.abs(f.mean() - means[nearest])) {
                    nearest = kk;
                }
            }
            boolean distinctMeans = Arrays.stream(means).distinct().count() > 1;
            boolean onOne = distinctMeans && Math.abs(f.mean() - means[nearest]) < 0.5 * Math.sqrt(vars[nearest]) && f.variance() < 1.5 * vars[nearest];
            // a mean within rounding of 0 is shown as 0
            double shownMean = Math.abs(f.mean()) < 1e-8 * (Math.sqrt(f.variance()) + Arrays.stream(means).map(Math::abs).max().getAsDouble()) ? 0 : f.mean();
            lines.add("* From " + Prose.num(inits[i]) + ": mean " + Prose.num(shownMean) + ", variance " + Prose.num(f.variance())
                + ", $\\mathrm{KL}(q\\|p) = " + Prose.num(Math.abs(f.kl()) < 1e-12 ? 0 : f.kl()) + "$"   // |KL| below 1e-12 is rounding
                + (onOne ? ", on the component at " + Prose.num(means[nearest]) + " (mode-seeking)" : distinctMeans ? ", spread over several components" : "")
                + (fits.saddle().get(i) ? "; a saddle, not a minimum: the gradient vanishes there by symmetry, but moving the mean either way lowers the KL" : "")
                + Prose.when(!f.converged(), "; the descent stopped before converging") + ".");
        }
        double bestKl = reverseFits.stream().mapToDouble(GaussianFit::kl).min().getAsDouble();
        double pAtForward = p.density(forward.mean());
        double forwardReverseKl = ReverseKL.kl(forward, p);
        return Prose.markdown(
            means.length == 1 || Arrays.stream(means).distinct().count() == 1 && Arrays.stream(vars).distinct().count() == 1
                ? "All components of $p$ are the same Gaussian, so $p$ is Gaussian and every fit is $p$ itself: both KLs are 0 up to rounding."
                : Arrays.stream(means).distinct().count() == 1
                ? "All components share the mean " + Prose.num(means[0]) + ", so $p$ is unimodal and symmetric about it: the forward fit and every reverse fit are centred there, "
                    + "and they differ only in the variance (forward " + Prose.num(forward.variance()) + ", the variance of $p$)."
                : "The forward fit is centred at " + Prose.num(forward.mean()) + " with variance " + Prose.num(forward.variance()) + "; there $p$'s density is "
                    + Prose.num(100 * pAtForward / pMax, 2) + " % of its peak" + Prose.when(pAtForward < 0.2 * pMax, ": the mass-covering fit puts its peak where $p$ has little mass.", "."),
            "The reverse fits:\n" + String.join("\n", lines),
            "The forward fit's own $\\mathrm{KL}(q\\|p)$ is " + Prose.num(Math.abs(forwardReverseKl) < 1e-12 ? 0 : forwardReverseKl)
                + (forwardReverseKl > bestKl + 1e-9 ? ", above the best reverse fit's " + Prose.num(bestKl) + ": the reverse fits minimise that divergence."
                  : forwardReverseKl < bestKl - 1e-9 ? ", below every reverse fit's (the best is " + Prose.num(bestKl) + "): these starts found only local minima worse than moment matching."
                  : ", the same as the best reverse fit's: here moment matching is also a reverse optimum."));
    }

    /** How many valleys the profile of p has on the plotted range, and what that means for the starts. */
    public static Prose.Markdown valleys(ReverseKlProfile profile) {
        int valleys = profile.valleys();
        return Prose.markdown("For the $p$ of the parameters the curve has " + (valleys == 1 ? "one valley" : valleys + " valleys") + " on the plotted range"
            + (valleys == 1 ? ": every start that follows it ends in the same place." : ": which one a start ends in depends on where it begins (and on the optimiser)."));
    }

    /** Size by size, how EP and VB compare with the exact posterior; at the largest size, which is closer. */
    public static Prose.Markdown clutter(ClutterComparison c, double clutterWeight) {
        int[] sizes = c.sizes();
        double[] exactVar = c.exactVariance();
        double[] epVar = c.epVariance();
        double[] vbVar = c.vbVariance();
        double[] exactMean = c.exactMean();
        double[] epMean = c.epMean();
        double[] vbMean = c.vbMean();
        double[] epLogZ = c.epLogEvidence();
        double[] exactLogZ = c.exactLogEvidence();
        double[] vbElbo = c.vbElbo();
        boolean[] epConverged = c.epConverged();
        int[] bySize = c.bySize();
        List<String> rows = new ArrayList<>();
        boolean vbAlwaysNarrower = true;
        for (int i : bySize) {
            vbAlwaysNarrower &= vbVar[i] < exactVar[i];
            rows.add("* $N = " + sizes[i] + "$: exact variance " + Prose.num(exactVar[i]) + "; EP " + Prose.num(epVar[i])
                + " (" + Prose.pct(epVar[i] / exactVar[i], 0) + " of it" + Prose.when(!epConverged[i], ", EP did not converge") + "); VB " + Prose.num(vbVar[i])
                + " (" + Prose.pct(vbVar[i] / exactVar[i], 0) + "). Means: exact " + Prose.num(exactMean[i]) + ", EP " + Prose.num(epMean[i]) + ", VB " + Prose.num(vbMean[i])
                + ". EP's $\\log Z$ is " + (Double.isNaN(epLogZ[i]) ? "undefined (a final cavity is improper)"
                    : Prose.num(Math.abs(epLogZ[i] - exactLogZ[i])) + " nats " + (epLogZ[i] >= exactLogZ[i] ? "above" : "below") + " $\\log p(\\mathcal D)$")
                + ", VB's ELBO " + Prose.num(exactLogZ[i] - vbElbo[i]) + " below.");
        }
        int last = bySize[sizes.length - 1];
        double epErr = Math.abs(epVar[last] / exactVar[last] - 1);
        double vbErr = Math.abs(vbVar[last] / exactVar[last] - 1);
        return Prose.markdown(
            clutterWeight == 0 ? "With $w = 0$ there is no clutter: the likelihood is Gaussian, so the posterior is Gaussian and EP and VB both find it exactly (up to rounding)." : "",
            String.join("\n", rows),
            clutterWeight == 0 ? "" : "At the largest data set ($N = " + sizes[last] + "$) EP's variance is within " + Prose.num(100 * epErr, 2) + " % of the exact one and VB's within "
                + Prose.num(100 * vbErr, 2) + " %" + Prose.when(epErr < vbErr, ": EP is the closer of the two.", ": here VB is not the worse of the two.")
                + Prose.when(vbAlwaysNarrower, " VB's variance is below the exact one at every size.", " VB's variance is not below the exact one at every size."));
    }

    /** What the sites of one EP run did: how many passes, how many end with negative precision, and which. */
    public static Prose.Markdown sites(ExpectationPropagation.Result ep, double[] data) {
        double[] tau = ep.sitePrecisions();
        int n = tau.length;
        int negative = ep.negativeSites();
        List<String> which = new ArrayList<>();
        for (int i = 0; i < n && which.size() < 8; i++) {
            if (tau[i] < 0) {
                which.add("$x_{" + (i + 1) + "} = " + Prose.tex(data[i], 3) + "$");
            }
        }
        double min = Arrays.stream(tau).min().getAsDouble();
        double max = Arrays.stream(tau).max().getAsDouble();
        String run = ep.converged()
            ? "EP converged after " + ep.sweeps() + (ep.sweeps() == 1 ? " pass" : " passes") + "; over the last one no site precision moved by more than "
                + Prose.num(ep.lastSitePrecisionChange(), 2) + "."
            : "EP did not converge in " + ep.sweeps() + " passes: over the last one a site precision still moved by "
                + Prose.num(ep.lastSitePrecisionChange(), 2) + ".";
        String signs = negative == 0
            ? "All " + n + " sites end with a positive precision (between " + Prose.num(min, 3) + " and " + Prose.num(max, 3)
                + "): every observation narrows $q$, as a Gaussian likelihood would."
            : negative + " of the " + n + " sites end with a negative precision (the lowest is " + Prose.num(min, 3) + "): "
                + (negative == n ? "every" : "those") + " Gaussian factor" + (negative == 1 ? " is" : "s are") + " no density of $\\theta$ but "
                + (negative == 1 ? "widens" : "widen") + " $q$, which EP allows because only the product with the prior has to be a Gaussian. "
                + (negative == 1 ? "It belongs to " : "They belong to ") + String.join(", ", which) + (negative > which.size() ? ", ..." : "")
                + ".";
        return Prose.markdown(run + " " + signs + Prose.when(ep.skippedUpdates() > 0,
            " " + ep.skippedUpdates() + " site updates were skipped because their cavity had no positive precision."));
    }

    /** What damping did on one problem: whether each run converged (and in how many passes), how much the undamped mean still swings, and whether they agree. */
    public static Prose.Markdown damping(DampingComparison d) {
        ExpectationPropagation.Result u = d.undamped();
        ExpectationPropagation.Result dm = d.damped();
        String eta = "$\\eta = " + Prose.tex(d.dampedEta()) + "$";
        String undamped = u.converged()
            ? "Undamped EP converged in " + u.sweeps() + " passes" + Prose.when(dm.converged(), ", damped EP (" + eta + ") in " + dm.sweeps() + ".",
                ", but damped EP (" + eta + ") did not converge in " + dm.sweeps() + " passes (its mean still moves over a range of " + Prose.num(d.dampedSwing(), 2) + ").")
            : "Undamped EP did not converge in " + u.sweeps() + " passes: over its last " + Math.min(DampingComparison.TAIL, u.meanTrace().length)
                + " passes the mean of $q$ still swings over a range of " + Prose.num(d.undampedSwing(), 3) + ". "
                + Prose.when(dm.converged(), "Damped EP (" + eta + ") converged in " + dm.sweeps() + " passes, to mean " + Prose.num(dm.posterior().mean())
                    + " and variance " + Prose.num(dm.posterior().variance()) + " (exact: " + Prose.num(d.exact().mean()) + " and " + Prose.num(d.exact().variance()) + ").",
                    "Damped EP (" + eta + ") did not converge either in " + dm.sweeps() + " passes (its mean still moves over a range of " + Prose.num(d.dampedSwing(), 2) + ").");
        double scale = Math.sqrt(d.exact().variance());
        String agree = !(u.converged() && dm.converged()) ? ""
            : d.meanDifference() <= 1e-6 * scale && d.varianceDifference() <= 1e-6 * dm.posterior().variance()
                ? "Both reach the same $q$ (means within " + Prose.num(d.meanDifference(), 2) + "): damping changed the path, not the fixed point."
                : "They stop at different fixed points (means " + Prose.num(u.posterior().mean()) + " and " + Prose.num(dm.posterior().mean())
                    + "): EP can have more than one, and damping changed which one the iteration found.";
        return Prose.markdown(undamped + " " + agree);
    }
}
