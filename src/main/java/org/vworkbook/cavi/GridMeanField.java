package org.vworkbook.cavi;

import org.vworkbook.util.Check;

/**
 * Mean-field CAVI on the grid of a {@link GridPosterior}: q(z) = prod_j q_j(z_j), each factor a
 * density tabulated on its latent's grid ({@link GridFactors}), for any model with two or three
 * scalar latents.
 *
 * <ul>
 *   <li><b>update</b> (Bishop 10.9): log q_j*(z_j) = E_{-j}[log p(x, z)] + const, where E_{-j} is the
 *       sum over the other axes weighted by their masses w_k q_k; the factor is normalised by
 *       log-sum-exp, sum_i w_j(i) q_j(i) = 1;
 *   <li><b>ELBO</b>: sum_z W q log p(x, z) - sum_j sum_i w_j q_j log q_j, and
 *       <b>KL(q, p)</b> = sum_z W q (log q - log p) against the grid posterior, so
 *       log Z = ELBO + KL holds on the grid exactly.
 * </ul>
 *
 * <p>With masses pi_j = w_j q_j these are the ELBO and the coordinate update of a discrete model on
 * the grid nodes, so each update maximises the grid ELBO in its factor and the ELBO trace never
 * decreases (runs go through {@link Cavi#run}, which checks it).
 *
 * <p>The stopping rule is the largest L1 distance sum_i w_j |q_j'(i) - q_j(i)| between successive
 * factors (twice the total-variation distance), compared with the tolerance.
 */
public final class GridMeanField implements CoordinateAscent<GridFactors> {
    private final GridPosterior p;
    private final int d;
    private final double[][] grids;
    private final double[][] weights;
    private final int n0;
    private final int n1;
    private final int n2;
    private final double[] logJoint;

    private GridMeanField(GridPosterior posterior) {
        this.p = posterior;
        this.d = posterior.d;
        this.grids = posterior.grids;
        this.weights = posterior.weights;
        this.n0 = posterior.n0;
        this.n1 = posterior.n1;
        this.n2 = posterior.n2;
        this.logJoint = posterior.logJoint;
    }

    /** The mean-field model on the grid and log joint of {@code posterior}. */
    public static GridMeanField of(GridPosterior posterior) {
        if (posterior == null) {
            throw new IllegalArgumentException("GridMeanField posterior must not be null");
        }
        return new GridMeanField(posterior);
    }

    /** The exact posterior on the same grid. */
    public GridPosterior posterior() {
        return p;
    }

    /** 2 or 3. */
    public int dimension() {
        return d;
    }

    /**
     * A starting state with Gaussian-shaped factors N(means[j], variances[j]) tabulated on the grids
     * and normalised there.
     */
    public GridFactors gaussianStart(double[] means, double[] variances) {
        double[] m = Check.finiteVector("GridMeanField", "means", means);
        double[] v = Check.positiveVector("GridMeanField", "variances", variances);
        Check.sameLength("GridMeanField", "means", m.length, "number of latents", d);
        Check.sameLength("GridMeanField", "variances", v.length, "number of latents", d);
        double[][] logs = new double[d][];
        for (int j = 0; j < d; j++) {
            logs[j] = new double[grids[j].length];
            for (int i = 0; i < logs[j].length; i++) {
                double c = grids[j][i] - m[j];
                logs[j][i] = -0.5 * c * c / v[j];
            }
        }
        return fromLogs(logs);
    }

    /**
     * A starting state from the user's factor densities (any non-negative values at the grid nodes,
     * normalised here).
     */
    public GridFactors factors(double[]... densities) {
        if (densities == null || densities.length != d) {
            throw new IllegalArgumentException("GridMeanField densities must have one array per latent (" + d + "), got "
                    + (densities == null ? "null" : densities.length));
        }
        double[][] logs = new double[d][];
        for (int j = 0; j < d; j++) {
            String name = "density q" + (j + 1);
            double[] q = Check.finiteVector("GridMeanField", name, densities[j]);
            Check.sameLength("GridMeanField", name, q.length, "grid z" + (j + 1), grids[j].length);
            logs[j] = new double[q.length];
            boolean any = false;
            for (int i = 0; i < q.length; i++) {
                if (q[i] < 0) {
                    throw new IllegalArgumentException("GridMeanField " + name + "[" + i + "] must be >= 0, got " + q[i]);
                }
                any |= q[i] > 0;
                logs[j][i] = Math.log(q[i]);
            }
            if (!any) {
                throw new IllegalArgumentException("GridMeanField " + name + " must be > 0 somewhere, got all zeros");
            }
        }
        return fromLogs(logs);
    }

