package org.vworkbook.notebook;

import java.util.Arrays;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.distributions.Normal;
import org.vworkbook.divergence.ForwardKL;
import org.vworkbook.divergence.GaussianFit;
import org.vworkbook.divergence.MixtureFits;
import org.vworkbook.divergence.ReverseKL;
import org.vworkbook.ep.ClutterComparison;
import org.vworkbook.ep.ExpectationPropagation;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The tables of notebook EP. */
public final class EpTables {
    private EpTables() {}

    /** The forward fit and each reverse fit: mean, variance, and both KLs. */
    public static Table gaussianFits(MixtureFits fits) {
        GaussianMixture1D p = fits.p();
        Normal forward = fits.forward();
        return Table.create("Gaussian fits to p").addColumns(
            StringColumn.create("fit", Stream.concat(Stream.of("forward (moment matching)"),
                Arrays.stream(fits.reverseInits()).mapToObj(i -> "reverse from mean " + i + ", variance 1")).toArray(String[]::new)),
            DoubleColumn.create("mean", DoubleStream.concat(DoubleStream.of(forward.mean()), fits.reverse().stream().mapToDouble(GaussianFit::mean)).toArray()),
            DoubleColumn.create("variance", DoubleStream.concat(DoubleStream.of(forward.variance()), fits.reverse().stream().mapToDouble(GaussianFit::variance)).toArray()),
            DoubleColumn.create("KL(q || p)", DoubleStream.concat(DoubleStream.of(ReverseKL.kl(forward, p)), fits.reverse().stream().mapToDouble(GaussianFit::kl)).toArray()),
            DoubleColumn.create("KL(p || q)", DoubleStream.concat(DoubleStream.of(ForwardKL.kl(p, forward)), fits.reverse().stream().mapToDouble(f -> ForwardKL.kl(p, f.fit()))).toArray()));
    }

    /** Exact, EP and VB at each data set size. */
    public static Table clutter(ClutterComparison c) {
        return Table.create("Clutter problem: exact (quadrature), EP and mean-field VB").addColumns(
            IntColumn.create("N", c.sizes()),
            DoubleColumn.create("exact mean", c.exactMean()), DoubleColumn.create("EP mean", c.epMean()), DoubleColumn.create("VB mean", c.vbMean()),
            DoubleColumn.create("exact var", c.exactVariance()), DoubleColumn.create("EP var", c.epVariance()), DoubleColumn.create("VB var", c.vbVariance()),
            DoubleColumn.create("exact log p(D)", c.exactLogEvidence()),
            DoubleColumn.create("EP log Z (\u2014: a final cavity is improper, so undefined)", c.epLogEvidence()),
            DoubleColumn.create("VB ELBO", c.vbElbo()),
            BooleanColumn.create("EP converged", c.epConverged()), IntColumn.create("EP sweeps", c.epSweeps()));
    }

    /**
     * The final sites of one EP run, one row per observation: tau_n, nu_n, and as a Gaussian factor
     * its variance 1 / tau_n (negative for a negative precision) and mean nu_n / tau_n (a dash where tau_n = 0).
     */
    public static Table sites(ExpectationPropagation.Result ep, double[] data) {
        double[] tau = ep.sitePrecisions();
        double[] nu = ep.siteShifts();
        int n = tau.length;
        double[] variance = new double[n];
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            variance[i] = tau[i] == 0 ? Double.NaN : 1 / tau[i];
            mean[i] = tau[i] == 0 ? Double.NaN : nu[i] / tau[i];
        }
        return Table.create("EP sites after the last pass (N = " + n + ")").addColumns(
            IntColumn.create("n", java.util.stream.IntStream.rangeClosed(1, n).toArray()),
            DoubleColumn.create("x_n", java.util.Arrays.copyOf(data, n)),
            DoubleColumn.create("precision tau_n", tau), DoubleColumn.create("nu_n", nu),
            DoubleColumn.create("site variance 1/tau_n", variance), DoubleColumn.create("site mean nu_n/tau_n", mean));
    }
}
