package org.vworkbook.bbvi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import org.vworkbook.numerics.Adam;

class NormalGammaBbviTest {

    @Test
    void runRecordsTheExactElboAndMatchesTheLoop() {
        BbviOptions options = BbviOptions.of(200, 10, 3);
        BbviResult<NormalGammaMeanFieldState> viaFacade = NormalGammaBbvi.run(BbviFixtures.MODEL, "reparam",
                BbviFixtures.POOR_START, options, 0.2, 100);
        BbviResult<NormalGammaMeanFieldState> direct = Bbvi.run(BbviFixtures.FAMILY, BbviFixtures.TARGET,
                ReparameterisationEstimator.create(), Adam.withLearningRate(0.2).withDecay(100),
                BbviFixtures.POOR_START, options, BbviFixtures.ELBO::value, null);
        assertArrayEquals(direct.state().toArray(), viaFacade.state().toArray(), 0.0);
        assertEquals(201, viaFacade.elboExact().length);
        assertEquals(BbviFixtures.ELBO.value(viaFacade.state()), viaFacade.elboExact()[200], 0.0);
    }

    @Test
    void gradientVariancesAreKeyedByEstimatorAndReproducible() {
        Map<String, GradientVariance> a = NormalGammaBbvi.gradientVariances(BbviFixtures.MODEL, BbviFixtures.OPTIMUM,
                NormalGammaBbvi.COMPARED, 10, 50, 4);
        assertEquals(List.of("reinforce", "reinforce_cv", "reparam"), List.copyOf(a.keySet()));
        GradientVariance again = BbviFixtures.variance(ScoreFunctionEstimator.withControlVariates(), BbviFixtures.OPTIMUM,
                10, 50, 4);
        assertArrayEquals(again.variance(), a.get("reinforce_cv").variance(), 0.0);
    }

    @Test
    void asMapUsesTheResultNames() {
        Map<String, Double> m = NormalGammaBbvi.asMap(BbviFixtures.MIDWAY);
        assertEquals(List.of("mu_n", "lambda_n", "a_n", "b_n"), List.copyOf(m.keySet()));
        assertEquals(120.0, m.get("lambda_n"), 0.0);
    }

    @Test
    void badArgumentsAreRefused() {
        BbviFixtures.assertMessage("NormalGammaBbvi model must not be null",
                () -> NormalGammaBbvi.run(null, "reparam", BbviFixtures.POOR_START, BbviOptions.of(1, 1, 1), 0.1, 0));
        BbviFixtures.assertMessage(
                "GradientEstimator name must be one of reinforce, reinforce_rb, reinforce_cv, reparam, got 'REINFORCE-CV'",
                () -> NormalGammaBbvi.run(BbviFixtures.MODEL, "REINFORCE-CV", BbviFixtures.POOR_START, BbviOptions.of(1, 3, 1),
                        0.1, 0));
        BbviFixtures.assertMessage("Adam learningRate must be finite and > 0, got 0.0",
                () -> NormalGammaBbvi.run(BbviFixtures.MODEL, "reparam", BbviFixtures.POOR_START, BbviOptions.of(1, 1, 1), 0, 0));
    }
}
