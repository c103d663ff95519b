package org.vworkbook.exact;

import org.vworkbook.util.Check;

/**
 * The digamma psi(x) = d/dx log Gamma(x) and trigamma psi'(x) functions to about 1e-15. The digamma
 * delegates to {@link org.vworkbook.numerics.SpecialFunctions#digamma} (added on main while this
 * class was written; the two agree to 1e-14, see the test); the trigamma is not in numerics.
 *
 * <p>Why not Commons Math 3.6.1's {@code Gamma.digamma}: it is off by about 3e-9 for x below about 60
 * (for example psi(4.5) = 1.38887092635952..., which it gives as 1.3888709235840), and the ELBOs here
 * multiply psi(a) by about N/2, which would leave a 1e-7 error in an ELBO that the tests check to 1e-9.
 *
 * <p>Method: the recurrences psi(x) = psi(x + 1) - 1/x and psi'(x) = psi'(x + 1) + 1/x^2 up to x >= 20,
 * then the asymptotic series (Abramowitz and Stegun 6.3.18 and 6.4.12)
 *
 * <pre>
 *   psi(x)  ~ log x - 1/(2x) - 1/(12x^2) + 1/(120x^4) - 1/(252x^6) + 1/(240x^8) - 1/(132x^10) + 691/(32760x^12) - 1/(12x^14)
 *   psi'(x) ~ 1/x + 1/(2x^2) + 1/(6x^3) - 1/(30x^5) + 1/(42x^7) - 1/(30x^9) + 5/(66x^11) - 691/(2730x^13) + 7/(6x^15)
 * </pre>
 *
 * whose first omitted terms are below 1e-20 at x = 20.
 */
public final class PolyGamma {
    private PolyGamma() {}

    /** psi(x) for finite x > 0. */
    public static double digamma(double x) {
        Check.positive("PolyGamma", "x", x);
        return org.vworkbook.numerics.SpecialFunctions.digamma(x);
    }

    /** The series of the class comment, kept to cross-check {@link org.vworkbook.numerics.SpecialFunctions#digamma}. */
    static double digammaBySeries(double x) {
        Check.positive("PolyGamma", "x", x);
        double shift = 0;
        while (x < 20) {
            shift -= 1 / x;
            x += 1;
        }
        double i2 = 1 / (x * x);
        double series = i2 * (1.0 / 12 - i2 * (1.0 / 120 - i2 * (1.0 / 252 - i2 * (1.0 / 240 - i2 * (1.0 / 132
                - i2 * (691.0 / 32760 - i2 / 12.0))))));
        return shift + Math.log(x) - 0.5 / x - series;
    }

    /** psi'(x) for finite x > 0. */
    public static double trigamma(double x) {
        Check.positive("PolyGamma", "x", x);
        double shift = 0;
        while (x < 20) {
            shift += 1 / (x * x);
            x += 1;
        }
        double i = 1 / x;
        double i2 = i * i;
        double series = i + 0.5 * i2 + i * i2 * (1.0 / 6 - i2 * (1.0 / 30 - i2 * (1.0 / 42 - i2 * (1.0 / 30
                - i2 * (5.0 / 66 - i2 * (691.0 / 2730 - i2 * 7.0 / 6))))));
        return shift + series;
    }
}
