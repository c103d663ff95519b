package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.List;
import org.vworkbook.divergence.IsotropicForwardFit;
import org.vworkbook.divergence.IsotropicReverseFits;

/** The check lists of forward against reverse KL fits (notebook W2). */
public final class ForwardReverseChecks {
    private ForwardReverseChecks() {}

    /**
     * The forward fit is E_p[x] within k Monte Carlo standard errors per coordinate: k = 4 (two-sided
     * probability 6.3e-5) when the sample mean is nearly normal (>= 30 draws); for fewer draws Chebyshev's
     * inequality gives the same probability for any distribution at k = 1 / sqrt(6.3e-5) = 126. And SGD
     * took one pass over the draws.
     */
    public static String forwardFit(IsotropicForwardFit f) {
        int samples = f.samples();
        double[] meanP = f.p().mean();
        double[] mu = f.mean();
        double[] se = f.standardError();
        double kSe = samples >= 30 ? 4 : 126;
        int batch = IsotropicForwardFit.BATCH;
        return Checks.all(
            Checks.close("mu_forward[0] vs E_p[x_0] (" + (int) kSe + " Monte Carlo standard errors)", mu[0], meanP[0], kSe * se[0]),
            Checks.close("mu_forward[1] vs E_p[x_1] (" + (int) kSe + " Monte Carlo standard errors)", mu[1], meanP[1], kSe * se[1]),
            Checks.isTrue("SGD took " + f.fit().steps() + " minibatch steps, one pass over the " + samples + " draws",
                f.fit().steps() == (samples + batch - 1) / batch));
    }

    /**
     * KL(q, p) >= 0 at the reverse fit (to the grid's quadrature error) and, if the descent converged,
     * its finite-difference gradient vanishes.
     */
    public static String reverseFit(IsotropicReverseFits r) {
        List<Checks.Outcome> checks = new ArrayList<>(List.of(
            Checks.nonNegative("KL(q || p) at mu_reverse (to the grid's quadrature error)", r.fit().kl(), 1e-10)));
        if (r.fit().converged()) {
            checks.add(Checks.close("finite-difference gradient of KL(q || p) at mu_reverse (the descent converged: max |gradient| < 1e-8)",
                r.finiteDifferenceGradient(), new double[] {0, 0}, 1e-6));
        }
        return Checks.all(checks.toArray(new Checks.Outcome[0]));
    }
}
