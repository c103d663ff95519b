package org.vworkbook.notebook;

import java.util.Arrays;
import java.util.Locale;
import org.vworkbook.em.EmComparison;
import org.vworkbook.em.EmResult;

/** The check list of notebook D: the bounds of EM and variational EM, to rounding. */
public final class EmChecks {
    private EmChecks() {}

    /**
     * EM's log-likelihood and VEM's ELBO never decrease; EM's KL after each exact E-step is rounding and its
     * bound touches; VEM's log p - ELBO is its KL, which matches the closed form and is >= 0; EM keeps the
     * direction of theta_0; no theta beats the maximum likelihood. Tolerances are multiples of
     * 1e-12 x {@link EmComparison#roundingScale()}.
     */
    public static String bounds(EmComparison c) {
        EmResult em = c.em();
        EmResult vem = c.vem();
        int iterations = c.iterations();
        double[] vemKlClosedForm = c.vemKlClosedForm();
        double[] vemLogLikMinusElbo = new double[iterations + 1];
        for (int i = 0; i <= iterations; i++) {
            vemLogLikMinusElbo[i] = vem.logLikelihoodTrace()[i] - vem.elboTrace()[i];
        }
        double emKlAbsMax = Arrays.stream(em.klTrace()).map(Math::abs).max().getAsDouble();
        double roundingTol = 1e-12 * c.roundingScale();
        double directionError = c.emDirectionError();
        double mlLogLik = c.mlLogLikelihood();
        return Checks.all(
            Checks.nonDecreasing("EM: log p(X | theta_i)", em.logLikelihoodTrace(), 1e-12),
            Checks.nonDecreasing("VEM: ELBO after each variational E-step", vem.elboTrace(), 1e-12),
            Checks.isTrue(String.format(Locale.ROOT, "EM: |KL| right after every exact E-step is rounding, below %.1e (largest %.1e)", 100 * roundingTol, emKlAbsMax),
                emKlAbsMax < 100 * roundingTol),
            Checks.close("EM: the bound touches, ELBO_i = log p(X | theta_i) (to rounding)", em.elboTrace(), em.logLikelihoodTrace(), 1000 * roundingTol),
            Checks.close("VEM: log p(X | theta_i) - ELBO_i = sum_n KL(q(z_n), p(z_n | x_n, theta_i)) (to rounding)", vemLogLikMinusElbo, vem.klTrace(), 1e4 * roundingTol),
            Checks.close("VEM: that KL vs N/2 log(1 + theta1^2 theta2^2 / (1 + |theta|^2)) (to rounding)", vem.klTrace(), vemKlClosedForm, 1e4 * roundingTol),
            Checks.nonNegative("VEM: smallest KL after a variational E-step", Arrays.stream(vem.klTrace()).min().getAsDouble(), 100 * roundingTol),
            Checks.isTrue("EM keeps the direction of theta_init (sin of the angle " + String.format(Locale.ROOT, "%.1e", directionError) + ")", directionError < 1e-9),
            Checks.isTrue("no theta on either path beats the maximum-likelihood value " + String.format(Locale.ROOT, "%.6f", mlLogLik),
                Arrays.stream(em.logLikelihoodTrace()).max().getAsDouble() <= mlLogLik + roundingTol
                && Arrays.stream(vem.logLikelihoodTrace()).max().getAsDouble() <= mlLogLik + roundingTol));
    }
}
