package org.vworkbook.gmm;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.vworkbook.util.Check;
import org.vworkbook.util.Matrices;

/**
 * A data set drawn from a known Gaussian mixture, for the notebook, the tests and the benchmark.
 *
 * @param data the points
 * @param labels the component each point was drawn from
 * @param centres the true component means (K x D)
 */
public record SyntheticMixture(MixtureData data, int[] labels, double[][] centres) {
    private static final String NAME = "SyntheticMixture";

    public SyntheticMixture {
        if (data == null || labels == null || centres == null || centres.length == 0) {
            throw new IllegalArgumentException(NAME + " needs data, labels and at least one centre, got " + data + ", "
                    + (labels == null ? "null" : labels.length + " labels") + ", "
                    + (centres == null ? "null" : centres.length + " centres"));
        }
        Check.sameLength(NAME, "labels", labels.length, "data points", data.size());
        double[][] copy = new double[centres.length][];
        for (int c = 0; c < centres.length; c++) {
            copy[c] = Check.finiteVector(NAME, "centres[" + c + "]", centres[c]);
            Check.sameLength(NAME, "centres[" + c + "]", copy[c].length, "data dimension", data.dimension());
        }
        labels = labels.clone();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= copy.length) {
                throw new IllegalArgumentException(NAME + " labels[" + i + "] must be in [0, " + (copy.length - 1)
                        + "], got " + labels[i]);
            }
        }
        centres = copy;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public double[][] centres() {
        return Matrices.copy(centres);
    }

    /**
     * n points from k equally likely components in R^dimension, from Well19937c(seed). The centres sit
     * on a circle of radius {@code separation} in the first two coordinates (on a line when D = 1);
     * each component is a Gaussian with independent coordinates whose standard deviations are drawn
     * uniformly from [0.5, 1.0] and then rotated by a random angle in the first two coordinates.
     */
    public static SyntheticMixture generate(int n, int k, int dimension, double separation, long seed) {
        Check.atLeast(NAME, "n", n, 1);
        Check.atLeast(NAME, "k", k, 1);
        Check.atLeast(NAME, "dimension", dimension, 1);
        Check.nonNegative(NAME, "separation", separation); // 0: every centre at the origin
        RandomGenerator random = new Well19937c(seed);
        double[][] centres = new double[k][dimension];
        double[][] sd = new double[k][dimension];
        double[] angle = new double[k];
        for (int c = 0; c < k; c++) {
            double t = 2 * Math.PI * c / k;
            if (dimension == 1) {
                centres[c][0] = separation * c;
            } else {
                centres[c][0] = separation * Math.cos(t);
                centres[c][1] = separation * Math.sin(t);
            }
            for (int j = 0; j < dimension; j++) {
                sd[c][j] = 0.5 + 0.5 * random.nextDouble();
            }
            angle[c] = Math.PI * random.nextDouble();
        }
        double[][] points = new double[n][dimension];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(k);
            labels[i] = c;
            double[] e = new double[dimension];
            for (int j = 0; j < dimension; j++) {
                e[j] = sd[c][j] * random.nextGaussian();
            }
            if (dimension >= 2) {
                double cs = Math.cos(angle[c]);
                double sn = Math.sin(angle[c]);
                double e0 = cs * e[0] - sn * e[1];
                double e1 = sn * e[0] + cs * e[1];
                e[0] = e0;
                e[1] = e1;
            }
            for (int j = 0; j < dimension; j++) {
                points[i][j] = centres[c][j] + e[j];
            }
        }
        return new SyntheticMixture(MixtureData.of(points), labels, centres);
    }
}
