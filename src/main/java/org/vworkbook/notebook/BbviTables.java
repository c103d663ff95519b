package org.vworkbook.notebook;

import java.util.Map;
import org.vworkbook.bbvi.BbviResult;
import org.vworkbook.bbvi.GradientVariance;
import org.vworkbook.bbvi.NormalGammaBaseline;
import org.vworkbook.bbvi.NormalGammaFamily;
import org.vworkbook.bbvi.NormalGammaRuns;
import org.vworkbook.cavi.NormalGammaMeanFieldState;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The tables of notebook BBVI: the final fits, and the gradient variance of each estimator. */
public final class BbviTables {
    private BbviTables() {}

    /** Each run's iterate average, CAVI's fit and the start: parameters, ELBO, gap to CAVI, first step within 0.01. */
    public static Table finalFits(NormalGammaBaseline baseline, NormalGammaRuns runs) {
        NormalGammaMeanFieldState qCavi = baseline.qCavi();
        NormalGammaMeanFieldState start = runs.start();
        double elboCavi = baseline.elboCavi();
        StringColumn who = StringColumn.create("fit");
        DoubleColumn cm = DoubleColumn.create("mu_n");
        DoubleColumn cl = DoubleColumn.create("lambda_n (precision of q(mu))");
        DoubleColumn ca = DoubleColumn.create("a_n");
        DoubleColumn cb = DoubleColumn.create("b_n");
        DoubleColumn ce = DoubleColumn.create("ELBO");
        DoubleColumn cg = DoubleColumn.create("ELBO_CAVI - ELBO");
        IntColumn within = IntColumn.create("first step within 0.01 of CAVI");
        for (Map.Entry<String, BbviResult<NormalGammaMeanFieldState>> e : runs.runs().entrySet()) {
            NormalGammaMeanFieldState q = e.getValue().averagedState();
            who.append("BBVI " + e.getKey());
            cm.append(q.muMean());
            cl.append(q.muPrecision());
            ca.append(q.tauShape());
            cb.append(q.tauRate());
            ce.append(baseline.elbo().value(q));
            cg.append(elboCavi - baseline.elbo().value(q));
            within.append(e.getValue().firstStepWithin(elboCavi, 0.01));
        }
        who.append("CAVI");
        cm.append(qCavi.muMean());
        cl.append(qCavi.muPrecision());
        ca.append(qCavi.tauShape());
        cb.append(qCavi.tauRate());
        ce.append(elboCavi);
        cg.append(0.0);
        within.append(baseline.caviRun().iterations());
        who.append("start");
        cm.append(start.muMean());
        cl.append(start.muPrecision());
        ca.append(start.tauShape());
        cb.append(start.tauRate());
        ce.append(baseline.elbo().value(start));
        cg.append(elboCavi - baseline.elbo().value(start));
        within.appendMissing();
        return Table.create("Final fits (BBVI: iterate average over the second half; -1: never within 0.01)")
                .addColumns(who, cm, cl, ca, cb, ce, cg, within);
    }

    /** Total and per-coordinate variance of each estimator, and the basic estimator's total over each. */
    public static Table gradientVariances(Map<String, GradientVariance> variances, int samples, int replications) {
        double base = variances.get("reinforce").totalVariance();
        StringColumn vn = StringColumn.create("estimator");
        DoubleColumn vt = DoubleColumn.create("total variance");
        DoubleColumn vr = DoubleColumn.create("REINFORCE / this");
        DoubleColumn[] vc = new DoubleColumn[NormalGammaFamily.DIMENSION];
        for (int d = 0; d < vc.length; d++) {
            vc[d] = DoubleColumn.create("var " + NormalGammaFamily.COORDINATES[d]);
        }
        for (Map.Entry<String, GradientVariance> e : variances.entrySet()) {
            GradientVariance gv = e.getValue();
            vn.append(e.getKey());
            vt.append(gv.totalVariance());
            vr.append(base / gv.totalVariance());
            for (int d = 0; d < vc.length; d++) {
                vc[d].append(gv.variance()[d]);
            }
        }
        return Table.create("Gradient variance at the CAVI optimum, S = " + samples + ", " + replications + " estimates each")
                .addColumns(vn, vt, vr, vc[0], vc[1], vc[2], vc[3]);
    }
}
