package org.vworkbook.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.ColliderGaussianModel;
import org.vworkbook.cavi.ColliderMeanFields;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.GridFactors;
import org.vworkbook.cavi.GridMeanField;
import org.vworkbook.cavi.GridPosterior;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.cavi.ProductColliderModel;
import org.vworkbook.distributions.MultivariateNormal;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.vworkbook.util.Check;

/**
 * The checks of notebook C (mean field on a collider), as lists the notebook shows: the exact
 * posterior and the mean-field and structured fits against their closed forms, the same on a grid, and
 * the two mean-field fits of the non-Gaussian collider against the grid posterior.
 *
 * <p>Rounding: the means compared are of size 1 + |x| and the log densities of size 1 + |log p(x)|, each
 * good to a few 1e-16 relative. The ELBO is c + h^T m - (m^T Lambda m + tr(Lambda S)) / 2 + entropy, whose
 * terms reach max|Lambda| (1 + |m|^2) + |h| |m|; for a small s3 or sx that is far above |ELBO|, and a sweep
 * at the fixed point can lower the computed ELBO by a few 1e-16 of it ({@link #elboSlack}).
 */
public final class ColliderChecks {
    private ColliderChecks() {}

    /** The slack for "the ELBO never decreases", relative as {@link Checks#nonDecreasing} takes it. */
    public static double elboSlack(ColliderGaussianModel model, double elbo) {
        if (model == null) {
            throw new IllegalArgumentException("ColliderChecks model must not be null");
        }
        Check.finite("ColliderChecks", "elbo", elbo);
        double s3 = model.s3();
        double sx = model.sx();
        double x = model.observation();
        double[] m = model.posterior().mean();
        double elboTerms = Math.max(1 + 1 / (s3 * s3), 1 / (s3 * s3) + 1 / (sx * sx))
                * (1 + m[0] * m[0] + m[1] * m[1] + m[2] * m[2]) + Math.abs(x * m[2]) / (sx * sx);
        return Math.max(1e-12, 1e-14 * elboTerms / (1 + Math.abs(elbo)));
    }

    /**
     * The Gaussian collider: the posterior against x / (v + 2) and friends (v = s3^2 + sx^2), log p(x) two
     * ways, ELBO + KL = log p(x), both ELBO traces non-decreasing, and the mean-field and structured fits
     * against their closed forms, where CAVI's distance from the fixed point is taken into account exactly
     * ({@link ColliderGaussianModel#offFixedPoint}).
     */
    public static String gaussian(ColliderMeanFields fits) {
        return gaussian(fits.model(), fits.meanField(), fits.run(), fits.structured(), fits.structuredRun());
    }

