package org.vworkbook.numerics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.vworkbook.util.Check;

/**
 * Deterministic gradient descent with a backtracking (Armijo) line search, for small smooth
 * objectives (a handful of parameters, exact or quadrature gradients; the reverse- and forward-KL fits
 * of {@code divergence}). It minimises, and it needs the objective itself for its line search, so it is
 * a minimiser, not a step rule: noisy-gradient step rules are {@link Optimizer}s.
 *
 * <p>A step x - t g is accepted when f falls by at least 1e-4 t |g|^2; t starts at the
 * Barzilai-Borwein length s.s / s.y (s the last step, y the change of the gradient over it: the
 * inverse of the curvature along the last step; 1 for the first step) and is halved until it is. Close to the minimum the decrease of f drops below the
 * rounding of f itself, so a step is also accepted when f does not rise beyond rounding and |g|
 * shrinks. The run stops when max |g_i| < {@code gradientTolerance} (converged) or after
 * {@code maxIterations} steps or when no step can be found (not converged: a result, not an error).
 *
 * <p>Polishing: plain gradient descent zig-zags slowly when the curvature differs a lot between
 * directions. Once max |g_i| is below {@link #POLISH_BELOW} (the basin is then settled: the start
 * and the gradient steps chose it), the steps become Newton steps -H^-1 g with the Hessian H taken by
 * central differences of the gradient, under the same line search, which converge quadratically to
 * the same local minimum. If H is not positive definite the step stays a gradient step.
 */
public final class GradientDescent {
    /** The gradient size below which steps switch from -g to the Newton direction -H^-1 g. */
    public static final double POLISH_BELOW = 1e-2;

    private GradientDescent() {}

    /** The Newton direction -H^-1 g, with H from central differences of the gradient; null if H is not positive definite. */
    private static double[] newtonDirection(Function<double[], double[]> gradient, double[] x, double[] g) {
        int n = x.length;
        double h = 1e-5;
        double[][] hess = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[j] += h;
            down[j] -= h;
            double[] gu = gradient.apply(up);
            double[] gd = gradient.apply(down);
            for (int i = 0; i < n; i++) {
                hess[i][j] = (gu[i] - gd[i]) / (2 * h);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double m = 0.5 * (hess[i][j] + hess[j][i]);
                hess[i][j] = m;
                hess[j][i] = m;
            }
        }
        try {
            var chol = new org.apache.commons.math3.linear.CholeskyDecomposition(
                    new org.apache.commons.math3.linear.Array2DRowRealMatrix(hess, false), 1e-12, 1e-14);
            double[] d = chol.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(g, true)).toArray();
            for (int i = 0; i < n; i++) {
                d[i] = -d[i];
            }
            return d;
        } catch (org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException
                | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
            return null;
        }
    }

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
            double[] dir = null;
            boolean newton = false;
            if (norm(g) < POLISH_BELOW) {
                dir = newtonDirection(gradient, x, g);
                newton = dir != null;
            }
            if (dir == null) {
                dir = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    dir[i] = -g[i];
                }
            }
            double slope = dot(g, dir); // < 0: a descent direction
            double t = newton ? 1.0 : Math.min(Math.max(step, 1e-8), 1e6);
            boolean accepted = false;
            for (int halvings = 0; halvings < 80; halvings++) {
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = x[i] + t * dir[i];
                }
                double fy = f.applyAsDouble(y);
                if (Double.isFinite(fy)) {
                    boolean sufficient = fy <= fx + 1e-4 * t * slope;
                    boolean roundingRegime = fy <= fx + 1e-14 * (1 + Math.abs(fx));
                    double[] gy = null;
                    if (!sufficient && roundingRegime) {
                        gy = gradient.apply(y);
                    }
                    if (sufficient || (gy != null && norm(gy) < norm(g))) {
                        double[] gNew = gy != null ? gy : gradient.apply(y);
                        // Barzilai-Borwein: the next trial length s.s / s.y.
                        double ss = 0;
                        double sy = 0;
                        for (int i = 0; i < x.length; i++) {
                            double si = y[i] - x[i];
                            ss += si * si;
                            sy += si * (gNew[i] - g[i]);
                        }
                        step = sy > 0 ? ss / sy : 2 * t;
                        x = y;
                        fx = fy;
                        g = gNew;
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
