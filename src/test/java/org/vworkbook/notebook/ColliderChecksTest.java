package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.ColliderGaussianModel;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.Grid;
import org.vworkbook.cavi.GridFactors;
import org.vworkbook.cavi.GridMeanField;
import org.vworkbook.cavi.GridPosterior;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.cavi.ProductColliderModel;

/** Notebook C's check lists pass on good fits and its prose follows the numbers. */
class ColliderChecksTest {
    private static final CaviOptions OPTIONS = new CaviOptions(1e-12, 1000);

    private static GridMeanField product(double sProd, double sx, double x, int n) {
        return GridMeanField.of(ProductColliderModel.of(sProd, sx, x).posteriorOnGrid(n));
    }

    @Test
    void gaussianAndGridChecksPassAndTheGridErrorIsSmall() {
        ColliderGaussianModel model = ColliderGaussianModel.of(0.5, 0.5, 2.0);
        GaussianMeanField mf = GaussianMeanField.of(model.joint());
        CaviResult<MeanFieldGaussianState> run = mf.run(new double[3], model.priorVariances(), OPTIONS);
        GaussianMeanField structured = GaussianMeanField.ofBlocks(model.joint(), new int[] {0, 1}, new int[] {2});
        CaviResult<MeanFieldGaussianState> structuredRun = structured.run(new double[3], model.priorVariances(), OPTIONS);
        String report = ColliderChecks.gaussian(model, mf, run, structured, structuredRun);
        assertTrue(report.startsWith("mean-field CAVI converged in "), report);
        assertEquals(13, report.split("\nok  ", -1).length - 1, report);

        double[][] grids = new double[3][];
        for (int j = 0; j < 3; j++) {
            double sd = Math.sqrt(model.posterior().covariance(j, j));
            grids[j] = Grid.points(model.posterior().mean(j) - 9 * sd, model.posterior().mean(j) + 9 * sd, 41);
        }
        GridMeanField grid = GridMeanField.of(GridPosterior.of(model::logJoint, grids[0], grids[1], grids[2]));
        CaviResult<GridFactors> gridRun = grid.run(grid.gaussianStart(new double[3], model.priorVariances()), OPTIONS);
        ColliderChecks.GridAgainstClosedForms fine = ColliderChecks.grid(model, run, grid, gridRun);
        assertTrue(fine.maxError() < 1e-8 && fine.shapeError() <= fine.maxError(), fine.report());
        assertTrue(fine.errorBound() < 1e-10 && fine.report().contains("ok  grid KL"), fine.report());
        // a grid of 5 nodes over +-9 sd is too coarse: the report says so instead of checking
        for (int j = 0; j < 3; j++) {
            double sd = Math.sqrt(model.posterior().covariance(j, j));
            grids[j] = Grid.points(model.posterior().mean(j) - 9 * sd, model.posterior().mean(j) + 9 * sd, 5);
        }
        GridMeanField coarse = GridMeanField.of(GridPosterior.of(model::logJoint, grids[0], grids[1], grids[2]));
        CaviResult<GridFactors> coarseRun = coarse.run(coarse.gaussianStart(new double[3], model.priorVariances()), OPTIONS);
        assertTrue(ColliderChecks.grid(model, run, coarse, coarseRun).report().startsWith("grid too coarse"));
    }

    @Test
    void twoFitsOfTheProductColliderAreBoundedByTheDataProcessingInequality() {
        GridMeanField model = product(0.5, 0.5, 2.0, 31);
        double[] startVar = {1, 1, 1.25};
        CaviResult<GridFactors> plus = model.run(model.gaussianStart(new double[] {1, 1, 2}, startVar), OPTIONS);
        CaviResult<GridFactors> minus = model.run(model.gaussianStart(new double[] {-1, -1, 2}, startVar), OPTIONS);
        ColliderChecks.TwoFits fits = ColliderChecks.product(model, plus, minus, 1.0);
        assertEquals(model.klToPosterior(plus.state()), fits.klPlus(), 0.0);
        assertEquals(fits.klPlus(), fits.klMinus(), 1e-8);
        assertTrue(fits.boundPlus() <= fits.klPlus() && fits.boundPlus() > 0.5, fits.toString());
        assertTrue(fits.plusMassPositive() > 0.98 && fits.minusMassPositive() < 0.02, fits.toString());
        tech.tablesaw.api.Table table = ColliderChecks.productTable(model, plus, minus, 1.0, fits);
        assertEquals(8, table.rowCount());
        assertEquals(4, table.columnCount());
        assertEquals(fits.klPlus(), table.doubleColumn(2).get(5), 0.0);
        String prose = ColliderChecks.modesProse(2.0, 0.5, 0.5, 1.0, plus.state(), minus.state(), fits).text();
        assertTrue(prose.contains("the posterior has two modes") && prose.contains("Each fit covers one sign"), prose);
        // |x| <= s^2 + s_x^2: one mode at the origin, and both runs end at the same q
        GridMeanField one = product(1.0, 1.0, 0.5, 31);
        double[] v1 = {1, 1, 2};
        CaviResult<GridFactors> p1 = one.run(one.gaussianStart(new double[] {1, 1, 0.5}, v1), OPTIONS);
        CaviResult<GridFactors> m1 = one.run(one.gaussianStart(new double[] {-1, -1, 0.5}, v1), OPTIONS);
        ColliderChecks.TwoFits f1 = ColliderChecks.product(one, p1, m1, 1.0);
        String prose1 = ColliderChecks.modesProse(0.5, 1.0, 1.0, 1.0, p1.state(), m1.state(), f1).text();
        assertTrue(prose1.contains("the posterior has one mode, at the origin"), prose1);
    }

    @Test
    void bernoulliKlIsTheKlOfTwoCoins() {
        assertEquals(0.0, ColliderChecks.bernoulliKl(0.3, 0.3), 1e-16);
        assertEquals(0.3 * Math.log(0.3 / 0.6) + 0.7 * Math.log(0.7 / 0.4), ColliderChecks.bernoulliKl(0.3, 0.6), 1e-15);
        assertEquals(Math.log(2), ColliderChecks.bernoulliKl(1.0, 0.5), 1e-15);
        assertEquals(Math.log(2), ColliderChecks.bernoulliKl(0.0, 0.5), 1e-15);
    }

    @Test
    void ellipseProseFollowsTheRuleSxAgainstS3() {
        for (double[] c : new double[][] {{0.5, 0.5}, {0.5, 1.5}, {1.5, 0.5}}) {
            ColliderGaussianModel model = ColliderGaussianModel.of(c[0], c[1], 1.0);
            double[] var = GaussianMeanField.of(model.joint()).optimalVariances();
            String text = ColliderChecks.ellipseContainment(model.posterior().covariance(), var, c[0], c[1]).text();
            String first = text.substring(0, text.indexOf('.'));
            if (c[0] == c[1]) {
                assertTrue(first.contains("touch them in one direction"), text);
            } else if (c[1] > c[0]) {
                assertTrue(first.contains("strictly inside"), text);
            } else {
                assertTrue(first.contains("cross the exact ones"), text);
            }
        }
    }
}
