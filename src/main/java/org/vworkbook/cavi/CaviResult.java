package org.vworkbook.cavi;

import java.util.List;

/**
 * The outcome of a CAVI run.
 *
 * @param state the final variational state
 * @param path the state at the start and after each sweep ({@code iterations + 1} entries)
 * @param elboTrace the ELBO of each entry of {@code path}, non-decreasing
 * @param iterations the number of sweeps performed
 * @param converged whether the stopping rule was met before the iteration limit
 */
public record CaviResult<S>(S state, List<S> path, double[] elboTrace, int iterations, boolean converged) {
    public CaviResult {
        path = List.copyOf(path);
        elboTrace = elboTrace.clone();
    }

    /** A copy of the ELBO trace. */
    @Override
    public double[] elboTrace() {
        return elboTrace.clone();
    }

    /** The ELBO of the final state. */
    public double elbo() {
        return elboTrace[elboTrace.length - 1];
    }
}
