package org.vworkbook.cavi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The coordinate-ascent variational inference loop (Bishop 10.1.1; Blei, Kucukelbir and McAuliffe
 * 2017, Algorithm 1). One engine for every model: it records the ELBO after each sweep, stops on
 * the model's change measure or the iteration limit, and refuses an ELBO that goes down.
 */
public final class Cavi {
    /** Relative slack allowed for rounding when checking that the ELBO never decreases. */
    public static final double MONOTONE_SLACK = 1e-10;

    /**
     * Relative rounding allowed on the magnitude of the ELBO's terms
     * ({@link CoordinateAscent#elboMagnitude}): about 450 units in the last place, far above the
     * rounding of a sum of a few terms and far below any error of a wrong update.
     */
    public static final double ROUNDING_SLACK = 1e-13;

    private Cavi() {}

    /**
     * Runs CAVI from {@code start}.
     *
     * @throws ElboDecreasedException if the ELBO drops by more than {@link #MONOTONE_SLACK} relative to
     *     the ELBO plus {@link #ROUNDING_SLACK} relative to the magnitude of its terms (rounding)
     */
    public static <S> CaviResult<S> run(CoordinateAscent<S> model, S start, CaviOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(options, "options");
        List<S> path = new ArrayList<>();
        List<Double> trace = new ArrayList<>();
        S state = start;
        double elbo = model.elbo(state);
        if (Double.isNaN(elbo)) {
            throw new IllegalStateException("ELBO of the starting state is NaN: " + start);
        }
        path.add(state);
        trace.add(elbo);
        boolean converged = false;
        int iterations = 0;
        while (iterations < options.maxIterations()) {
            S next = model.sweep(state);
            double nextElbo = model.elbo(next);
            iterations++;
            double slack = MONOTONE_SLACK * (1.0 + Math.abs(elbo))
                    + ROUNDING_SLACK * Math.max(model.elboMagnitude(state), model.elboMagnitude(next));
            if (Double.isNaN(nextElbo) || nextElbo < elbo - slack) {
                throw new ElboDecreasedException(iterations, elbo, nextElbo);
            }
            double change = model.change(state, next);
            path.add(next);
            trace.add(nextElbo);
            state = next;
            elbo = nextElbo;
            if (change < options.tolerance()) {
                converged = true;
                break;
            }
        }
        double[] elbos = trace.stream().mapToDouble(Double::doubleValue).toArray();
        return new CaviResult<>(state, path, elbos, iterations, converged);
    }
}
