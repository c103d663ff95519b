package org.vworkbook.notebook;

import java.util.Arrays;
import java.util.List;
import org.vworkbook.cavi.CaviResult;
import org.vworkbook.cavi.MeanFieldGaussianState;
import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.numerics.GaussSeidel;
import org.vworkbook.regression.BayesianLinearRegression;
import org.vworkbook.regression.RegressionFits;
import org.vworkbook.regression.VariationalAlphaRegression;
import org.vworkbook.util.Matrices;

/**
 * The check lists of the Bayesian linear regression page (BLR), each returned as one block of text (a failing
 * check throws {@link Checks.CheckFailed}). Rounding allowances come from cond(A), A = alpha I + beta Phi^T Phi,
 * and from the size beta t^T t / 2 of the ELBO's cancelling terms ({@link RegressionFits#elboSlack}).
 */
public final class RegressionChecks {
    private RegressionChecks() {}

    /** log p(t) by Bishop 3.86 against the N-dimensional marginal of t and against the completed square. */
    public static String evidence(RegressionFits f) {
        double logEvidence = f.logEvidence();
        return Checks.all(
            Checks.close("log p(t) by Bishop 3.86 vs log N(t | 0, I/beta + Phi Phi^T/alpha)", logEvidence, f.logEvidenceDirect(),
                1e-9 * Math.max(1, Math.abs(logEvidence))),
            Checks.close("log p(t) by 3.86 vs the completed square of the joint", logEvidence, f.model().joint().logEvidence(),
                1e-9 * Math.max(1, Math.abs(logEvidence))));
    }

    /** One block: after one update the mean, covariance, KL and ELBO are the exact posterior's; later sweeps change nothing. */
    public static String oneBlock(RegressionFits f) {
        CaviResult<MeanFieldGaussianState> block = f.oneBlock();
        MultivariateNormal qBlock = f.oneBlockAfterOneUpdate();
        MultivariateNormal exact = f.exact();
        double[][] exactCov = exact.covariance();
        double solveRounding = f.solveRounding();
        double logEvidence = f.logEvidence();
        double klBlock = f.model().joint().klToPosterior(qBlock);
        double maxCovError = 0;
        double covScale = 0;
        for (int i = 0; i < exactCov.length; i++) {
            for (int j = 0; j < exactCov.length; j++) {
                maxCovError = Math.max(maxCovError, Math.abs(qBlock.covariance(i, j) - exactCov[i][j]));
                covScale = Math.max(covScale, Math.abs(exactCov[i][j]));
            }
        }
        return Checks.all(
            Checks.close("one-block mean after one update vs m_N (rounding: cond(A) = " + Html.number(f.conditionNumber()) + ")", qBlock.mean(), exact.mean(),
                (1e-12 + solveRounding) * Math.max(1, Arrays.stream(exact.mean()).map(Math::abs).max().getAsDouble())),
            Checks.close("one-block covariance after one update vs S_N (largest entry error)", maxCovError, 0.0, (1e-12 + solveRounding) * covScale),
            Checks.close("KL(q_block, exact) after one update", klBlock, 0.0, 1e-10 + solveRounding),
            Checks.close("ELBO after one update vs log p(t)", block.elboTrace()[1], logEvidence, 1e-9 * Math.max(1, Math.abs(logEvidence)) + solveRounding),
            Checks.isTrue("the second sweep changes nothing (" + block.iterations() + " sweeps, converged = " + block.converged() + ")",
                block.iterations() < 2 || (block.elboTrace()[2] == block.elboTrace()[1]
                    && Arrays.equals(block.path().get(2).means(), qBlock.mean()))),
            Checks.nonDecreasing("one-block ELBO", block.elboTrace(), f.elboSlack()));
    }

