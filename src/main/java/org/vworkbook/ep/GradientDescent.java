package org.vworkbook.ep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.vworkbook.util.Check;

/**
 * Deterministic gradient descent with a backtracking (Armijo) line search, for the small smooth
 * objectives of this package (a handful of parameters, exact or quadrature gradients).
 *
 * <p>A step x - t g is accepted when f falls by at least 1e-4 t |g|^2; t starts at twice the last
 * accepted step and is halved until it is. Close to the minimum the decrease of f drops below the
 * rounding of f itself, so a step is also accepted when f does not rise beyond rounding and |g|
 * shrinks. The run stops when max |g_i| < {@code gradientTolerance} (converged) or after
 * {@code maxIterations} steps or when no step can be found (not converged: a result, not an error).
 */
public final class GradientDescent {
    private GradientDescent() {}

    /**
     * The outcome of a run.
     *
     * @param minimiser the last point
     * @param value f there
     * @param gradientNorm max |g_i| there
     * @param iterations accepted steps
     * @param converged whether max |g_i| fell below the tolerance
     * @param path the points visited (the start, then one per accepted step)
     * @param values f at each point of {@code path}
     */
    public record Result(double[] minimiser, double value, double gradientNorm, int iterations, boolean converged,
            List<double[]> path, double[] values) {
        public Result {
            minimiser = minimiser.clone();
            path = List.copyOf(path);
            values = values.clone();
        }

        @Override
        public double[] minimiser() {
            return minimiser.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /**
     * Minimises f from {@code start}.
     *
     * @param f the objective
     * @param gradient its gradient
     */
    public static Result minimise(ToDoubleFunction<double[]> f, Function<double[], double[]> gradient, double[] start,
            double gradientTolerance, int maxIterations) {
        double[] x = Check.finiteVector("GradientDescent", "start", start);
        Check.positive("GradientDescent", "gradientTolerance", gradientTolerance);
        Check.atLeast("GradientDescent", "maxIterations", maxIterations, 0);
        double fx = f.applyAsDouble(x);
        if (!Double.isFinite(fx)) {
            throw new IllegalArgumentException("GradientDescent objective must be finite at the start, got " + fx);
        }
        double[] g = gradient.apply(x);
        List<double[]> path = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        path.add(x.clone());
        values.add(fx);
        double step = 1.0;
        int it = 0;
        boolean stuck = false;
        while (norm(g) >= gradientTolerance && it < maxIterations) {
            double g2 = dot(g, g);
            double t = Math.min(2 * step, 1e6);
            boolean accepted = false;
            for (int halvings = 0; halvings < 80; halvings++) {
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = x[i] - t * g[i];
                }
                double fy = f.applyAsDouble(y);
                if (Double.isFinite(fy)) {
                    boolean sufficient = fy <= fx - 1e-4 * t * g2;
                    boolean roundingRegime = fy <= fx + 1e-14 * (1 + Math.abs(fx));
                    double[] gy = null;
                    if (!sufficient && roundingRegime) {
                        gy = gradient.apply(y);
                    }
                    if (sufficient || (gy != null && norm(gy) < norm(g))) {
                        x = y;
                        fx = fy;
                        g = gy != null ? gy : gradient.apply(y);
                        step = t;
                        accepted = true;
                        break;
                    }
                }
                t *= 0.5;
            }
            if (!accepted) {
                stuck = true;
                break;
            }
            it++;
            path.add(x.clone());
            values.add(fx);
        }
        double gn = norm(g);
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(x, fx, gn, it, !stuck && gn < gradientTolerance, path, v);
    }

    private static double norm(double[] g) {
        double m = 0;
        for (double x : g) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
