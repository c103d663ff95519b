package org.vworkbook.em;

import java.util.Arrays;
import org.vworkbook.util.Matrices;

/**
 * The history of an EM run of {@code iterations} steps (E-step, then M-step). Index i = 0..iterations
 * refers to theta_i (theta_0 the start); every trace has iterations + 1 entries, because the last
 * entry evaluates one more E-step at the final theta without an M-step after it.
 *
 * @param kind the E-step used
 * @param thetaPath theta_0..theta_iterations
 * @param logLikelihoodTrace log p(X | theta_i)
 * @param elboTrace the ELBO right after the E-step at theta_i
 * @param elboAfterMStepTrace the ELBO with q from the E-step at theta_i and theta_{i+1} from the M-step
 *     (iterations entries): elboTrace[i] <= elboAfterMStepTrace[i] <= elboTrace[i + 1]
 * @param klTrace sum_n KL(q(z_n), p(z_n | x_n, theta_i)) right after the E-step at theta_i
 * @param iterations the number of EM steps
 */
public record EmResult(EStep kind, double[][] thetaPath, double[] logLikelihoodTrace, double[] elboTrace,
        double[] elboAfterMStepTrace, double[] klTrace, int iterations) {
    public EmResult {
        thetaPath = Matrices.copy(thetaPath);
        logLikelihoodTrace = logLikelihoodTrace.clone();
        elboTrace = elboTrace.clone();
        elboAfterMStepTrace = elboAfterMStepTrace.clone();
        klTrace = klTrace.clone();
    }

    @Override
    public double[][] thetaPath() {
        return Matrices.copy(thetaPath);
    }

    @Override
    public double[] logLikelihoodTrace() {
        return logLikelihoodTrace.clone();
    }

    @Override
    public double[] elboTrace() {
        return elboTrace.clone();
    }

    @Override
    public double[] elboAfterMStepTrace() {
        return elboAfterMStepTrace.clone();
    }

    @Override
    public double[] klTrace() {
        return klTrace.clone();
    }

    /** theta after the last M-step. */
    public double[] theta() {
        return thetaPath[iterations].clone();
    }

    /** Coordinate j of theta_0..theta_iterations (for plotting a path). */
    public double[] thetaCoordinate(int j) {
        double[] out = new double[thetaPath.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = thetaPath[i][j];
        }
        return out;
    }

    /** The KL after each E-step that an M-step followed: entries i = 0..iterations-1. */
    public double[] klBeforeEachMStep() {
        return Arrays.copyOf(klTrace, iterations);
    }

    /** The largest of {@link #klBeforeEachMStep()} (0 if there were no iterations). */
    public double maxKlBeforeMStep() {
        return Arrays.stream(klBeforeEachMStep()).max().orElse(0.0);
    }
}
