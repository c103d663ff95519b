package org.vworkbook.ep;

import java.util.ArrayList;
import java.util.List;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.util.Check;

/**
 * The clutter problem solved three ways on each prefix of one data set: the exact posterior (by
 * quadrature), expectation propagation, and mean-field VB ({@link ClutterMeanField}, run through
 * the CAVI engine, which refuses a decreasing ELBO); and EP on the first observation alone, where it
 * is exact (one site, one moment match of the exact tilted distribution).
 *
 * @param sizes the data set sizes
 * @param exact the exact posterior at each size
 * @param ep EP's result at each size
 * @param vb VB's run at each size
 * @param one the problem with the first observation only
 * @param epOne EP on {@code one}
 */
public record ClutterComparison(int[] sizes, List<ClutterProblem.Posterior> exact, List<ExpectationPropagation.Result> ep,
        List<CaviResult<ClutterMeanField.State>> vb, ClutterProblem one, ExpectationPropagation.Result epOne) {
    public ClutterComparison {
        sizes = sizes.clone();
        exact = List.copyOf(exact);
        ep = List.copyOf(ep);
        vb = List.copyOf(vb);
    }

    /**
     * Exact, EP (with {@code epOptions}) and VB (tolerance 1e-12, at most 5000 sweeps) on the first
     * {@code sizes[k]} observations of {@code full}.
     */
    public static ClutterComparison of(ClutterProblem full, int[] sizes, ExpectationPropagation.Options epOptions) {
        if (full == null || sizes == null || sizes.length == 0 || epOptions == null) {
            throw new IllegalArgumentException("ClutterComparison needs a problem, at least one size and EP options");
        }
        List<ClutterProblem.Posterior> exact = new ArrayList<>();
        List<ExpectationPropagation.Result> ep = new ArrayList<>();
        List<CaviResult<ClutterMeanField.State>> vb = new ArrayList<>();
        for (int size : sizes) {
            Check.atLeast("ClutterComparison", "size", size, 1);
            ClutterProblem cp = full.firstObservations(size);
            exact.add(cp.exact());
            ep.add(ExpectationPropagation.run(cp, epOptions));
            vb.add(ClutterMeanField.of(cp).run(new CaviOptions(1e-12, 5000)));
        }
        ClutterProblem one = full.firstObservations(1);
        return new ClutterComparison(sizes, exact, ep, vb, one, ExpectationPropagation.run(one, epOptions));
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    public double[] exactMean() {
        return exact.stream().mapToDouble(ClutterProblem.Posterior::mean).toArray();
    }

    public double[] exactVariance() {
        return exact.stream().mapToDouble(ClutterProblem.Posterior::variance).toArray();
    }

    public double[] exactLogEvidence() {
        return exact.stream().mapToDouble(ClutterProblem.Posterior::logEvidence).toArray();
    }

    public double[] epMean() {
        return ep.stream().mapToDouble(r -> r.posterior().mean()).toArray();
    }

    public double[] epVariance() {
        return ep.stream().mapToDouble(r -> r.posterior().variance()).toArray();
    }

    /** EP's log Z at each size; NaN where a final cavity is improper, so that it is undefined. */
    public double[] epLogEvidence() {
        return ep.stream().mapToDouble(r -> r.logEvidence().orElse(Double.NaN)).toArray();
    }

    /** Whether EP's log Z is defined at each size. */
    public boolean[] epLogEvidenceDefined() {
        double[] z = epLogEvidence();
        boolean[] d = new boolean[z.length];
        for (int i = 0; i < z.length; i++) {
            d[i] = Double.isFinite(z[i]);
        }
        return d;
    }

    /** The defined EP log Z values, in order of size index. */
    public double[] epLogEvidenceWhereDefined() {
        return java.util.Arrays.stream(epLogEvidence()).filter(Double::isFinite).toArray();
    }

    public boolean[] epConverged() {
        boolean[] c = new boolean[ep.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = ep.get(i).converged();
        }
        return c;
    }

    /** EP's final site precisions tau_n at each size (one array per size, one entry per observation). */
    public List<double[]> sitePrecisions() {
        return ep.stream().map(ExpectationPropagation.Result::sitePrecisions).toList();
    }

    /** EP's final site precision-times-means nu_n at each size. */
    public List<double[]> siteShifts() {
        return ep.stream().map(ExpectationPropagation.Result::siteShifts).toList();
    }

    /** How many of EP's final sites have a negative precision, at each size. */
    public int[] negativeSites() {
        return ep.stream().mapToInt(ExpectationPropagation.Result::negativeSites).toArray();
    }

    public int[] epSweeps() {
        return ep.stream().mapToInt(ExpectationPropagation.Result::sweeps).toArray();
    }

    public double[] vbMean() {
        return vb.stream().mapToDouble(r -> r.state().mean()).toArray();
    }

    public double[] vbVariance() {
        return vb.stream().mapToDouble(r -> r.state().variance()).toArray();
    }

    public double[] vbElbo() {
        return vb.stream().mapToDouble(CaviResult::elbo).toArray();
    }

    /** The size indices in increasing order of size (stable for equal sizes). */
    public int[] bySize() {
        return java.util.stream.IntStream.range(0, sizes.length).boxed()
                .sorted(java.util.Comparator.comparingInt(i -> sizes[i])).mapToInt(Integer::intValue).toArray();
    }
}
