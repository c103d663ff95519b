package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.vworkbook.exact.GaussianJoint;

/** Properties of block mean-field CAVI on random Gaussian models and random blockings. */
class GaussianMeanFieldPropertyTest {

    @Property(tries = 150)
    void elboNeverDecreasesAndTheIdentityHoldsOnRandomModels(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int d) {
        RandomGenerator r = new Well19937c(seed);
        GaussianJoint joint = GaussianMeanFieldTest.randomJoint(r, d);
        int[][] blocks = randomPartition(r, d);
        GaussianMeanField mf = GaussianMeanField.ofBlocks(joint, blocks);
        double[] m0 = new double[d];
        double[] v0 = new double[d];
        for (int i = 0; i < d; i++) {
            m0[i] = 6 * r.nextDouble() - 3;
            v0[i] = 0.1 + 3 * r.nextDouble();
        }
        // Cavi.run throws ElboDecreasedException if the bound drops; check the trace here as well.
        CaviResult<MeanFieldGaussianState> run = mf.run(m0, v0, new CaviOptions(1e-12, 3000));
        double[] elbo = run.elboTrace();
        for (int t = 1; t < elbo.length; t++) {
            assertTrue(elbo[t] >= elbo[t - 1] - 1e-10 * (1 + Math.abs(elbo[t - 1])),
                    "ELBO dropped at sweep " + t + ": " + elbo[t - 1] + " -> " + elbo[t]);
        }
        double scale = 1 + Math.abs(joint.logEvidence());
        for (MeanFieldGaussianState q : run.path()) {
            double kl = mf.klToPosterior(q);
            assertTrue(kl >= -1e-10 * scale, "KL < 0: " + kl);
            assertEquals(joint.logEvidence(), mf.elbo(q) + kl, 1e-9 * scale);
        }
        // every update optimises its block: the ELBO is never above the closed-form optimum's
        assertTrue(run.elbo() <= mf.elbo(mf.optimum()) + 1e-9 * scale);
        if (run.converged()) {
            assertEquals(mf.klAtOptimum(), mf.klToPosterior(run.state()), 1e-6 * (1 + mf.klAtOptimum()));
        }
    }

    static int[][] randomPartition(RandomGenerator r, int d) {
        int[] label = new int[d];
        for (int i = 0; i < d; i++) {
            label[i] = r.nextInt(d);
        }
        java.util.List<int[]> blocks = new java.util.ArrayList<>();
        for (int k = 0; k < d; k++) {
            int count = 0;
            for (int l : label) {
                count += l == k ? 1 : 0;
            }
            if (count > 0) {
                int[] b = new int[count];
                int c = 0;
                for (int i = 0; i < d; i++) {
                    if (label[i] == k) {
                        b[c++] = i;
                    }
                }
                blocks.add(b);
            }
        }
        return blocks.toArray(new int[0][]);
    }
}