    private GridFactors fromLogs(double[][] logs) {
        double[][] dens = new double[d][];
        for (int j = 0; j < d; j++) {
            dens[j] = normalise(logs[j], weights[j], j);
        }
        return new GridFactors(gridsCopy(), weightsCopy(), dens);
    }

    /** exp(f - max) / sum_i w_i exp(f_i - max): log-sum-exp normalisation of a log density on a grid. */
    private static double[] normalise(double[] logDensity, double[] w, int j) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logDensity) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("GridMeanField factor q" + (j + 1) + " has log density -infinity at every node:"
                    + " E_-j[log p] is -infinity there (the other factors sit where the joint is zero)");
        }
        double[] q = new double[logDensity.length];
        double z = 0;
        for (int i = 0; i < q.length; i++) {
            q[i] = Math.exp(logDensity[i] - max);
            z += w[i] * q[i];
        }
        for (int i = 0; i < q.length; i++) {
            q[i] /= z;
        }
        return q;
    }

    private double[][] gridsCopy() {
        double[][] g = new double[d][];
        for (int j = 0; j < d; j++) {
            g[j] = grids[j].clone();
        }
        return g;
    }

    private double[][] weightsCopy() {
        double[][] w = new double[d][];
        for (int j = 0; j < d; j++) {
            w[j] = weights[j].clone();
        }
        return w;
    }

    /** The masses pi_k(i) = w_k(i) q_k(i) on all three internal axes (the dummy axis has mass 1). */
    private double[][] masses(GridFactors q) {
        double[][] pi = new double[3][];
        for (int k = 0; k < 3; k++) {
            if (k < d) {
                pi[k] = new double[grids[k].length];
                for (int i = 0; i < pi[k].length; i++) {
                    pi[k][i] = q.mass(k, i);
                }
            } else {
                pi[k] = GridPosterior.DUMMY_WEIGHT;
            }
        }
        return pi;
    }

    /** E_{-j}[log p(x, z)] at every node of grid j: the sum over the other axes weighted by their masses. */
    public double[] expectedLogJointExcept(GridFactors q, int j) {
        checkFactors(q);
        checkLatent(j);
        double[][] pi = masses(q);
        double[] p0 = pi[0];
        double[] p1 = pi[1];
        double[] p2 = pi[2];
        double[] f = new double[grids[j].length];
        // Nodes the other factors give no mass are skipped, so 0 * (-infinity) never arises.
        for (int i0 = 0; i0 < n0; i0++) {
            for (int i1 = 0; i1 < n1; i1++) {
                int base = (i0 * n1 + i1) * n2;
                if (j == 2) {
                    double a = p0[i0] * p1[i1];
                    if (a != 0) {
                        for (int i2 = 0; i2 < n2; i2++) {
                            f[i2] += a * logJoint[base + i2];
                        }
                    }
                    continue;
                }
                double a = j == 0 ? p1[i1] : p0[i0];
                if (a == 0) {
                    continue;
                }
                double inner = innerSum(p2, base);
                f[j == 0 ? i0 : i1] += a * inner;
            }
        }
        return f;
    }

    /** sum_i2 p2[i2] L[base + i2], skipping zero masses. */
    private double innerSum(double[] p2, int base) {
        double s = 0;
        for (int i2 = 0; i2 < n2; i2++) {
            double w = p2[i2];
            if (w != 0) {
                s += w * logJoint[base + i2];
            }
        }
        return s;
    }

    /** Updates factor j alone: q_j proportional to exp E_{-j}[log p(x, z)], normalised on grid j. */
    public GridFactors updateFactor(GridFactors q, int j) {
        double[] f = expectedLogJointExcept(q, j);
        double[][] dens = new double[d][];
        for (int k = 0; k < d; k++) {
            dens[k] = k == j ? normalise(f, weights[j], j) : q.density(k);
        }
        return new GridFactors(gridsCopy(), weightsCopy(), dens);
    }

    @Override
    public GridFactors sweep(GridFactors state) {
        GridFactors q = state;
        for (int j = 0; j < d; j++) {
            q = updateFactor(q, j);
        }
        return q;
    }

    /** ELBO = sum_z W q log p(x, z) + sum_j entropy(q_j), both by the trapezoid rule. */
    @Override
    public double elbo(GridFactors q) {
        checkFactors(q);
        double[][] pi = masses(q);
        double energy = 0;
        for (int i0 = 0; i0 < n0; i0++) {
            for (int i1 = 0; i1 < n1; i1++) {
                double p01 = pi[0][i0] * pi[1][i1];
                if (p01 != 0) {
                    energy += p01 * innerSum(pi[2], (i0 * n1 + i1) * n2);
                }
            }
        }
        double entropy = 0;
        for (int j = 0; j < d; j++) {
            entropy += q.entropy(j);
        }
        return energy + entropy;
    }

    /** The largest L1 distance sum_i w_j(i) |q_j'(i) - q_j(i)| over the factors. */
    @Override
    public double change(GridFactors before, GridFactors after) {
        double max = 0;
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int i = 0; i < grids[j].length; i++) {
                s += weights[j][i] * Math.abs(after.densityAt(j, i) - before.densityAt(j, i));
            }
            max = Math.max(max, s);
        }
        return max;
    }

    /** Runs CAVI from {@code start} through {@link Cavi#run}. */
    public CaviResult<GridFactors> run(GridFactors start, CaviOptions options) {
        checkFactors(start);
        return Cavi.run(this, start, options);
    }

    /**
     * KL(q, p) = sum_z W q (log q - log p) over the grid, computed node by node from the exact
     * posterior on the grid (not from the ELBO). +infinity if q puts mass where p is zero.
     */
    public double klToPosterior(GridFactors q) {
        checkFactors(q);
        double[][] pi = masses(q);
        double[][] logq = new double[3][];
        for (int k = 0; k < 3; k++) {
            logq[k] = new double[pi[k].length];
            for (int i = 0; i < pi[k].length; i++) {
                logq[k][i] = k < d ? Math.log(q.densityAt(k, i)) : 0.0;
            }
        }
        double logEvidence = p.logEvidence;
        double kl = 0;
        for (int i0 = 0; i0 < n0; i0++) {
            for (int i1 = 0; i1 < n1; i1++) {
                double p01 = pi[0][i0] * pi[1][i1];
                if (p01 == 0) {
                    continue;
                }
                int base = (i0 * n1 + i1) * n2;
                for (int i2 = 0; i2 < n2; i2++) {
                    double mass = p01 * pi[2][i2];
                    if (mass == 0) {
                        continue;
                    }
                    double logP = logJoint[base + i2] - logEvidence;
                    kl += mass * (logq[0][i0] + logq[1][i1] + logq[2][i2] - logP);
                }
            }
        }
        return kl;
    }

    private void checkLatent(int j) {
        if (j < 0 || j >= d) {
            throw new IllegalArgumentException("GridMeanField latent index must be in 0.." + (d - 1) + ", got " + j);
        }
    }

    private void checkFactors(GridFactors q) {
        if (q == null) {
            throw new IllegalArgumentException("GridMeanField factors must not be null");
        }
        if (q.dimension() != d) {
            throw new IllegalArgumentException("GridMeanField factors must have " + d + " factors, got " + q.dimension());
        }
        for (int j = 0; j < d; j++) {
            if (!q.hasGrid(j, grids[j])) {
                throw new IllegalArgumentException("GridMeanField factors must live on this model's grids, factor q" + (j + 1)
                        + " has a different grid");
            }
        }
    }

    @Override
    public String toString() {
        return "GridMeanField on " + p;
    }
}
