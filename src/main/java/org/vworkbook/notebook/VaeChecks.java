package org.vworkbook.notebook;

import org.vworkbook.vae.GapDecomposition;
import org.vworkbook.vae.VaeExperiment;

/** The check list of notebook E: the identities of the gap decomposition, with tolerances scaled by the ELBO's size s. */
public final class VaeChecks {
    private VaeChecks() {}

    /**
     * The decomposition's ELBO is the trainer's last; gap = mean KL(q, posterior) >= 0; the
     * approximation gap equals the best mean field's KL and its closed form 1/2 log(prod M_jj / |M|) =
     * -1/2 log|R|; the amortisation gap is >= 0; the two parts add to the gap.
     */
    public static String gaps(VaeExperiment e, GapDecomposition gaps) {
        double scale = e.scale();
        double approxClosedForm = e.approximationGapClosedForm();
        double elboFinal = gaps.elboEncoder();
        double gap = gaps.totalGap();
        double meanKl = gaps.klEncoderToExact();
        return Checks.all(
            Checks.close("mean ELBO: gap decomposition vs the trainer's last trace entry (tolerance 1e-12 s)", elboFinal,
                e.training().elboTrace()[e.training().stepsTaken()], 1e-12 * scale),
            Checks.close("gap = mean log p(x) - mean ELBO vs mean KL(q(z | x), p(z | x)) (tolerance 1e-9 s)", gap, meanKl, 1e-9 * scale),
            Checks.nonNegative("mean KL(q(z | x), p(z | x))", meanKl, 1e-9 * scale),
            Checks.close("approximation gap vs mean KL(q*_x, p(z | x)) (tolerance 1e-9 s)", gaps.approximationGap(), gaps.klBestMeanFieldToExact(), 1e-9 * scale),
            Checks.close("approximation gap vs 1/2 log(prod_j M_jj / |M|) (tolerance 1e-9 s)", gaps.approximationGap(), approxClosedForm, 1e-9 * scale),
            Checks.close("1/2 log(prod_j M_jj / |M|) vs -1/2 log|R|, R the unit-diagonal M (tolerance 1e-9)", approxClosedForm,
                e.vae().decoder().meanFieldKl(), 1e-9 * (1 + approxClosedForm)),
            Checks.nonNegative("amortisation gap (tolerance 1e-9 s)", gaps.amortisationGap(), 1e-9 * scale),
            Checks.close("approximation + amortisation = total gap (tolerance 1e-12 s)", gaps.approximationGap() + gaps.amortisationGap(), gap, 1e-12 * scale));
    }
}
