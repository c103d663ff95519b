package org.vworkbook.notebook;

import org.vworkbook.em.EmComparison;
import org.vworkbook.em.EmResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The table of notebook D. */
public final class EmTables {
    private EmTables() {}

    /** Where EM and VEM end (theta, |theta|^2, log p, ELBO, KL) next to the maximum-likelihood values. */
    public static Table ends(EmComparison c) {
        EmResult em = c.em();
        EmResult vem = c.vem();
        int iterations = c.iterations();
        double[] emTheta = em.theta();
        double[] vemTheta = vem.theta();
        return Table.create("Where each method ends, after " + iterations + " steps").addColumns(
            StringColumn.create("quantity", "theta1", "theta2", "|theta|^2", "log p(X | theta)", "ELBO after the last E-step", "sum_n KL after the last E-step"),
            DoubleColumn.create("EM", emTheta[0], emTheta[1], emTheta[0] * emTheta[0] + emTheta[1] * emTheta[1],
                em.logLikelihoodTrace()[iterations], em.elboTrace()[iterations], em.klTrace()[iterations]),
            DoubleColumn.create("variational EM", vemTheta[0], vemTheta[1], vemTheta[0] * vemTheta[0] + vemTheta[1] * vemTheta[1],
                vem.logLikelihoodTrace()[iterations], vem.elboTrace()[iterations], vem.klTrace()[iterations]),
            DoubleColumn.create("maximum likelihood", Double.NaN, Double.NaN, c.mlNormSquared(), c.mlLogLikelihood(), Double.NaN, Double.NaN));
    }
}
