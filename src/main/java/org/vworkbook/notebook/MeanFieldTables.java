package org.vworkbook.notebook;

import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.cavi.TwoLatentMeanField;
import org.vworkbook.distributions.MultivariateNormal;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The tables of the Gaussian mean-field pages. */
public final class MeanFieldTables {
    private MeanFieldTables() {}

    /**
     * W4's rows: means, marginal variances, the variances along theta (the posterior's narrowest axis,
     * sigma2 / (sigma2 + |theta|^2) exactly, (theta1^2 s1^2 + theta2^2 s2^2) / |theta|^2 under q) and across it
     * (1 exactly, (theta2^2 s1^2 + theta1^2 s2^2) / |theta|^2 under q), and the correlation. Along and across are
     * undefined (NaN) when theta = 0; a ratio to an exact value of 0 is undefined too.
     *
     * @param names the rows
     * @param exact the exact posterior's values
     * @param meanField mean field's values
     * @param ratio mean field / exact
     * @param thetaSq |theta|^2
     */
    public record TwoLatentMoments(String[] names, double[] exact, double[] meanField, double[] ratio, double thetaSq) {
        /** Mean field's value in row i. */
        public double mean(int i) {
            return meanField[i];
        }
    }

    /** The numbers of {@link #exactAgainstMeanField}. */
    public static TwoLatentMoments twoLatentMoments(TwoLatentMeanField w) {
        double theta1 = w.theta1();
        double theta2 = w.theta2();
        double sigma2 = w.sigma2();
        MultivariateNormal posterior = w.posterior();
        MeanFieldGaussianState q = w.q();
        double[] exactMarginalVar = w.exactMarginalVariances();
        double thetaSq = theta1 * theta1 + theta2 * theta2;
        double alongExact = thetaSq > 0 ? sigma2 / (sigma2 + thetaSq) : Double.NaN;
        double acrossExact = thetaSq > 0 ? 1.0 : Double.NaN;
        double alongQ = thetaSq > 0 ? (theta1 * theta1 * q.variance(0) + theta2 * theta2 * q.variance(1)) / thetaSq : Double.NaN;
        double acrossQ = thetaSq > 0 ? (theta2 * theta2 * q.variance(0) + theta1 * theta1 * q.variance(1)) / thetaSq : Double.NaN;
        double[] exactCol = {posterior.mean(0), posterior.mean(1), exactMarginalVar[0], exactMarginalVar[1], alongExact, acrossExact, w.rho()};
        double[] qCol = {q.mean(0), q.mean(1), q.variance(0), q.variance(1), alongQ, acrossQ, 0.0};
        double[] ratio = new double[exactCol.length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = exactCol[i] != 0 && !Double.isNaN(exactCol[i]) ? qCol[i] / exactCol[i] : Double.NaN;
        }
        String[] names = {"mean of z1", "mean of z2", "variance of z1", "variance of z2", "variance along theta", "variance across theta", "correlation"};
        return new TwoLatentMoments(names, exactCol, qCol, ratio, thetaSq);
    }

    /** W4: the exact posterior against mean field q, with a ratio column (a dash where it is undefined). */
    public static Table exactAgainstMeanField(TwoLatentMeanField w) {
        TwoLatentMoments t = twoLatentMoments(w);
        return Table.create("Exact posterior against mean field q").addColumns(
            StringColumn.create("quantity", t.names()),
            DoubleColumn.create("exact", t.exact()),
            DoubleColumn.create("mean field", t.meanField()),
            DoubleColumn.create("mean field / exact", t.ratio()));
    }
}