    /** The checks of {@link #gaussian(ColliderMeanFields)}, from the pieces. */
    public static String gaussian(ColliderGaussianModel model, GaussianMeanField mf, CaviResult<MeanFieldGaussianState> run,
            GaussianMeanField structured, CaviResult<MeanFieldGaussianState> structuredRun) {
        double s3 = model.s3();
        double sx = model.sx();
        double x = model.observation();
        MultivariateNormal exact = model.posterior();
        double[] exactMean = exact.mean();
        double[][] exactCov = exact.covariance();
        double logEvidence = model.logEvidence();
        double meanScale = 1 + Math.abs(x);
        double logScale = 1 + Math.abs(logEvidence);
        double elboSlack = elboSlack(model, run.elbo());
        MeanFieldGaussianState q = run.state();
        double[] mfMean = q.means();
        double[] mfVar = q.variances();
        double klMf = mf.klToPosterior(q);
        double klStructured = structured.klToPosterior(structuredRun.state());
        double v = s3 * s3 + sx * sx;
        List<Checks.Outcome> checks = new ArrayList<>(List.of(
            Checks.close("E[z1 | x], E[z2 | x] vs x / (v + 2)", new double[] {exactMean[0], exactMean[1]}, new double[] {x / (v + 2), x / (v + 2)}, 1e-12 * meanScale),
            Checks.close("Var[z1 | x] vs 1 - 1/(v + 2)", exactCov[0][0], 1 - 1 / (v + 2), 1e-12),
            Checks.close("corr(z1, z2 | x) vs -1/(v + 1)", exact.correlation(0, 1), -1 / (v + 1), 1e-12),
            Checks.close("log p(x): marginal vs completed square", logEvidence, model.joint().logEvidence(), 1e-12 * logScale),
            Checks.close("ELBO + KL vs log p(x) at the mean-field end point", run.elbo() + klMf, logEvidence, 1e-10 * logScale),
            Checks.nonDecreasing("mean-field ELBO over the sweeps", run.elboTrace(), elboSlack),
            Checks.nonDecreasing("structured ELBO over the sweeps", structuredRun.elboTrace(), elboSlack),
            Checks.nonNegative("KL(q_mf, p)", klMf, 1e-14)));
        ColliderGaussianModel.FixedPointOffset mfOff = model.offFixedPoint(mfMean);
        ColliderGaussianModel.FixedPointOffset structuredOff = model.offFixedPoint(structuredRun.state().asMultivariate().mean());
        double[] mfMeanError = {mfMean[0] - exactMean[0], mfMean[1] - exactMean[1], mfMean[2] - exactMean[2]};
        checks.add(Checks.close("mean-field means - exact means vs Sigma (Lambda m - h) (0 at the fixed point; here |Lambda m - h| reflects tol)",
            mfMeanError, mfOff.meanOffset(), 1e-9 * meanScale));
        checks.add(Checks.close("mean-field variances vs 1 / Lambda_jj", mfVar,
            new double[] {s3 * s3 / (1 + s3 * s3), s3 * s3 / (1 + s3 * s3), 1 / (1 / (s3 * s3) + 1 / (sx * sx))}, 1e-12));
        checks.add(Checks.close("KL(q_mf, p) vs 1/2 (sum log Lambda_jj - log |Lambda|) + 1/2 r^T Sigma r", klMf,
            GaussianMeanField.of(model.joint()).klAtOptimum() + mfOff.klExcess(), 1e-10 * logScale));
        checks.add(Checks.close("KL(q(z1,z2) q(z3), p) vs its closed form + 1/2 r^T Sigma r", klStructured,
            structured.klAtOptimum() + structuredOff.klExcess(), 1e-10 * logScale));
        checks.add(Checks.close("at the optima, keeping z1, z2 together lowers the KL by -1/2 log(1 - 1/(1 + s3^2)^2) > 0",
            (klMf - mfOff.klExcess()) - (klStructured - structuredOff.klExcess()), model.structuredKlGain(), 1e-10 * logScale));
        String status = run.converged() ? "mean-field CAVI converged in " + run.iterations() + " sweeps"
            : "mean-field CAVI stopped at " + run.iterations() + " sweeps WITHOUT converging";
        return status + "\n" + Checks.all(checks.toArray(new Checks.Outcome[0]));
    }

    /**
     * The Gaussian collider on a grid against its closed forms: the largest differences of the grid's
     * mean-field variances and means and of its posterior covariance from the closed forms, and whether
     * the grid is fine enough for a comparison at 1e-7.
     *
     * @param maxError the largest difference of means, variances and covariance entries (where CAVI stopped matters)
     * @param shapeError the largest difference of variances and covariance entries (independent of where CAVI stopped)
     * @param resolution nodes per standard deviation of the narrowest mean-field factor
     * @param errorBound exp(-2 pi^2 resolution^2): the trapezoid rule's aliasing error for a Gaussian
     * @param report the checks as text, or why the grid is too coarse for them
     */
    public record GridAgainstClosedForms(double maxError, double shapeError, double resolution, double errorBound, String report) {
        public GridAgainstClosedForms {
            Check.nonNegative("GridAgainstClosedForms", "maxError", maxError);
            Check.nonNegative("GridAgainstClosedForms", "shapeError", shapeError);
            Check.positive("GridAgainstClosedForms", "resolution", resolution);
            Check.nonNegative("GridAgainstClosedForms", "errorBound", errorBound);
            if (report == null) {
                throw new IllegalArgumentException("GridAgainstClosedForms report must not be null");
            }
        }

        @Override
        public String toString() {
            return report;
        }
    }

