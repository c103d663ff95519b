package org.vworkbook.bbvi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.vworkbook.cavi.NormalGammaCavi;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.exact.NormalNormalGammaModel;

/** The default model of notebook BBVI and a few states, shared by the bbvi tests. */
final class BbviFixtures {
    static final NormalNormalGammaModel MODEL = NormalNormalGammaModel.of(
            NormalNormalGammaModel.generateData(100, 1.0, 2.0, 1), 0.0, 1.0, 1.0, 1.0);
    static final MeanPrecisionTarget TARGET = MeanPrecisionTarget.of(MODEL);
    static final NormalGammaFamily FAMILY = NormalGammaFamily.of();
    static final NormalGammaElbo ELBO = NormalGammaElbo.of(MODEL);
    static final NormalGammaMeanFieldState OPTIMUM = NormalGammaCavi.of(MODEL).run().state();
    /** The notebook's poor start: q = the prior's numbers, N(0, 1) Gamma(1, 1). */
    static final NormalGammaMeanFieldState POOR_START = new NormalGammaMeanFieldState(0.0, 1.0, 1.0, 1.0);
    /** A state part-way, off the optimum in every coordinate. */
    static final NormalGammaMeanFieldState MIDWAY = new NormalGammaMeanFieldState(0.8, 120.0, 20.0, 12.0);

    private BbviFixtures() {}

    static GradientVariance variance(GradientEstimator<NormalGammaMeanFieldState> estimator, NormalGammaMeanFieldState q,
            int samples, int replications, long seed) {
        return GradientVariance.measure(FAMILY, TARGET, estimator, q, samples, replications, seed);
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
