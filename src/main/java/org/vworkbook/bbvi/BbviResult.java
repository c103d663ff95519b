package org.vworkbook.bbvi;

/**
 * The outcome of a black-box VI run.
 *
 * @param estimator the gradient estimator's name
 * @param optimizer the optimiser's description
 * @param state the final q
 * @param path the family's unconstrained parameters eta at the start and after each step
 *     ({@code stepsTaken + 1} rows)
 * @param elboEstimates the Monte Carlo ELBO estimate of each step, from that step's draws at the q before it
 *     ({@code stepsTaken} entries)
 * @param elboExact the exact ELBO of each row of {@code path} when the caller gave a closed form, else empty
 * @param stepsTaken the steps actually taken
 * @param diverged true if the run stopped because the parameters left the representable range
 * @param family the family the run fitted (it maps the path back to q)
 * @param <Q> the family's description of a member
 */
public record BbviResult<Q>(String estimator, String optimizer, Q state, double[][] path,
        double[] elboEstimates, double[] elboExact, int stepsTaken, boolean diverged, Family<Q> family) {
    public BbviResult {
        if (family == null) {
            throw new IllegalArgumentException("BbviResult family must not be null");
        }
        path = deepCopy(path);
        elboEstimates = elboEstimates.clone();
        elboExact = elboExact.clone();
    }

    @Override
    public double[][] path() {
        return deepCopy(path);
    }

    @Override
    public double[] elboEstimates() {
        return elboEstimates.clone();
    }

    @Override
    public double[] elboExact() {
        return elboExact.clone();
    }

    /** Coordinate {@code d} of eta along the path. */
    public double[] coordinate(int d) {
        double[] c = new double[path.length];
        for (int i = 0; i < path.length; i++) {
            c[i] = path[i][d];
        }
        return c;
    }

    /**
     * The first step index i with elboExact[i] >= target - tolerance, or -1 if none (or no exact ELBO).
     */
    public int firstStepWithin(double target, double tolerance) {
        for (int i = 0; i < elboExact.length; i++) {
            if (elboExact[i] >= target - tolerance) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first step index from which elboExact stays >= target - tolerance to the end, or -1.
     */
    public int stepFromWhichWithin(double target, double tolerance) {
        int first = -1;
        for (int i = elboExact.length - 1; i >= 0; i--) {
            if (elboExact[i] >= target - tolerance) {
                first = i;
            } else {
                break;
            }
        }
        return first;
    }

    /**
     * The Polyak-Ruppert average of the iterates: q at the mean of eta over path rows
     * {@code fromStep..stepsTaken}. Averaging the tail of a stochastic-gradient path removes most of
     * the jitter that the noisy steps leave around the optimum (Polyak and Juditsky 1992).
     */
    public Q averagedState(int fromStep) {
        if (fromStep < 0 || fromStep > stepsTaken) {
            throw new IllegalArgumentException("BbviResult fromStep must be in [0, " + stepsTaken + "], got " + fromStep);
        }
        double[] mean = new double[family.dimension()];
        int count = path.length - fromStep;
        for (int i = fromStep; i < path.length; i++) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += path[i][d] / count;
            }
        }
        return family.fromUnconstrained(mean);
    }

    /** {@link #averagedState(int)} over the second half of the path. */
    public Q averagedState() {
        return averagedState(stepsTaken / 2);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