    /**
     * Compares the grid version of the Gaussian collider with the closed forms: log p(x), the posterior
     * mean and covariance, the mean-field variances and means (up to CAVI's distance from its fixed
     * point), the KL and the ELBO trace.
     *
     * @param mfRun the closed-form mean-field run the grid run is compared with
     */
    public static GridAgainstClosedForms grid(ColliderGaussianModel model, CaviResult<MeanFieldGaussianState> mfRun,
            GridMeanField gridModel, CaviResult<GridFactors> gridRun) {
        MultivariateNormal exact = model.posterior();
        double[] exactMean = exact.mean();
        double[][] exactCov = exact.covariance();
        double[] mfMean = mfRun.state().means();
        double[] mfVar = mfRun.state().variances();
        GridPosterior posterior = gridModel.posterior();
        double gridMaxError = 0;
        double resolution = Double.POSITIVE_INFINITY;
        double gridShapeError = 0;
        double[] gridMean = gridRun.state().means();
        double[] gridVar = gridRun.state().variances();
        double[][] gridCov = posterior.covariance();
        for (int j = 0; j < 3; j++) {
            gridMaxError = Math.max(gridMaxError, Math.max(Math.abs(gridMean[j] - mfMean[j]), Math.abs(gridVar[j] - mfVar[j])));
            for (int k = 0; k < 3; k++) {
                gridMaxError = Math.max(gridMaxError, Math.abs(gridCov[j][k] - exactCov[j][k]));
            }
            gridShapeError = Math.max(gridShapeError, Math.abs(gridVar[j] - mfVar[j]));
            for (int k = 0; k < 3; k++) {
                gridShapeError = Math.max(gridShapeError, Math.abs(gridCov[j][k] - exactCov[j][k]));
            }
        }
        // The trapezoid rule's error for a Gaussian of standard deviation s on spacing h is of order exp(-2 pi^2 (s/h)^2)
        // (aliasing); the +-9 sd range cuts off less than 1e-18. Compare with the closed forms when that bound is below 1e-10.
        for (int j = 0; j < 3; j++) {
            double[] g = posterior.grid(j);
            resolution = Math.min(resolution, Math.sqrt(mfVar[j]) / (g[1] - g[0]));
        }
        double gridErrorBound = Math.exp(-2 * Math.PI * Math.PI * resolution * resolution);
        if (gridErrorBound > 1e-10) {
            return new GridAgainstClosedForms(gridMaxError, gridShapeError, resolution, gridErrorBound, String.format(Locale.ROOT,
                "grid too coarse for a comparison with the closed forms: %.2f nodes per standard deviation of the narrowest factor,"
                + " error bound %.1e > 1e-10; raise grid_points. Largest difference found: %.1e", resolution, gridErrorBound, gridMaxError));
        }
        double logScale = 1 + Math.abs(model.logEvidence());
        double meanScale = 1 + Math.abs(model.observation());
        ColliderGaussianModel.FixedPointOffset off = model.offFixedPoint(gridMean);
        String report = String.format(Locale.ROOT, "%.2f nodes per standard deviation of the narrowest factor: trapezoid error bound %.1e%n",
                resolution, gridErrorBound) + Checks.all(
            Checks.close("grid log p(x) vs exact", posterior.logEvidence(), model.logEvidence(), 1e-8 * logScale),
            Checks.close("grid posterior mean vs exact", posterior.mean(), exactMean, 1e-8 * meanScale),
            Checks.close("largest grid error: mean-field variances, posterior covariance", gridShapeError, 0.0, 1e-7),
            Checks.close("grid mean-field means - exact means vs Sigma (Lambda m - h) (0 at the fixed point)",
                new double[] {gridMean[0] - exactMean[0], gridMean[1] - exactMean[1], gridMean[2] - exactMean[2]},
                off.meanOffset(), 1e-7 * meanScale),
            Checks.close("grid KL(q_mf, p) vs closed form + 1/2 r^T Sigma r", gridModel.klToPosterior(gridRun.state()),
                GaussianMeanField.of(model.joint()).klAtOptimum() + off.klExcess(), 1e-7 * logScale),
            Checks.nonDecreasing("grid ELBO over the sweeps", gridRun.elboTrace(), elboSlack(model, mfRun.elbo())));
        return new GridAgainstClosedForms(gridMaxError, gridShapeError, resolution, gridErrorBound, report);
    }

