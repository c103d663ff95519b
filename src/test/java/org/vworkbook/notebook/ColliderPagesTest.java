package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.ColliderMeanFields;
import org.vworkbook.cavi.ProductColliderModel;

/** Problem C's tables and sentences follow the numbers. */
class ColliderPagesTest {
    @Test
    void tablesHoldEachLatentAndEachPair() {
        ColliderMeanFields fits = ColliderMeanFields.run(0.5, 0.5, 2.0, new CaviOptions(1e-12, 1000));
        assertEquals(3, ColliderPages.meanFieldTable(fits).rowCount());
        assertEquals(0.0, ColliderPages.correlationTable(fits).doubleColumn("mean field").sum());
        assertEquals(fits.exact().correlation(0, 1), ColliderPages.correlationTable(fits).doubleColumn("exact").get(0));
    }

    @Test
    void theSummarySaysWhetherCaviConverged() {
        String converged = ColliderPages.meanFieldProse(ColliderMeanFields.run(0.5, 0.5, 2.0, new CaviOptions(1e-12, 1000)), 1e-12).text();
        assertTrue(converged.startsWith("Mean-field CAVI converged in "), converged);
        String stopped = ColliderPages.meanFieldProse(ColliderMeanFields.run(0.5, 0.5, 2.0, new CaviOptions(1e-12, 1)), 1e-12).text();
        assertTrue(stopped.startsWith("Mean-field CAVI stopped after 1 sweeps without converging"), stopped);
    }

    @Test
    void theIslandsSentenceAppearsOnlyWhenEachFitSitsOnOneMode() {
        CaviOptions options = new CaviOptions(1e-12, 1000);
        ProductColliderModel.MirrorFits two = ProductColliderModel.of(0.5, 0.5, 3.0).fitFromBothSides(41, 1.0, options);
        String twoModes = ColliderPages.islandsProse(two, ColliderChecks.product(two, 1.0)).text();
        assertTrue(twoModes.contains("Each mean-field fit sits on one of the islands"), twoModes);
        ProductColliderModel.MirrorFits one = ProductColliderModel.of(0.5, 0.5, 0.0).fitFromBothSides(41, 1.0, options);
        String oneMode = ColliderPages.islandsProse(one, ColliderChecks.product(one, 1.0)).text();
        assertTrue(oneMode.startsWith("The exact posterior's 50% region is one piece"), oneMode);
        assertFalse(oneMode.contains("islands"), oneMode);
    }
}
