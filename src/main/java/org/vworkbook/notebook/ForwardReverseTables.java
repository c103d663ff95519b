package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.List;
import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.divergence.IsotropicForwardFit;
import org.vworkbook.divergence.IsotropicReverseFits;
import org.vworkbook.divergence.ReverseKL;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The table of forward against reverse KL fits (notebook W2). */
public final class ForwardReverseTables {
    private ForwardReverseTables() {}

    /** E_p[x], the forward fit, the reverse fit from the start and from each component's mean: mu, KL(q, p), steps. */
    public static Table fits(IsotropicForwardFit forward, IsotropicReverseFits reverse) {
        GaussianMixture p = reverse.p();
        double[] meanP = p.mean();
        double[] muForward = forward.mean();
        double[] muReverse = reverse.mean();
        ReverseKL.IsotropicFit[] fromComponent = reverse.fromComponent();
        List<String> names = new ArrayList<>(List.of("E_p[x] (exact)", "forward KL, SGD from samples", "reverse KL from reverse_init"));
        List<Double> c1 = new ArrayList<>(List.of(meanP[0], muForward[0], muReverse[0]));
        List<Double> c2 = new ArrayList<>(List.of(meanP[1], muForward[1], muReverse[1]));
        List<Double> cKl = new ArrayList<>(List.of(ReverseKL.klIsotropic(meanP, p), ReverseKL.klIsotropic(muForward, p), reverse.fit().kl()));
        List<Double> cSteps = new ArrayList<>(List.of(Double.NaN, Double.NaN, (double) reverse.fit().iterations()));
        for (int k = 0; k < p.components(); k++) {
            double[] m = p.component(k).mean();
            names.add("reverse KL from component " + (k + 1) + "'s mean (" + Prose.num(m[0]) + ", " + Prose.num(m[1]) + ")");
            c1.add(fromComponent[k].mean()[0]);
            c2.add(fromComponent[k].mean()[1]);
            cKl.add(fromComponent[k].kl());
            cSteps.add((double) fromComponent[k].iterations());
        }
        return Table.create("Gaussian fits N(mu, I) to p").addColumns(
            StringColumn.create("fit", names),
            DoubleColumn.create("mu_1", c1), DoubleColumn.create("mu_2", c2),
            DoubleColumn.create("KL(q || p)", cKl),
            DoubleColumn.create("gradient-descent steps (\u2014: not an iterative fit)", cSteps));
    }
}
