package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/** On random non-Gaussian models the grid CAVI's ELBO never decreases and log Z = ELBO + KL. */
class GridMeanFieldPropertyTest {

    /** A random log joint with quartic confinement and random cubic and cross terms (bounded above, often multi-modal). */
    private static GridPosterior.LogJoint2 randomLogJoint2(RandomGenerator r) {
        double a = 0.05 + r.nextDouble();
        double b = 0.05 + r.nextDouble();
        double c1 = 4 * r.nextDouble() - 2;
        double c2 = 4 * r.nextDouble() - 2;
        double e = 4 * r.nextDouble() - 2;
        double f = 2 * r.nextDouble() - 1;
        double g = 2 * r.nextDouble() - 1;
        double l1 = 4 * r.nextDouble() - 2;
        double l2 = 4 * r.nextDouble() - 2;
        return (z1, z2) -> -a * z1 * z1 * z1 * z1 - b * z2 * z2 * z2 * z2 + c1 * z1 * z1 + c2 * z2 * z2 + e * z1 * z2
                + f * z1 * z1 * z2 + g * z1 * z2 * z2 + l1 * z1 + l2 * z2;
    }

    @Property(tries = 60)
    void elboNeverDecreasesOnRandomTwoLatentModels(@ForAll long seed) {
        RandomGenerator r = new Well19937c(seed);
        GridMeanField model = GridMeanFieldTest.meanField(randomLogJoint2(r), Grid.points(-4, 4, 41 + r.nextInt(20)),
                Grid.points(-4, 4, 41 + r.nextInt(20)));
        GridFactors start = model.gaussianStart(new double[] {4 * r.nextDouble() - 2, 4 * r.nextDouble() - 2},
                new double[] {0.05 + 2 * r.nextDouble(), 0.05 + 2 * r.nextDouble()});
        checkRun(model, start);
    }

    @Property(tries = 25)
    void elboNeverDecreasesOnRandomThreeLatentModels(@ForAll long seed) {
        RandomGenerator r = new Well19937c(seed);
        GridPosterior.LogJoint2 f12 = randomLogJoint2(r);
        double k = 0.2 + 3 * r.nextDouble();
        double w1 = 2 * r.nextDouble() - 1;
        double w2 = 2 * r.nextDouble() - 1;
        double w12 = 2 * r.nextDouble() - 1;
        // z3 | z1, z2 Gaussian around a random nonlinear function of (z1, z2)
        GridMeanField model = GridMeanFieldTest.meanField((z1, z2, z3) -> {
            double m = w1 * z1 + w2 * z2 + w12 * z1 * z2;
            return f12.at(z1, z2) - 0.5 * k * (z3 - m) * (z3 - m) - 0.05 * z3 * z3;
        }, Grid.points(-4, 4, 21), Grid.points(-4, 4, 23), Grid.points(-6, 6, 25));
        GridFactors start = model.gaussianStart(
                new double[] {4 * r.nextDouble() - 2, 4 * r.nextDouble() - 2, 4 * r.nextDouble() - 2},
                new double[] {0.1 + 2 * r.nextDouble(), 0.1 + 2 * r.nextDouble(), 0.1 + 2 * r.nextDouble()});
        checkRun(model, start);
    }

    private static void checkRun(GridMeanField model, GridFactors start) {
        // Cavi.run throws ElboDecreasedException if the bound drops; the trace is checked here as well
        CaviResult<GridFactors> run = model.run(start, new CaviOptions(1e-10, 300));
        double[] elbo = run.elboTrace();
        for (int t = 1; t < elbo.length; t++) {
            assertTrue(elbo[t] >= elbo[t - 1] - 1e-10 * (1 + Math.abs(elbo[t - 1])),
                    "ELBO dropped at sweep " + t + ": " + elbo[t - 1] + " -> " + elbo[t]);
        }
        double scale = 1 + Math.abs(model.posterior().logEvidence());
        for (int t = 0; t < run.path().size(); t += Math.max(1, run.path().size() / 5)) {
            GridFactors q = run.path().get(t);
            double kl = model.klToPosterior(q);
            assertTrue(kl >= -1e-10 * scale, "KL < 0: " + kl);
            assertEquals(model.posterior().logEvidence(), elbo[t] + kl, 1e-9 * scale);
        }
    }
}
