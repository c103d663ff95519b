package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.divergence.IsotropicForwardFit;
import org.vworkbook.divergence.IsotropicReverseFits;
import org.vworkbook.divergence.KlAlongSegment;
import org.vworkbook.em.EmComparison;
import org.vworkbook.vae.EncoderGradient;
import org.vworkbook.vae.TrainingSnapshots;
import org.vworkbook.vae.VaeExperiment;
import org.vworkbook.vae.VaeTrainer;

/** The builders of notebooks W2, E and D: they build, render, and carry the series, rows and sentences expected. */
class ForwardReverseVaeEmPagesTest {

    private static void renders(XYChart... charts) {
        for (XYChart c : charts) {
            assertTrue(Plots.png(c).length > 1000, c.getTitle());
        }
    }

    @Test
    void w2() {
        GaussianMixture p = GaussianMixture.ofIsotropic(new double[] {0.3, 0.7}, new double[] {-2.0, 0.0, 3.0, 1.0}, new double[] {1.0, 0.5});
        IsotropicForwardFit forward = IsotropicForwardFit.of(p, 2000, 1, new double[] {0, 0});
        IsotropicReverseFits reverse = IsotropicReverseFits.of(p, new double[] {0, 0});
        assertEquals(3, ForwardReverseChecks.forwardFit(forward).lines().filter(l -> l.startsWith("ok  ")).count());
        assertTrue(ForwardReverseChecks.reverseFit(reverse).startsWith("ok  "));
        assertEquals(5, ForwardReverseTables.fits(forward, reverse).rowCount());
        XYChart picture = ForwardReversePlots.picture(forward, reverse);
        assertTrue(picture.getSeriesMap().containsKey("reverse-KL descent path"));
        KlAlongSegment s = KlAlongSegment.of(p, forward.draws());
        renders(picture, ForwardReversePlots.segment(s));
        assertTrue(ForwardReverseProse.reverseFit(reverse, new double[] {1.0, 0.5}).text().startsWith("At the start (0, 0)"));
        GaussianMixture one = GaussianMixture.ofIsotropic(new double[] {1.0}, new double[] {1.0, 2.0}, new double[] {1.0});
        IsotropicReverseFits r1 = IsotropicReverseFits.of(one, new double[] {0, 0});
        assertTrue(ForwardReverseProse.reverseFit(r1, new double[] {1.0}).text().startsWith("With a single component"));
        assertTrue(ForwardReverseProse.picture(IsotropicForwardFit.of(one, 100, 1, new double[] {0, 0}), r1).text().startsWith("With one component"));
        assertTrue(ForwardReverseProse.segment(s).text().startsWith("On the 37 points drawn"));
    }

    @Test
    void e() {
        VaeTrainer.Options options = new VaeTrainer.Options(60, 0.02, EncoderGradient.ANALYTIC, 1, 20);
        VaeExperiment e = VaeExperiment.of(30, 2, 4, 0.5, "truth", 1, options, null);
        VaePlots.Posteriors posteriors = VaePlots.posteriors(e, 3);
        assertEquals(6, posteriors.before().getSeriesMap().size());
        TrainingSnapshots s = TrainingSnapshots.of(e.training(), e.data());
        VaePlots.Training t = VaePlots.training(s, e.truthLogLikelihood(), 2, 60);
        assertTrue(t.gap().getSeriesMap().containsKey("approximation gap (best mean field)"));
        renders(posteriors.before(), posteriors.after(), t.fit(), t.columnCosine(), t.gap());
        assertEquals(8, VaeChecks.gaps(e, e.gaps()).lines().filter(l -> l.startsWith("ok  ")).count());
        assertEquals(9, VaeTables.summary(e, e.gaps()).rowCount());
        assertTrue(VaeProse.training(e, s, 60, 0.02).text().contains("Training raised the mean ELBO")
                || VaeProse.training(e, s, 60, 0.02).text().contains("Training lowered the mean ELBO"));
        VaeExperiment none = VaeExperiment.of(10, 1, 3, 0.5, "truth", 1, new VaeTrainer.Options(0, 0.02, EncoderGradient.ANALYTIC, 1, 20), null);
        TrainingSnapshots s0 = TrainingSnapshots.of(none.training(), none.data());
        assertTrue(VaeProse.training(none, s0, 0, 0.02).text().contains("With `steps = 0` nothing was trained"));
        assertTrue(VaeProse.posteriors(none, none.gaps(), 0).text().startsWith("With $L = 1$"));
        assertTrue(VaeProse.posteriors(e, e.gaps(), 60).text().startsWith("Under the generating decoder"));
    }

    @Test
    void d() {
        EmComparison c = EmComparison.of(new double[0], 200, new double[] {1.5, 1.0}, 1, new double[] {1.0, 0.5}, 40);
        assertEquals(9, EmChecks.bounds(c).lines().filter(l -> l.startsWith("ok  ")).count());
        XYChart paths = EmPlots.paths(c, new double[] {1.5, 1.0});
        assertEquals(List.of("|theta|^2 = ML value", "EM", "variational EM", "theta_0", "theta_true"), List.copyOf(paths.getSeriesMap().keySet()));
        assertEquals(41, paths.getSeriesMap().get("EM").getXData().length);
        EmPlots.Bounds b = EmPlots.bounds(c);
        renders(paths, b.bounds(), b.kls());
        assertEquals(6, EmTables.ends(c).rowCount());
        assertTrue(EmProse.paths(c).text().contains("EM is at"));
        EmComparison still = EmComparison.of(new double[0], 50, new double[] {1.5, 1.0}, 1, new double[] {0.0, 0.0}, 3);
        assertTrue(EmProse.paths(still).text().contains("$\\theta_0 = 0$, the fixed point of both methods"));
        assertTrue(EmProse.traces(c).text().startsWith("VEM's KL went from"));
        assertTrue(EmProse.traces(still).text().contains("0 (to rounding)"));
    }
}
