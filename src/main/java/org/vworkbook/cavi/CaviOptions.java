package org.vworkbook.cavi;

import org.vworkbook.util.Check;

/**
 * Stopping rule of a CAVI run: stop when {@link CoordinateAscent#change} over a sweep is below
 * {@code tolerance}, or after {@code maxIterations} sweeps (then the result says converged = false).
 *
 * @param tolerance finite and >= 0
 * @param maxIterations >= 0 sweeps
 */
public record CaviOptions(double tolerance, int maxIterations) {
    public CaviOptions {
        Check.nonNegative("CaviOptions", "tolerance", tolerance);
        Check.atLeast("CaviOptions", "maxIterations", maxIterations, 0);
    }

    /** tolerance 1e-12, at most 1000 sweeps: the notebooks' defaults. */
    public static CaviOptions defaults() {
        return new CaviOptions(1e-12, 1000);
    }
}
