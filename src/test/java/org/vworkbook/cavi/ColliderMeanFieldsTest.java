package org.vworkbook.cavi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Problem C's two Gaussian CAVI fits and the mirrored grid fits of the product collider. */
class ColliderMeanFieldsTest {
    private static final CaviOptions OPTIONS = new CaviOptions(1e-12, 1000);

    @Test
    void bothFitsSatisfyTheIdentityAndKeepingZ1Z2TogetherGainsTheClosedForm() {
        ColliderMeanFields fits = ColliderMeanFields.run(0.7, 0.4, 1.5, OPTIONS);
        double logEvidence = fits.model().logEvidence();
        assertEquals(logEvidence, fits.run().elbo() + fits.klMeanField(), 1e-10);
        assertEquals(logEvidence, fits.structuredRun().elbo() + fits.klStructured(), 1e-10);
        assertTrue(fits.klStructured() >= 0 && fits.klMeanField() > fits.klStructured());
        // at convergence the gain is -1/2 log(1 - 1/(1 + s3^2)^2), the model's closed form
        assertEquals(fits.model().structuredKlGain(), fits.klMeanField() - fits.klStructured(), 1e-9);
        // the structured q(z1, z2) is the posterior's block of precision inverted: its correlation is the
        // conditional one given z3, -Lambda12 / Lambda11 = -1 / (1 + s3^2) (not the exact marginal -1/(v + 1))
        assertEquals(-1 / (1 + 0.7 * 0.7), fits.structuredQ().correlation(0, 1), 1e-12);
        assertTrue(Math.abs(fits.structuredQ().correlation(0, 1)) > Math.abs(fits.exact().correlation(0, 1)));
        assertEquals(3, fits.q().means().length);
    }

    @Test
    void theGridHoldsTheExactPosterior() {
        ColliderMeanFields fits = ColliderMeanFields.run(0.5, 0.5, 2.0, OPTIONS);
        GridPosterior grid = fits.onGrid(41).posterior();
        for (int j = 0; j < 3; j++) {
            assertEquals(fits.exact().mean(j), grid.mean()[j], 1e-6, "mean of z" + (j + 1));
        }
        assertEquals(fits.model().logEvidence(), grid.logEvidence(), 1e-6);
    }

    @Test
    void mirroredStartsGiveMirroredFitsOfTheSymmetricPosterior() {
        ProductColliderModel.MirrorFits fits = ProductColliderModel.of(0.5, 0.5, 3.0).fitFromBothSides(31, 1.0, OPTIONS);
        assertEquals(fits.qPlus().mean(0), -fits.qMinus().mean(0), 1e-8);
        assertEquals(fits.qPlus().mean(2), fits.qMinus().mean(2), 1e-8);
        assertTrue(fits.qPlus().mean(0) > 0.5, "two modes at |x| > s^2 + sx^2: the + start stays on the + mode");
        assertEquals(fits.posterior(), fits.meanField().posterior());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProductColliderModel.of(0.5, 0.5, 3.0).fitFromBothSides(31, Double.NaN, OPTIONS));
        assertEquals("ProductColliderModel init must be finite, got NaN", e.getMessage());
    }
}
