package org.vworkbook.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class VaeExperimentTest {
    private static final VaeTrainer.Options OPTIONS = new VaeTrainer.Options(100, 0.02, EncoderGradient.ANALYTIC, 1, 50);

    @Test
    void theExperimentIsTheSameStreamAsDoingEachStepByHand() {
        List<String> lines = new ArrayList<>();
        VaeExperiment e = VaeExperiment.of(40, 2, 4, 0.5, "random", 7, OPTIONS, lines::add);
        Well19937c random = new Well19937c(7L);   // the long constructor, as the experiment (the int one seeds differently)
        LinearGaussianDecoder truth = LinearGaussianDecoder.withCorrelatedColumns(2, 4, 0.5, random);
        double[][] x = truth.sample(40, random);
        LinearVae start = LinearVae.initial(2, 4, 0.5, random);
        VaeTrainer.Result direct = VaeTrainer.train(start, x, OPTIONS, random, null);
        assertArrayEquals(direct.elboTrace(), e.training().elboTrace(), 0.0);
        assertTrue(lines.get(0).startsWith("generating decoder: max |cos(w_j, w_k)| = "));
        assertEquals(2 + 3, lines.size());   // two set-up lines, progress at steps 0, 50 and 100
        assertThrows(IllegalArgumentException.class, () -> VaeExperiment.of(5, 2, 4, 0.5, "prior", 1, OPTIONS, null));
    }

    @Test
    void theClosedFormApproximationGapIsTheMeanFieldKlAndTheSnapshotsDecomposeTheGap() {
        VaeExperiment e = VaeExperiment.of(30, 2, 5, 0.5, "truth", 1, OPTIONS, null);
        assertEquals(e.vae().decoder().meanFieldKl(), e.approximationGapClosedForm(), 1e-10);
        assertEquals(e.gaps().klBestMeanFieldToExact(), e.approximationGapClosedForm(), 1e-9 * e.scale());
        TrainingSnapshots s = TrainingSnapshots.of(e.training(), e.data());
        assertEquals(3, s.size());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(s.totalGap()[i], s.logLikelihood()[i] - s.elbo()[i], 1e-9);
        }
        assertEquals(e.gaps().totalGap(), s.totalGap()[2], 1e-12);
    }
}
