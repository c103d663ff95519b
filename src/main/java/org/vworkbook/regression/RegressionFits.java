package org.vworkbook.regression;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.GaussianMeanField;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.distributions.Normal;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * Every fit of the Bayesian linear regression page (BLR): the exact posterior and evidence (Bishop 3.53-3.54,
 * 3.86), CAVI with one full-covariance block (exact after one update) and with the fully factorised family
 * (Bishop 10.1.1 on A m = h), variational Bayes with a Gamma hyperprior on alpha (Bishop 10.3), and the alpha
 * that maximises the evidence (Bishop 3.92).
 *
 * @param x the inputs used (given, or generated)
 * @param t the targets used
 * @param model the model with known precisions alpha, beta
 * @param oneBlock CAVI with one block from the prior N(0, alpha^-1 I)
 * @param meanField mean-field CAVI from m = 0 with the prior variances
 * @param variational the VB model with the hyperprior Gamma(a0, b0) on alpha
 * @param variationalRun its CAVI run
 * @param alphaEvidenceMax the evidence-maximising alpha (+infinity when the evidence rises all the way)
 * @param logEvidenceHyper log p(t) with the hyperprior, by quadrature over alpha
 */
public record RegressionFits(double[] x, double[] t, BayesianLinearRegression model,
        CaviResult<MeanFieldGaussianState> oneBlock, CaviResult<MeanFieldGaussianState> meanField,
        VariationalAlphaRegression variational, CaviResult<VariationalAlphaRegression.State> variationalRun,
        double alphaEvidenceMax, double logEvidenceHyper) {

    /**
     * Fits everything. With x and t both empty, n points are generated from w_true with noise precision beta and
     * the seed ({@link RegressionData#generate}).
     *
     * @throws IllegalArgumentException on mismatched or non-finite data, or any parameter outside its domain
     */
    public static RegressionFits fit(double[] x, double[] t, int n, double[] wTrue, long seed, int degree,
            double alpha, double beta, double a0, double b0, double tol, int maxIter) {
        Check.notNull("RegressionFits", "x", x);
        Check.notNull("RegressionFits", "t", t);
        RegressionData dataset = (x.length == 0 && t.length == 0) ? RegressionData.generate(n, wTrue, beta, seed) : null;
        double[] xs = dataset != null ? dataset.x() : x;
        double[] ts = dataset != null ? dataset.t() : t;
        BayesianLinearRegression model = BayesianLinearRegression.of(xs, ts, degree, alpha, beta);
        CaviOptions options = new CaviOptions(tol, maxIter);
        CaviResult<MeanFieldGaussianState> block = model.fullBlock(options);
        CaviResult<MeanFieldGaussianState> mf = model.meanField(new double[model.features()], options);
        VariationalAlphaRegression vb = model.withAlphaHyperprior(a0, b0);
        CaviResult<VariationalAlphaRegression.State> vbRun = vb.run(options);
        return new RegressionFits(xs, ts, model, block, mf, vb, vbRun, model.evidenceMaximisingAlpha(), vb.logEvidenceByQuadrature());
    }

    /** The exact posterior N(m_N, S_N). */
    public MultivariateNormal exact() {
        return model.posterior();
    }

    /** log p(t) by Bishop 3.86. */
    public double logEvidence() {
        return model.logEvidence();
    }

    /** log N(t | 0, I / beta + Phi Phi^T / alpha), the same evidence from the N-dimensional marginal. */
    public double logEvidenceDirect() {
        return model.targetMarginal().logDensity(t);
    }

    /** The one-block q after its one update (the exact posterior). */
    public MultivariateNormal oneBlockAfterOneUpdate() {
        return oneBlock.path().get(1).asMultivariate();
    }

    /** Where mean-field CAVI stopped. */
    public MeanFieldGaussianState meanFieldQ() {
        return meanField.state();
    }

    /** KL(q_mf, p(w | t)) in closed form. */
    public double meanFieldKl() {
        return model.joint().klToPosterior(meanFieldQ().asMultivariate());
    }

    /** KL at the mean-field fixed point, 1/2 (sum_j log A_jj - log |A|) ({@link GaussianMeanField#klAtOptimum}). */
    public double meanFieldKlAtOptimum() {
        return GaussianMeanField.of(model.joint()).klAtOptimum();
    }

    /** The exact marginal variances (S_N)_jj. */
    public double[] exactVariances() {
        double[][] s = exact().covariance();
        double[] v = new double[s.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = s[j][j];
        }
        return v;
    }

    /** The largest |A_jk| / sqrt(A_jj A_kk), j != k: 0 when A is diagonal (the posterior factorises). */
    public double featureCorrelation() {
        double[][] a = model.joint().precision();
        double c = 0;
        for (int j = 0; j < a.length; j++) {
            for (int k = 0; k < j; k++) {
                c = Math.max(c, Math.abs(a[j][k]) / Math.sqrt(a[j][j] * a[k][k]));
            }
        }
        return c;
    }

    /** A diagonal up to rounding (feature correlation below 1e-12): the factorised q is exact. */
    public boolean meanFieldExact() {
        return featureCorrelation() < 1e-12;
    }

    /** The eigenvalues of A = alpha I + beta Phi^T Phi. */
    public double[] precisionEigenvalues() {
        return new EigenDecomposition(new Array2DRowRealMatrix(model.joint().precision())).getRealEigenvalues();
    }

    /** cond(A), the ratio of its extreme eigenvalues. */
    public double conditionNumber() {
        double[] eig = precisionEigenvalues();
        return Arrays.stream(eig).max().getAsDouble() / Arrays.stream(eig).min().getAsDouble();
    }

    /** The rounding of anything computed by solving with A: 10 M eps cond(A). */
    public double solveRounding() {
        return 10 * model.features() * Math.ulp(1.0) * conditionNumber();
    }

    /** beta t^T t / 2, the size of the ELBO's terms that cancel. */
    public double halfBetaTt() {
        return 0.5 * model.beta() * Arrays.stream(t).map(v -> v * v).sum();
    }

    /** The relative rounding of an ELBO near log p(t): 1e-12 + solve rounding + 1e-14 beta t^T t / 2 / (1 + |log p(t)|). */
    public double elboSlack() {
        return 1e-12 + solveRounding() + 1e-14 * halfBetaTt() / (1 + Math.abs(logEvidence()));
    }

    /** The VB fit's q(w, alpha). */
    public VariationalAlphaRegression.State variationalQ() {
        return variationalRun.state();
    }

    /** Whether the evidence has a finite maximiser. */
    public boolean evidenceMaxFinite() {
        return Double.isFinite(alphaEvidenceMax);
    }

    /** log p(t | alpha) at its maximum; at alpha = infinity, w = 0 and t ~ N(0, I / beta). */
    public double logEvidenceAtMax() {
        double beta = model.beta();
        return evidenceMaxFinite() ? model.withPrecisions(alphaEvidenceMax, beta).logEvidence()
                : 0.5 * t.length * Math.log(beta / (2 * Math.PI)) - 0.5 * beta * Arrays.stream(t).map(v -> v * v).sum();
    }

    /** The predictive bands of the exact posterior and of mean field on a grid of inputs. */
    public PredictiveBands predictiveBands(double[] grid) {
        double[][] bands = new double[8][grid.length];
        MultivariateNormal exact = exact();
        double[][] exactCov = exact.covariance();
        MultivariateNormal mfJoint = meanFieldQ().asMultivariate();
        for (int i = 0; i < grid.length; i++) {
            Normal pe = model.predictive(exact, grid[i]);
            Normal pm = model.predictive(mfJoint, grid[i]);
            bands[0][i] = pe.mean();
            bands[1][i] = pe.mean() - 2 * pe.standardDeviation();
            bands[2][i] = pe.mean() + 2 * pe.standardDeviation();
            bands[3][i] = pm.mean();
            bands[4][i] = pm.mean() - 2 * pm.standardDeviation();
            bands[5][i] = pm.mean() + 2 * pm.standardDeviation();
            double[] f = BayesianLinearRegression.features(grid[i], model.degree());   // sd of y(x) = sqrt(phi^T S phi), without the noise
            bands[6][i] = Math.sqrt(Math.max(0, Matrices.dot(f, Matrices.multiply(exactCov, f))));
            bands[7][i] = Math.sqrt(Math.max(0, Matrices.dot(f, Matrices.multiply(meanFieldQ().asMultivariate().covariance(), f))));
        }
        return new PredictiveBands(grid.clone(), bands[0], bands[1], bands[2], bands[3], bands[4], bands[5], bands[6], bands[7]);
    }

    /**
     * The predictive N(m^T phi(x), 1/beta + phi^T S phi) of a new target under the exact posterior and under mean
     * field, as mean and mean -+ 2 sd, and the sd of y(x) = w^T phi(x) without the noise.
     */
    public record PredictiveBands(double[] grid, double[] exactMean, double[] exactLower, double[] exactUpper,
            double[] meanFieldMean, double[] meanFieldLower, double[] meanFieldUpper, double[] exactSd, double[] meanFieldSd) {
        public PredictiveBands {
            String n = "RegressionFits.PredictiveBands";
            grid = Check.finiteVector(n, "grid", grid);
            double[][] rows = {exactMean, exactLower, exactUpper, meanFieldMean, meanFieldLower, meanFieldUpper, exactSd, meanFieldSd};
            for (int r = 0; r < rows.length; r++) {
                Check.finiteVector(n, "band " + r, rows[r]);
                Check.sameLength(n, "band " + r, rows[r].length, "grid", grid.length);
            }
        }
    }

    /**
     * log p(t | alpha) on 121 values of alpha, evenly spaced in log alpha from e^-3 to e^2 times the evidence
     * maximum (or VB's E[alpha] when the maximum is at infinity).
     */
    public EvidenceCurve evidenceCurve() {
        double[] alphaGrid = new double[121];
        double[] curve = new double[alphaGrid.length];
        double centre = Math.log(evidenceMaxFinite() ? alphaEvidenceMax : variationalQ().alphaMean());
        for (int i = 0; i < alphaGrid.length; i++) {
            alphaGrid[i] = Math.exp(centre - 3 + 5.0 * i / (alphaGrid.length - 1));
            curve[i] = model.withPrecisions(alphaGrid[i], model.beta()).logEvidence();
        }
        return new EvidenceCurve(alphaGrid, curve);
    }

    /** log p(t | alpha) against alpha. */
    public record EvidenceCurve(double[] alpha, double[] logEvidence) {
        public EvidenceCurve {
            alpha = Check.positiveVector("RegressionFits.EvidenceCurve", "alpha", alpha);
            logEvidence = Check.finiteVector("RegressionFits.EvidenceCurve", "logEvidence", logEvidence);
            Check.sameLength("RegressionFits.EvidenceCurve", "alpha", alpha.length, "logEvidence", logEvidence.length);
        }
    }
}
