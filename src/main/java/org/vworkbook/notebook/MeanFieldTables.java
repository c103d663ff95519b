package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.exact.LinearGaussianModel;
import tech.tablesaw.api.BooleanColumn;
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
    record TwoLatentMoments(String[] names, double[] exact, double[] meanField, double[] ratio, double thetaSq) {
        /** Mean field's value in row i. */
        public double mean(int i) {
            return meanField[i];
        }
    }

    /** The numbers of {@link #exactAgainstMeanField}. */
    static TwoLatentMoments twoLatentMoments(TwoLatentMeanField w) {
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

    /**
     * W4 (Bishop Fig. 10.2): the exact posterior and its two factorised fits, with their variances and both
     * directions of the KL to the posterior (closed form, {@link org.vworkbook.divergence.KL#of}).
     */
    public static Table factorisedFits(TwoLatentMeanField w) {
        org.vworkbook.divergence.FactorisedGaussianFits fits = w.factorisedFits();
        org.vworkbook.divergence.FactorisedGaussianFits.KlTable kl = fits.klTable();
        double[] rv = fits.reverseVariances();
        double[] fv = fits.forwardVariances();
        double[] pv = w.exactMarginalVariances();
        return Table.create("The exact posterior p and its two factorised fits q").addColumns(
            StringColumn.create("distribution", "exact posterior p", "q_R = argmin KL(q, p) (mean field)", "q_F = argmin KL(p, q) (product of marginals)"),
            DoubleColumn.create("variance of z1", pv[0], rv[0], fv[0]),
            DoubleColumn.create("variance of z2", pv[1], rv[1], fv[1]),
            DoubleColumn.create("correlation", w.rho(), 0.0, 0.0),
            DoubleColumn.create("KL(q, p)", 0.0, kl.reverse().klQp(), kl.forward().klQp()),
            DoubleColumn.create("KL(p, q)", 0.0, kl.reverse().klPq(), kl.forward().klPq()));
    }

    /**
     * One row of A's table: block CAVI ({@link GaussianMeanField#ofBlocks}) on the linear-Gaussian model with
     * weights theta, run from 0 with variances 1 (tol 1e-13, at most 5000 sweeps).
     *
     * @param model the model's label
     * @param blocks the blocks, written {z1,z2} {z3}
     * @param factorises whether the posterior factorises over the blocks (q* = p)
     * @param klClosed KL(q*, p) = 1/2 (sum_k log |Lambda_kk| - log |Lambda|)
     * @param klCavi the KL block CAVI reached
     * @param converged whether it converged
     * @param rounding the rounding of a KL computed through Lambda^-1: 1e-13 cond(Lambda) (2 + klClosed)
     */
    public record Blocking(String model, String blocks, boolean factorises, double klClosed, double klCavi,
            boolean converged, double rounding) {
        public Blocking {
            org.vworkbook.util.Check.notNull("MeanFieldTables.Blocking", "model", model);
            org.vworkbook.util.Check.notNull("MeanFieldTables.Blocking", "blocks", blocks);
            org.vworkbook.util.Check.finite("MeanFieldTables.Blocking", "klClosed", klClosed);
            org.vworkbook.util.Check.finite("MeanFieldTables.Blocking", "klCavi", klCavi);
            org.vworkbook.util.Check.finite("MeanFieldTables.Blocking", "rounding", rounding);
        }
    }

    /** One {@link Blocking}. */
    public static Blocking blocking(String label, double[] theta, double sigma2, double x, int[]... blocks) {
        LinearGaussianModel m = LinearGaussianModel.of(theta, sigma2, x);
        GaussianMeanField f = GaussianMeanField.ofBlocks(m.joint(), blocks);
        double[] ones = new double[theta.length];
        Arrays.fill(ones, 1.0);
        CaviResult<MeanFieldGaussianState> r = f.run(new double[theta.length], ones, new CaviOptions(1e-13, 5000));
        String names = Arrays.stream(blocks).map(b -> Arrays.stream(b).mapToObj(i -> "z" + (i + 1)).collect(Collectors.joining(",", "{", "}")))
            .collect(Collectors.joining(" "));
        // rounding of a KL computed through Lambda^-1: up to log10 cond(Lambda) digits, cond = 1 + |theta|^2 / sigma2
        double rounding = 1e-13 * (1 + Arrays.stream(theta).map(t -> t * t).sum() / sigma2) * (2 + f.klAtOptimum());
        return new Blocking(label, names, f.posteriorFactorizes(0.0), f.klAtOptimum(), f.klToPosterior(r.state()), r.converged(), rounding);
    }

    /**
     * A's seven rows: theta = (theta1, theta2) with singletons and one block, theta = (0, theta2) with singletons,
     * theta = (theta1, theta2, 0) with singletons and {z1,z2} {z3}, theta = (theta1, theta2, 0.8) with {z1,z2} {z3}
     * and {z1} {z2,z3}.
     */
    public static List<Blocking> blockings(double theta1, double theta2, double sigma2, double x) {
        String t12 = "theta = (" + theta1 + ", " + theta2;
        List<Blocking> rows = new ArrayList<>();
        rows.add(blocking(t12 + ")", new double[] {theta1, theta2}, sigma2, x, new int[] {0}, new int[] {1}));
        rows.add(blocking(t12 + ")", new double[] {theta1, theta2}, sigma2, x, new int[] {0, 1}));
        rows.add(blocking("theta = (0, " + theta2 + ")", new double[] {0.0, theta2}, sigma2, x, new int[] {0}, new int[] {1}));
        rows.add(blocking(t12 + ", 0)", new double[] {theta1, theta2, 0.0}, sigma2, x, new int[] {0}, new int[] {1}, new int[] {2}));
        rows.add(blocking(t12 + ", 0)", new double[] {theta1, theta2, 0.0}, sigma2, x, new int[] {0, 1}, new int[] {2}));
        rows.add(blocking(t12 + ", 0.8)", new double[] {theta1, theta2, 0.8}, sigma2, x, new int[] {0, 1}, new int[] {2}));
        rows.add(blocking(t12 + ", 0.8)", new double[] {theta1, theta2, 0.8}, sigma2, x, new int[] {0}, new int[] {1, 2}));
        return List.copyOf(rows);
    }

    /** A's table of the mean-field optimum for the models and blockings. */
    public static Table blockingsTable(List<Blocking> rows) {
        return Table.create("Mean-field optimum for different models and blockings").addColumns(
            StringColumn.create("model (sigma2, x as above)", rows.stream().map(Blocking::model).toList()),
            StringColumn.create("blocks", rows.stream().map(Blocking::blocks).toList()),
            BooleanColumn.create("posterior factorises over the blocks", rows.stream().map(Blocking::factorises).toList()),
            DoubleColumn.create("KL(q*, p) closed form", rows.stream().map(Blocking::klClosed).toList()),
            DoubleColumn.create("KL(q*, p) reached by CAVI", rows.stream().map(Blocking::klCavi).toList()));
    }
}
