package org.vworkbook.cavi;

import org.vworkbook.distributions.Normal;
import org.vworkbook.util.Check;

/**
 * Problem C's model, non-Gaussian version: the sum z1 + z2 of the collider replaced by the product,
 *
 * <pre>
 *   z1, z2 ~ N(0, 1),   z3 | z1, z2 ~ N(z1 z2, s^2),   x | z3 ~ N(z3, sx^2)
 * </pre>
 *
 * with s and sx <b>standard deviations</b>. The posterior is symmetric under (z1, z2) -> (-z1, -z2) and
 * has two modes when |x| > s^2 + sx^2; it has no closed form, so it is computed on a grid
 * ({@link #posteriorOnGrid}).
 */
public final class ProductColliderModel {
    private final double s;
    private final double sx;
    private final double x;
    private final Normal prior = Normal.standard();

    private ProductColliderModel(double s, double sx, double x) {
        this.s = s;
        this.sx = sx;
        this.x = x;
    }

    /**
     * @param s standard deviation of z3 given z1, z2 (finite, > 0)
     * @param sx standard deviation of x given z3 (finite, > 0)
     * @param x the observation (finite)
     */
    public static ProductColliderModel of(double s, double sx, double x) {
        Check.positive("ProductColliderModel", "s", s);
        Check.positive("ProductColliderModel", "sx", sx);
        Check.finite("ProductColliderModel", "x", x);
        return new ProductColliderModel(s, sx, x);
    }

    /** log p(x, z) term by term: log N(z1|0,1) + log N(z2|0,1) + log N(z3|z1 z2, s^2) + log N(x|z3, sx^2). */
    public double logJoint(double z1, double z2, double z3) {
        return prior.logDensity(z1) + prior.logDensity(z2)
                + Normal.ofMeanVariance(z1 * z2, s * s).logDensity(z3) + Normal.ofMeanVariance(z3, sx * sx).logDensity(x);
    }

    /**
     * The posterior on a grid of {@code gridPoints} nodes per latent: z1 and z2 on
     * [-(4.5 + sqrt|x|), 4.5 + sqrt|x|] (the modes sit at +-sqrt(|x| - s^2 - sx^2)), z3 on
     * [min(x, 0) - pad, max(x, 0) + pad] with pad = 3 + 8 max(sx, s) (z3 lies between the prior's 0 and the
     * data's x, give or take its spreads).
     */
    public GridPosterior posteriorOnGrid(int gridPoints) {
        double halfWidth = 4.5 + Math.sqrt(Math.abs(x));
        double z3Pad = 3 + 8 * Math.max(sx, s);
        double[] cause = Grid.points(-halfWidth, halfWidth, gridPoints);
        return GridPosterior.of(this::logJoint, cause, cause,
                Grid.points(Math.min(x, 0) - z3Pad, Math.max(x, 0) + z3Pad, gridPoints));
    }

    /** Starting variances of the mean-field factors: 1, 1 (the prior's) and 1 + s^2. */
    public double[] startVariances() {
        return new double[] {1.0, 1.0, 1.0 + s * s};
    }

    /**
     * Grid mean-field CAVI on {@link #posteriorOnGrid} from two mirrored starts: q1, q2 at N(+init, 1) and at
     * N(-init, 1), q3 at N(x, 1 + s^2) in both. The posterior is symmetric under (z1, z2) -> (-z1, -z2), so the
     * two runs show whether mean field picks one mode and which.
     */
    public MirrorFits fitFromBothSides(int gridPoints, double init, CaviOptions options) {
        Check.finite("ProductColliderModel", "init", init);
        Check.notNull("ProductColliderModel", "options", options);
        GridMeanField meanField = GridMeanField.of(posteriorOnGrid(gridPoints));
        CaviResult<GridFactors> plus = meanField.run(meanField.gaussianStart(new double[] {init, init, x}, startVariances()), options);
        CaviResult<GridFactors> minus = meanField.run(meanField.gaussianStart(new double[] {-init, -init, x}, startVariances()), options);
        return new MirrorFits(meanField, plus, minus);
    }

    /**
     * The two mirrored grid mean-field runs of {@link #fitFromBothSides}.
     *
     * @param meanField the grid mean-field model (its {@code posterior()} is the exact posterior on the grid)
     * @param plus the run started at +init
     * @param minus the run started at -init
     */
    public record MirrorFits(GridMeanField meanField, CaviResult<GridFactors> plus, CaviResult<GridFactors> minus) {
        public MirrorFits {
            Check.notNull("MirrorFits", "meanField", meanField);
            Check.notNull("MirrorFits", "plus", plus);
            Check.notNull("MirrorFits", "minus", minus);
        }

        /** The exact posterior on the grid. */
        public GridPosterior posterior() {
            return meanField.posterior();
        }

        /** The fit started at +init. */
        public GridFactors qPlus() {
            return plus.state();
        }

        /** The fit started at -init. */
        public GridFactors qMinus() {
            return minus.state();
        }
    }
}