    /**
     * Mean field: the means within the Gauss-Seidel bound of m_N, the variances 1 / A_jj, each below (S_N)_jj,
     * KL = 1/2 (sum_j log A_jj - log |A|) + 1/2 (m - m_N)^T A (m - m_N), KL >= 0, ELBO + KL = log p(t), the ELBO never down.
     */
    public static String meanField(RegressionFits f) {
        CaviResult<MeanFieldGaussianState> mf = f.meanField();
        MeanFieldGaussianState qMf = f.meanFieldQ();
        MultivariateNormal exact = f.exact();
        BayesianLinearRegression model = f.model();
        double[][] precisionA = model.joint().precision();
        double[] exactVar = f.exactVariances();
        double mfKl = f.meanFieldKl();
        double logEvidence = f.logEvidence();
        double elboSlack = f.elboSlack();
        double[] oneOverAjj = new double[model.features()];
        for (int j = 0; j < model.features(); j++) {
            oneOverAjj[j] = 1.0 / precisionA[j][j];
        }
        double klClosed = f.meanFieldKlAtOptimum();
        double cond = f.conditionNumber();
        double scale = Math.max(1, Arrays.stream(exact.mean()).map(Math::abs).max().getAsDouble());
        double roundOff = 1e-13 * cond * scale;   // rounding of m_N and of the sweeps, relative to cond(A)
        List<MeanFieldGaussianState> mfPath = mf.path();
        double bound = GaussSeidel.errorBound(precisionA, mfPath.get(mfPath.size() - 2).means(), qMf.means());
        double[] meanErr = new double[model.features()];
        for (int j = 0; j < model.features(); j++) {
            meanErr[j] = qMf.mean(j) - exact.mean(j);
        }
        double meanErrorEnergy = Matrices.dot(meanErr, Matrices.multiply(precisionA, meanErr));
        double varianceSlack = 1e-12 + 1e-15 * cond;   // relative rounding of (S_N)_jj computed by inverting A
        boolean allSmaller = true;
        for (int j = 0; j < model.features(); j++) {
            allSmaller &= qMf.variance(j) <= exactVar[j] * (1 + varianceSlack);
        }
        return Checks.all(
            new Checks.Outcome((mf.converged() ? "mean-field CAVI converged in " : "mean-field CAVI stopped at max_iter = ") + mf.iterations()
                + " sweeps" + (mf.converged() ? "" : " (converged = false)")),
            Checks.close("mean-field means vs m_N, within the Gauss-Seidel bound q/(1-q) |d|_A / sqrt(lambda_min) = " + Html.number(bound)
                + " (q = " + Html.number(GaussSeidel.energyContraction(precisionA)) + ") plus rounding",
                qMf.means(), exact.mean(), bound + roundOff),
            Checks.close("mean-field variances vs 1 / A_jj", qMf.variances(), oneOverAjj, 1e-15),
            Checks.isTrue("every mean-field variance <= the exact marginal variance (S_N)_jj, up to a relative rounding of " + Html.number(varianceSlack), allSmaller),
            Checks.close("KL(q_mf, exact) vs 1/2 (sum_j log A_jj - log|A|) + 1/2 (m - m_N)^T A (m - m_N) (the fixed point's value plus the means' error)",
                mfKl, klClosed + 0.5 * meanErrorEnergy, 1e-9 * Math.max(1, klClosed) + f.solveRounding()),
            Checks.nonNegative("KL(q_mf, exact)", mfKl, 1e-12),
            Checks.close("mean-field ELBO + KL vs log p(t)", mf.elbo() + mfKl, logEvidence, (1e-8 + elboSlack) * Math.max(1, Math.abs(logEvidence))),
            Checks.nonDecreasing("mean-field ELBO (up to rounding: relative " + Html.number(elboSlack) + ", from cond(A) and beta t^T t)", mf.elboTrace(), elboSlack));
    }

    /**
     * Variational Bayes with the hyperprior: E[alpha] = (a0 + M/2) / (b0 + (m^T m + tr S)/2) (Bishop 10.3), q(w)'s mean
     * against the known-alpha posterior at alpha = E[alpha] within the last sweep's lag, the VB ELBO below log p(t)
     * with the hyperprior, and never down.
     */
    public static String variational(RegressionFits f) {
        CaviResult<VariationalAlphaRegression.State> vbRun = f.variationalRun();
        VariationalAlphaRegression.State qVb = f.variationalQ();
        BayesianLinearRegression model = f.model();
        double vbAlphaMean = qVb.alphaMean();
        double[] vbMean = qVb.weights().mean();
        double a0 = f.variational().a0();
        double b0 = f.variational().b0();
        double logEvidenceHyper = f.logEvidenceHyper();
        double[] eigA = f.precisionEigenvalues();
        double secondMoment = 0;
        for (int j = 0; j < model.features(); j++) {
            secondMoment += vbMean[j] * vbMean[j] + qVb.weights().covariance(j, j);
        }
        // q(w) was updated with the E[alpha] of the previous state; m(a1) - m(a2) = (a2 - a1) S(a1) m(a2) and |S(a1)| <= 1/a1
        List<VariationalAlphaRegression.State> vbPath = vbRun.path();
        double alphaBefore = vbPath.get(vbPath.size() - 2).alphaMean();
        double[] meanAtAlpha = model.withPrecisions(vbAlphaMean, model.beta()).posterior().mean();
        // the same rounding allowance for VB's own ELBO level and its own matrix E[alpha] I + beta Phi^T Phi
        double lamMax = Arrays.stream(eigA).max().getAsDouble() - model.alpha();
        double lamMin = Math.max(0, Arrays.stream(eigA).min().getAsDouble() - model.alpha());
        double vbSlack = 1e-12 + 10 * model.features() * Math.ulp(1.0) * (vbAlphaMean + lamMax) / (vbAlphaMean + lamMin)
            + 1e-14 * f.halfBetaTt() / (1 + Math.abs(vbRun.elbo()));
        double lag = Math.abs(vbAlphaMean - alphaBefore) / alphaBefore * Math.sqrt(Matrices.dot(meanAtAlpha, meanAtAlpha));
        return Checks.all(
            new Checks.Outcome(vbRun.converged() ? "VB converged in " + vbRun.iterations() + " sweeps"
                : "VB stopped at max_iter = " + (vbRun.iterations()) + " sweeps (converged = false)"),
            Checks.close("E[alpha] vs (a0 + M/2) / (b0 + (m^T m + tr S)/2)", vbAlphaMean,
                (a0 + 0.5 * model.features()) / (b0 + 0.5 * secondMoment), 1e-9 * vbAlphaMean),
            Checks.close("q(w) mean vs the known-alpha posterior mean at alpha = E[alpha], within |change of E[alpha]| / E[alpha]_before |m| = "
                + Html.number(lag) + " (the last sweep's lag)", vbMean, meanAtAlpha, lag + 1e-9 * Math.max(1, Math.sqrt(Matrices.dot(meanAtAlpha, meanAtAlpha)))),
            Checks.isTrue("VB ELBO " + Html.number(vbRun.elbo()) + " <= log p(t) with the hyperprior " + Html.number(logEvidenceHyper),
                vbRun.elbo() <= logEvidenceHyper + 1e-9 * Math.max(1, Math.abs(logEvidenceHyper))),
            Checks.nonDecreasing("VB ELBO (up to rounding: relative " + Html.number(vbSlack) + ")", vbRun.elboTrace(), vbSlack));
    }
}
