package org.vworkbook.gmm;

import java.util.List;
import org.vworkbook.cavi.CaviResult;

/**
 * CAVI run from several starts (restarts), the best kept. CAVI climbs to a local optimum of the
 * ELBO, and which one depends on the start; restart r = 0, 1, ..., R - 1 starts from the
 * responsibilities drawn with seed {@code initSeed + r} ({@link #seedOf}), so restart 0 is the
 * single run of {@code initSeed} and every restart is reproducible from the seed the reader sees.
 *
 * @param runs the runs in restart order (at least one)
 * @param seeds the seed of each run's starting responsibilities
 */
public record RestartedFit(List<CaviResult<GmmState>> runs, long[] seeds) {
    public RestartedFit {
        if (runs == null || runs.isEmpty() || seeds == null || seeds.length != runs.size()) {
            throw new IllegalArgumentException("RestartedFit needs at least one run and one seed per run");
        }
        runs = List.copyOf(runs);
        seeds = seeds.clone();
    }

    /** The seed of restart r: initSeed + r (r = 0 .. R - 1; long arithmetic, wrapping past Long.MAX_VALUE). */
    public static long seedOf(long initSeed, int restart) {
        return initSeed + restart;
    }

    @Override
    public long[] seeds() {
        return seeds.clone();
    }

    public int restarts() {
        return runs.size();
    }

    /** The final ELBO of each restart, in restart order. */
    public double[] restartElbos() {
        return runs.stream().mapToDouble(CaviResult::elbo).toArray();
    }

    /** Final ELBOs closer than this, relative to 1 + |ELBO|, are equal up to rounding. */
    public static final double ROUNDING = 1e-9;

    /**
     * The index of the kept restart: the first whose final ELBO is within rounding ({@link #ROUNDING}) of the
     * largest, so restarts that reach the same optimum keep the earliest (restart 0 is the single run).
     */
    public int best() {
        double top = Double.NEGATIVE_INFINITY;
        for (CaviResult<GmmState> r : runs) {
            top = Math.max(top, r.elbo());
        }
        for (int r = 0; r < runs.size(); r++) {
            if (runs.get(r).elbo() >= top - ROUNDING * (1 + Math.abs(top))) {
                return r;
            }
        }
        return 0;
    }

    /** The run of {@link #best()}. */
    public CaviResult<GmmState> bestRun() {
        return runs.get(best());
    }

    /** The largest minus the smallest final ELBO (0 with one restart). */
    public double elboSpread() {
        double[] e = restartElbos();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : e) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }
}