    /**
     * The two mean-field fits of the non-Gaussian collider (runs started at +prod_init and -prod_init)
     * against the grid posterior, with the data-processing bound on KL(q, p) from the event R = {z1 > 0}:
     * KL(q, p) >= KL(Bernoulli(q(R)), Bernoulli(p(R))).
     *
     * @param posteriorMassPositive p(R) on the grid
     * @param plusMassPositive q(R) of the run from +
     * @param minusMassPositive q(R) of the run from -
     * @param klPlus KL(q, p) of the run from +
     * @param klMinus KL(q, p) of the run from -
     * @param boundPlus the data-processing bound for the run from +
     * @param boundMinus the data-processing bound for the run from -
     */
    public record TwoFits(double posteriorMassPositive, double plusMassPositive, double minusMassPositive, double klPlus,
            double klMinus, double boundPlus, double boundMinus, String checks) {
        public TwoFits {
            Check.nonNegative("TwoFits", "posteriorMassPositive", posteriorMassPositive);
            Check.nonNegative("TwoFits", "plusMassPositive", plusMassPositive);
            Check.nonNegative("TwoFits", "minusMassPositive", minusMassPositive);
            for (double v : new double[] {klPlus, klMinus, boundPlus, boundMinus}) {
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("TwoFits KLs and bounds must not be NaN");
                }
            }
            if (checks == null) {
                throw new IllegalArgumentException("TwoFits checks must not be null");
            }
        }

