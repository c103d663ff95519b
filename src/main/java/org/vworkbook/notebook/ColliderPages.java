package org.vworkbook.notebook;

import org.vworkbook.cavi.ColliderMeanFields;
import org.vworkbook.cavi.GridDensity2D;
import org.vworkbook.cavi.GridFactors;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.cavi.ProductColliderModel;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The tables and the number-dependent sentences of problem C (the collider and explaining away). */
public final class ColliderPages {
    private ColliderPages() {}

    /** Exact posterior against mean field: means, variances and their ratio, with KL(q_mf, p) in the title. */
    public static Table meanFieldTable(ColliderMeanFields fits) {
        Check.notNull("ColliderPages.meanFieldTable", "fits", fits);
        double[] exactMean = fits.exact().mean();
        double[][] exactCov = fits.exact().covariance();
        double[] mfMean = fits.q().means();
        double[] mfVar = fits.q().variances();
        return Table.create("Exact posterior against mean field (KL(q_mf, p) = " + String.format("%.6f", fits.klMeanField()) + ")").addColumns(
            StringColumn.create("latent", "z1", "z2", "z3"),
            DoubleColumn.create("exact mean", exactMean), DoubleColumn.create("mean-field mean", mfMean),
            DoubleColumn.create("exact variance", exactCov[0][0], exactCov[1][1], exactCov[2][2]),
            DoubleColumn.create("mean-field variance", mfVar),
            DoubleColumn.create("mean-field / exact variance", mfVar[0] / exactCov[0][0], mfVar[1] / exactCov[1][1], mfVar[2] / exactCov[2][2]));
    }

    /** The posterior correlations of each pair: exact, mean field (0 by construction) and q(z1, z2) q(z3). */
    public static Table correlationTable(ColliderMeanFields fits) {
        Check.notNull("ColliderPages.correlationTable", "fits", fits);
        MultivariateNormal exact = fits.exact();
        MultivariateNormal structured = fits.structuredQ();
        return Table.create("Posterior correlations: exact, mean field, and q(z1, z2) q(z3) (KL = " + String.format("%.6f", fits.klStructured()) + ")").addColumns(
            StringColumn.create("pair", "z1, z2", "z1, z3", "z2, z3"),
            DoubleColumn.create("exact", exact.correlation(0, 1), exact.correlation(0, 2), exact.correlation(1, 2)),
            DoubleColumn.create("mean field", 0.0, 0.0, 0.0),
            DoubleColumn.create("q(z1, z2) q(z3)", structured.correlation(0, 1), structured.correlation(0, 2), structured.correlation(1, 2)));
    }

    /** Whether mean-field CAVI converged, how far its means are from the exact ones, and its worst variance ratio. */
    public static Prose.Markdown meanFieldProse(ColliderMeanFields fits, double tol) {
        Check.notNull("ColliderPages.meanFieldProse", "fits", fits);
        double[] exactMean = fits.exact().mean();
        double[][] exactCov = fits.exact().covariance();
        MeanFieldGaussianState q = fits.q();
        double meanGap = 0;
        double worstRatio = Double.POSITIVE_INFINITY;
        for (int j = 0; j < 3; j++) {
            meanGap = Math.max(meanGap, Math.abs(q.mean(j) - exactMean[j]));
            worstRatio = Math.min(worstRatio, q.variance(j) / exactCov[j][j]);
        }
        int sweeps = fits.run().iterations();
        return Prose.markdown(
            Prose.when(fits.run().converged(),
                "Mean-field CAVI converged in " + sweeps + " sweeps; its means agree with the exact ones to " + Prose.num(meanGap) + ".",
                "Mean-field CAVI stopped after " + sweeps + " sweeps without converging (tolerance " + Prose.num(tol) + "); its means are still "
                    + Prose.num(meanGap) + " away from the exact ones, which its fixed point would reach."),
            "Every mean-field variance is below the exact one: the smallest ratio is " + Prose.num(worstRatio) + ".");
    }

    /**
     * How many pieces the exact posterior's 50% and 90% regions of (z1, z2) have, and, when the 50% region
     * has two or more and each fit has (almost) all of q1 on one side of 0 and the two fits differ, that
     * each fit sits on one island.
     */
    public static Prose.Markdown islandsProse(ProductColliderModel.MirrorFits fits, ColliderChecks.TwoFits checked) {
        Check.notNull("ColliderPages.islandsProse", "fits", fits);
        Check.notNull("ColliderPages.islandsProse", "checked", checked);
        GridDensity2D exactPair12 = fits.posterior().pair(0, 1);
        int islands50 = exactPair12.regionCount(0.5);
        int islands90 = exactPair12.regionCount(0.9);
        GridFactors qPlus = fits.qPlus();
        GridFactors qMinus = fits.qMinus();
        boolean eachOnOne = islands50 >= 2 && oneSided(checked.plusMassPositive()) && oneSided(checked.minusMassPositive())
            && Math.abs(qPlus.mean(0) - qMinus.mean(0)) > 1e-6;
        return Prose.markdown("The exact posterior's 50% region is " + pieces(islands50) + " and its 90% region " + pieces(islands90) + "."
            + Prose.when(eachOnOne, " Each mean-field fit sits on one of the islands and misses the other."));
    }

    private static boolean oneSided(double massPositive) {
        return massPositive > 0.99 || massPositive < 0.01;
    }

    private static String pieces(int n) {
        return n == 1 ? "one piece" : n + " separate pieces";
    }
}
