package org.vworkbook.notebook;

import org.vworkbook.vae.GapDecomposition;
import org.vworkbook.vae.VaeExperiment;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The summary table of notebook E. */
public final class VaeTables {
    private VaeTables() {}

    /** The trained VAE's averages per point: log p(x), both ELBOs, the gap and its parts, and the column cosines. */
    public static Table summary(VaeExperiment e, GapDecomposition gaps) {
        return Table.create("Trained VAE: averages per data point").addColumns(
            StringColumn.create("quantity", "mean log p(x)", "mean ELBO (encoder q)", "mean ELBO (best mean-field q)", "total gap",
                "mean KL(q(z|x), p(z|x))", "approximation gap", "amortisation gap", "max |cos(w_j, w_k)|, trained", "max |cos(w_j, w_k)|, generating"),
            DoubleColumn.create("value", gaps.logLikelihood(), gaps.elboEncoder(), gaps.elboBestMeanField(), gaps.totalGap(),
                gaps.klEncoderToExact(), gaps.approximationGap(), gaps.amortisationGap(), e.vae().decoder().maxAbsColumnCosine(),
                e.truth().maxAbsColumnCosine()));
    }
}