        @Override
        public String toString() {
            return checks;
        }
    }

    /** KL(Bernoulli(a), Bernoulli(b)) = a log(a / b) + (1 - a) log((1 - a) / (1 - b)), with 0 log 0 = 0. */
    public static double bernoulliKl(double a, double b) {
        if (!(a >= 0 && a <= 1) || !(b >= 0 && b <= 1)) {
            throw new IllegalArgumentException("ColliderChecks Bernoulli probabilities must be in [0, 1], got " + a + " and " + b);
        }
        return (a > 0 ? a * Math.log(a / b) : 0) + (a < 1 ? (1 - a) * Math.log((1 - a) / (1 - b)) : 0);
    }

    /**
     * Checks the two fits of the non-Gaussian collider: the grid wide enough, log p(x) = ELBO + KL for
     * each run, both ELBO traces non-decreasing, the two runs mirror images (same KL), the posterior
     * mean of z1 zero by symmetry, and each KL above its data-processing bound.
     */
    public static TwoFits product(ProductColliderModel.MirrorFits fits, double prodInit) {
        return product(fits.meanField(), fits.plus(), fits.minus(), prodInit);
    }

    /** {@link #product(ProductColliderModel.MirrorFits, double)} from the pieces. */
    public static TwoFits product(GridMeanField model, CaviResult<GridFactors> plusRun, CaviResult<GridFactors> minusRun,
            double prodInit) {
        GridPosterior posterior = model.posterior();
        GridFactors qPlus = plusRun.state();
        GridFactors qMinus = minusRun.state();
        double klPlus = model.klToPosterior(qPlus);
        double klMinus = model.klToPosterior(qMinus);
        double pMass = posterior.massAbove(0, 0.0);
        double plusMass = qPlus.massAbove(0, 0.0);
        double minusMass = qMinus.massAbove(0, 0.0);
        double boundPlus = bernoulliKl(Math.min(plusMass, 1), pMass);
        double boundMinus = bernoulliKl(Math.min(minusMass, 1), pMass);
        String checks = Checks.all(
            Checks.close("largest posterior mass in the grid's end nodes", posterior.largestEdgeMass(), 0.0, 1e-6),
            Checks.close("grid identity log p(x) = ELBO + KL (run from +)", plusRun.elbo() + klPlus, posterior.logEvidence(), 1e-10),
            Checks.close("grid identity log p(x) = ELBO + KL (run from -)", minusRun.elbo() + klMinus, posterior.logEvidence(), 1e-10),
            Checks.nonDecreasing("ELBO of the run from +", plusRun.elboTrace(), 1e-12),
            Checks.nonDecreasing("ELBO of the run from -", minusRun.elboTrace(), 1e-12),
            Checks.close(prodInit == 0 ? "the two runs start alike (prod_init = 0): same KL" : "the two runs are mirror images: same KL",
                klPlus, klMinus, 1e-8),
            Checks.close("exact posterior mean of z1 (symmetric posterior)", posterior.mean()[0], 0.0, 1e-9),
            Checks.isTrue("KL(q, p) >= the data-processing bound with R = {z1 > 0}, both runs",
                klPlus >= boundPlus - 1e-12 * (1 + klPlus) && klMinus >= boundMinus - 1e-12 * (1 + klMinus)));
        return new TwoFits(pMass, plusMass, minusMass, klPlus, klMinus, boundPlus, boundMinus, checks);
    }

    /**
     * What the two fits of the non-Gaussian collider did, from the numbers: one mode or two (|x| against
     * v = s^2 + s_x^2), where each run ended and how much of q_1 lies on z_1 > 0, and what the
     * data-processing bound says about the KL.
     */
    public static Prose.Markdown modesProse(double x, double sProd, double sx, double prodInit, GridFactors qPlus,
            GridFactors qMinus, TwoFits fits) {
        double v = sProd * sProd + sx * sx;
        boolean twoModes = Math.abs(x) > v;
        double t = Math.sqrt(Math.max(Math.abs(x) - v, 0));
        double sdPlus = Math.sqrt(qPlus.variance(0));
        double qPlusPos = fits.plusMassPositive();
        double qMinusPos = fits.minusMassPositive();
        boolean same = Math.abs(qPlus.mean(0) - qMinus.mean(0)) <= 1e-6 * (1 + sdPlus);
        boolean onePlus = qPlusPos > 0.99 || qPlusPos < 0.01;
        boolean oneMinus = qMinusPos > 0.99 || qMinusPos < 0.01;
        String where = same
            ? "Both runs ended at the same $q$, with $\\mathbb E_q[z_1]$ = " + Prose.num(qPlus.mean(0)) + " and " + Prose.pct(qPlusPos, 1)
                + " of $q_1$ on $z_1 > 0$" + Prose.when(Math.abs(qPlus.mean(0)) < 0.05 * sdPlus, ": centred near 0, over both signs.", ".")
                + Prose.when(prodInit == 0 && Math.abs(qPlus.mean(0)) >= 0.05 * sdPlus,
                    " Both runs started on the symmetry $(z_1, z_2) \\mapsto (-z_1, -z_2)$, where exact updates keep $q_1$ and $q_2$ symmetric"
                    + " ($\\mathbb E[z_2] = 0$ leaves $\\mathbb E_{-1}[\\log p]$ even in $z_1$); rounding on the grid broke that balance, and the"
                    + " run went to one mode.")
            : "The run from + (started at " + Prose.num(prodInit) + ") ended with $\\mathbb E_q[z_1]$ = " + Prose.num(qPlus.mean(0)) + " and "
                + Prose.pct(qPlusPos, 1) + " of $q_1$ on $z_1 > 0$; the run from \u2212 (started at " + Prose.num(0.0 - prodInit)
                + ") with $\\mathbb E_q[z_1]$ = " + Prose.num(qMinus.mean(0)) + " and " + Prose.pct(qMinusPos, 1) + "."
                + Prose.when(onePlus && oneMinus, " Each fit covers one sign of $z_1$, one mode, and almost nothing of the other.");
        return Prose.markdown(
            "Here $|x|$ = " + Prose.num(Math.abs(x)) + Prose.when(twoModes,
                " > $v = s^2 + s_x^2$ = " + Prose.num(v) + ": the posterior has two modes, at \u00b1(" + Prose.num(t) + ", "
                    + Prose.num(Math.signum(x) * t) + ").",
                " \u2264 $v = s^2 + s_x^2$ = " + Prose.num(v) + ": the posterior has one mode, at the origin."),
            where,
            "On the grid the posterior gives $R = \\{z_1 > 0\\}$ the mass $p(R)$ = " + Prose.num(fits.posteriorMassPositive())
                + " (1/2 up to the node at 0, if any), and the bound above gives KL \u2265 " + Prose.num(fits.boundPlus())
                + " for the run from +, whose KL is " + Prose.num(fits.klPlus()) + "."
                + Prose.when(onePlus, " With $q$ almost entirely on one side the bound is close to log 2 = 0.6931: the price of covering one of two mirror halves.",
                    " With $q$ on both sides of 0 the bound says little; the KL comes from the shape $q$ cannot follow."),
            "In the table the exact column has no sweeps (it is computed, not iterated), hence the dash.");
    }

    /**
     * Where the mean-field ellipses of each pair lie against the exact ones: q's ellipse {d^T D d = r^2},
     * D = diag(1/var_q), lies inside the exact pair-marginal ellipse {d^T P d = r^2}, P the inverse of the
     * 2 x 2 block of the covariance, iff D - P is positive semi-definite; it crosses it iff D - P has a
     * negative eigenvalue.
     */
    public static Prose.Markdown ellipseContainment(double[][] exactCov, double[] mfVar, double s3, double sx) {
        if (exactCov == null || exactCov.length != 3) {
            throw new IllegalArgumentException("ColliderChecks exact covariance must be 3 x 3");
        }
        for (double[] row : exactCov) {
            Check.sameLength("ColliderChecks", "exact covariance row", Check.finiteVector("ColliderChecks", "exact covariance row", row).length,
                "number of latents", 3);
        }
        Check.sameLength("ColliderChecks", "mean-field variances", Check.positiveVector("ColliderChecks", "mean-field variances", mfVar).length,
            "number of latents", 3);
        Check.positive("ColliderChecks", "s3", s3);
        Check.positive("ColliderChecks", "sx", sx);
        String[] names = {"z_1", "z_2", "z_3"};
        int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
        List<String> sentences = new ArrayList<>();
        for (int[] pr : pairs) {
            int i = pr[0];
            int j = pr[1];
            double det = exactCov[i][i] * exactCov[j][j] - exactCov[i][j] * exactCov[i][j];
            double a = 1 / mfVar[i] - exactCov[j][j] / det;
            double c = 1 / mfVar[j] - exactCov[i][i] / det;
            double b = exactCov[i][j] / det;
            double lower = 0.5 * (a + c) - Math.hypot(0.5 * (a - c), b);
            double eps = 1e-9 * (Math.abs(a) + Math.abs(b) + Math.abs(c));
            String pair = "$(" + names[i] + ", " + names[j] + ")$";
            sentences.add(lower > eps ? "In the " + pair + " plot the mean-field ellipses lie strictly inside the exact ones."
                : lower >= -eps ? "In the " + pair + " plot the mean-field ellipses lie inside the exact ones and touch them in one direction."
                : "In the " + pair + " plot the mean-field ellipses cross the exact ones: too narrow in one direction, they stick out in another.");
        }
        sentences.add("For $(z_1, z_2)$ the rule is simple: the mean-field ellipse lies inside exactly when $s_x \\ge s_3$ (here $s_3$ = "
            + Prose.num(s3) + ", $s_x$ = " + Prose.num(sx) + "), because $D - P$ has the eigenvalues $1/s_3^2$ and"
            + " $(s_x^2 - s_3^2)/(s_3^2(s_3^2 + s_x^2))$.");
        return Prose.markdown(String.join(" ", sentences));
    }

    /** The exact posterior (grid) against the two mean-field fits: means, variances, KL, ELBO and sweeps. */
    public static Table productTable(ProductColliderModel.MirrorFits fits, double prodInit, TwoFits checked) {
        return productTable(fits.meanField(), fits.plus(), fits.minus(), prodInit, checked);
    }

    /** {@link #productTable(ProductColliderModel.MirrorFits, double, TwoFits)} from the pieces. */
    public static Table productTable(GridMeanField model, CaviResult<GridFactors> plusRun, CaviResult<GridFactors> minusRun,
            double prodInit, TwoFits fits) {
        GridPosterior posterior = model.posterior();
        double[] mean = posterior.mean();
        double[][] cov = posterior.covariance();
        GridFactors qPlus = plusRun.state();
        GridFactors qMinus = minusRun.state();
        return Table.create("Non-Gaussian collider: exact posterior against the two mean-field fits").addColumns(
            StringColumn.create("quantity", "E[z1]", "E[z2]", "E[z3]", "Var[z1]", "Var[z3]", "KL(q, p)", "ELBO", "sweeps (none: the exact posterior is not iterated)"),
            DoubleColumn.create("exact (grid)", mean[0], mean[1], mean[2], cov[0][0], cov[2][2], 0.0, posterior.logEvidence(), Double.NaN),
            DoubleColumn.create("mean field from + (start " + prodInit + ")", qPlus.mean(0), qPlus.mean(1), qPlus.mean(2), qPlus.variance(0),
                qPlus.variance(2), fits.klPlus(), plusRun.elbo(), plusRun.iterations()),
            DoubleColumn.create("mean field from - (start " + (0.0 - prodInit) + ")", qMinus.mean(0), qMinus.mean(1), qMinus.mean(2),
                qMinus.variance(0), qMinus.variance(2), fits.klMinus(), minusRun.elbo(), minusRun.iterations()));
    }
}
