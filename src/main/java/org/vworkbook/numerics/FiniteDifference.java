package org.vworkbook.numerics;

import java.util.function.ToDoubleFunction;
import org.vworkbook.util.Check;

/**
 * Central finite differences, the independent check of a gradient that an optimiser claims is zero:
 *
 * <pre>
 *   df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2 h),
 * </pre>
 *
 * with error -(h^2 / 6) f'''(x) + O(h^4) plus a rounding error of about eps |f| / h (Nocedal and
 * Wright, Numerical Optimization, 2nd ed., section 8.1), so h ~ (eps |f| / |f'''|)^(1/3) balances the
 * two: about 1e-5 for f, f''' of order 1.
 */
public final class FiniteDifference {
    private FiniteDifference() {}

    /**
     * The central-difference gradient of f at x with step h in every coordinate.
     *
     * @throws IllegalArgumentException if x is empty or not finite, or h is not finite and > 0
     */
    public static double[] centralGradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        if (f == null) {
            throw new IllegalArgumentException("FiniteDifference f must not be null");
        }
        double[] at = Check.finiteVector("FiniteDifference", "x", x);
        Check.positive("FiniteDifference", "h", h);
        double[] g = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            double[] up = at.clone();
            double[] down = at.clone();
            up[i] += h;
            down[i] -= h;
            g[i] = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * h);
        }
        return g;
    }
}
