package org.vworkbook.cavi;

import org.vworkbook.distributions.MultivariateNormal;
import org.vworkbook.util.Check;

/**
 * Problem C's Gaussian collider fitted two ways by CAVI, both from q = the prior (means 0, the prior
 * variances):
 *
 * <ul>
 *   <li>full mean field q(z1) q(z2) q(z3) ({@link GaussianMeanField#of}), which loses the explaining-away
 *       correlation of z1 and z2;
 *   <li>the structured q(z1, z2) q(z3) ({@link GaussianMeanField#ofBlocks} with blocks {0, 1} and {2}), which
 *       keeps it.
 * </ul>
 *
 * @param model the collider z1, z2 ~ N(0, 1), z3 | z ~ N(z1 + z2, s3^2), x | z3 ~ N(z3, sx^2)
 * @param meanField the full mean-field model
 * @param run its CAVI run
 * @param structured the structured model
 * @param structuredRun its CAVI run
 */
public record ColliderMeanFields(ColliderGaussianModel model, GaussianMeanField meanField,
        CaviResult<MeanFieldGaussianState> run, GaussianMeanField structured,
        CaviResult<MeanFieldGaussianState> structuredRun) {

    public ColliderMeanFields {
        Check.notNull("ColliderMeanFields", "model", model);
        Check.notNull("ColliderMeanFields", "meanField", meanField);
        Check.notNull("ColliderMeanFields", "run", run);
        Check.notNull("ColliderMeanFields", "structured", structured);
        Check.notNull("ColliderMeanFields", "structuredRun", structuredRun);
    }

    /** Both CAVI fits of the collider with standard deviations s3, sx and observation x. */
    public static ColliderMeanFields run(double s3, double sx, double x, CaviOptions options) {
        ColliderGaussianModel model = ColliderGaussianModel.of(s3, sx, x);
        GaussianMeanField mf = GaussianMeanField.of(model.joint());
        CaviResult<MeanFieldGaussianState> run = mf.run(new double[3], model.priorVariances(), options);
        GaussianMeanField structured = GaussianMeanField.ofBlocks(model.joint(), new int[] {0, 1}, new int[] {2});
        CaviResult<MeanFieldGaussianState> structuredRun = structured.run(new double[3], model.priorVariances(), options);
        return new ColliderMeanFields(model, mf, run, structured, structuredRun);
    }

    /** The exact posterior p(z | x). */
    public MultivariateNormal exact() {
        return model.posterior();
    }

    /** The mean-field q's state. */
    public MeanFieldGaussianState q() {
        return run.state();
    }

    /** The structured q(z1, z2) q(z3) as one Gaussian. */
    public MultivariateNormal structuredQ() {
        return structuredRun.state().asMultivariate();
    }

    /** KL(q_mf || p). */
    public double klMeanField() {
        return meanField.klToPosterior(run.state());
    }

    /** KL(q_structured || p). */
    public double klStructured() {
        return structured.klToPosterior(structuredRun.state());
    }

    /**
     * The exact posterior on a grid of {@code gridPoints} nodes per latent, each axis reaching 9 exact
     * standard deviations either side of the exact mean, as a grid mean-field model (the grid CAVI check of
     * the closed forms).
     */
    public GridMeanField onGrid(int gridPoints) {
        double[] mean = exact().mean();
        double[][] cov = exact().covariance();
        double[][] grids = new double[3][];
        for (int j = 0; j < 3; j++) {
            grids[j] = Grid.points(mean[j] - 9 * Math.sqrt(cov[j][j]), mean[j] + 9 * Math.sqrt(cov[j][j]), gridPoints);
        }
        return GridMeanField.of(GridPosterior.of((z1, z2, z3) -> model.logJoint(z1, z2, z3), grids[0], grids[1], grids[2]));
    }
}
