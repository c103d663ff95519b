package org.vworkbook.vae;

import static org.vworkbook.numerics.Constants.LOG_2PI;
import org.apache.commons.math3.random.RandomGenerator;
import org.vworkbook.util.Check;

/**
 * A variational autoencoder with a {@link DiagonalGaussianEncoder} and a {@link LinearGaussianDecoder},
 * held as one flat parameter vector (the layout of {@link #parameters()}):
 *
 * <pre>
 *   [ W (D x L, row by row) | b (D) | tau = log sigma2 | A (L x D, row by row) | a (L) | C (L x D) | c (L) ]
 * </pre>
 *
 * <p><b>The ELBO of one point</b>, with mu = A x + a, v = exp(C x + c), r = x - b - W mu, s = sigma2
 * and w_j the j-th column of W, in closed form (the expectation of a quadratic under a Gaussian):
 *
 * <pre>
 *   ELBO(x) = -D/2 log(2 pi s) - (|r|^2 + sum_j v_j |w_j|^2) / (2 s)              E_q[log p(x | z)]
 *             - 1/2 sum_j (v_j + mu_j^2 - 1 - log v_j)                             - KL(q(z | x), N(0, I))
 * </pre>
 *
 * Its exact gradient ({@link #elboGradient}):
 *
 * <pre>
 *   d/d mu        = W^T r / s - mu                  d/dA = (d/d mu) x^T,   d/da = d/d mu
 *   d/d log v_j   = 1/2 - v_j/2 - v_j |w_j|^2/(2 s) d/dC = (d/d log v) x^T, d/dc = d/d log v
 *   d/dW          = (r mu^T - W diag(v)) / s        d/db = r / s
 *   d/d tau       = -D/2 + (|r|^2 + sum_j v_j |w_j|^2) / (2 s)
 * </pre>
 *
 * <p><b>The reparameterised estimator</b> of one point and one draw eps ~ N(0, I): z = mu + sqrt(v) eps,
 * r_z = x - b - W z, f(eps) = -D/2 log(2 pi s) - |r_z|^2 / (2 s) - KL(q(z | x), N(0, I)), whose
 * gradient ({@link #reparameterisedGradient}) is, with g_z = W^T r_z / s,
 *
 * <pre>
 *   d/d mu = g_z - mu,  d/d log v_j = g_z,j eps_j sqrt(v_j) / 2 - (v_j - 1) / 2,
 *   d/dW = r_z z^T / s, d/db = r_z / s, d/d tau = -D/2 + |r_z|^2 / (2 s).
 * </pre>
 *
 * E[f(eps)] = ELBO(x) and E[grad f] = grad ELBO (the tests check both).
 */
public final class LinearVae {
    private final int latentDimension;
    private final int observedDimension;
    private final double[] theta;

    private LinearVae(int latentDimension, int observedDimension, double[] theta) {
        this.latentDimension = latentDimension;
        this.observedDimension = observedDimension;
        this.theta = theta;
    }

    /** The number of parameters for L latent and D observed dimensions: 3 D L + D + 1 + 2 L. */
    public static int parameterCount(int latentDimension, int observedDimension) {
        return 3 * observedDimension * latentDimension + observedDimension + 1 + 2 * latentDimension;
    }

    /** A VAE from its flat parameter vector (layout in the class comment). */
    public static LinearVae ofParameters(int latentDimension, int observedDimension, double[] parameters) {
        Check.atLeast("LinearVae", "latentDimension", latentDimension, 1);
        Check.atLeast("LinearVae", "observedDimension", observedDimension, 1);
        double[] p = Check.finiteVector("LinearVae", "parameters", parameters);
        Check.sameLength("LinearVae", "parameters", p.length, "parameter count",
                parameterCount(latentDimension, observedDimension));
        return new LinearVae(latentDimension, observedDimension, p);
    }

    /** A VAE joining a decoder and an encoder of matching sizes. */
    public static LinearVae of(LinearGaussianDecoder decoder, DiagonalGaussianEncoder encoder) {
        if (decoder == null || encoder == null) {
            throw new IllegalArgumentException("LinearVae decoder and encoder must not be null");
        }
        int l = decoder.latentDimension();
        int d = decoder.observedDimension();
        Check.sameLength("LinearVae", "encoder latent dimension", encoder.latentDimension(), "decoder latent dimension", l);
        Check.sameLength("LinearVae", "encoder observed dimension", encoder.observedDimension(),
                "decoder observed dimension", d);
        double[] p = new double[parameterCount(l, d)];
        int k = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < l; j++) {
                p[k++] = decoder.weight(i, j);
            }
        }
        double[] b = decoder.bias();
        for (int i = 0; i < d; i++) {
            p[k++] = b[i];
        }
        p[k++] = Math.log(decoder.noiseVariance());
        k = copyRows(encoder.meanWeights(), p, k);
        k = copy(encoder.meanBias(), p, k);
        k = copyRows(encoder.logVarianceWeights(), p, k);
        copy(encoder.logVarianceBias(), p, k);
        return new LinearVae(l, d, p);
    }

    private static int copyRows(double[][] m, double[] p, int k) {
        for (double[] row : m) {
            k = copy(row, p, k);
        }
        return k;
    }

    private static int copy(double[] v, double[] p, int k) {
        System.arraycopy(v, 0, p, k, v.length);
        return k + v.length;
    }

    /**
     * The starting point of training: W with independent N(0, initScale^2) entries (drawn row by row
     * from {@code random}), b = 0, sigma2 = 1, and the encoder q(z | x) = N(0, I) for every x
     * (A = 0, a = 0, C = 0, c = 0).
     */
    public static LinearVae initial(int latentDimension, int observedDimension, double initScale, RandomGenerator random) {
        Check.atLeast("LinearVae", "latentDimension", latentDimension, 1);
        Check.atLeast("LinearVae", "observedDimension", observedDimension, 1);
        Check.positive("LinearVae", "initScale", initScale);
        LinearGaussianDecoder.requireRandom(random);
        double[] p = new double[parameterCount(latentDimension, observedDimension)];
        for (int k = 0; k < observedDimension * latentDimension; k++) {
            p[k] = initScale * random.nextGaussian();
        }
        return new LinearVae(latentDimension, observedDimension, p);
    }

    public int latentDimension() {
        return latentDimension;
    }

    public int observedDimension() {
        return observedDimension;
    }

    /** A copy of the flat parameter vector. */
    public double[] parameters() {
        return theta.clone();
    }

    // offsets into theta
    private int offB() {
        return observedDimension * latentDimension;
    }

    private int offTau() {
        return offB() + observedDimension;
    }

    private int offA() {
        return offTau() + 1;
    }

    private int offMeanBias() {
        return offA() + latentDimension * observedDimension;
    }

    private int offC() {
        return offMeanBias() + latentDimension;
    }

    private int offLogVarBias() {
        return offC() + latentDimension * observedDimension;
    }

    private double w(int i, int j) {
        return theta[i * latentDimension + j];
    }

    /** The decoder part. */
    public LinearGaussianDecoder decoder() {
        double[][] w = new double[observedDimension][latentDimension];
        for (int i = 0; i < observedDimension; i++) {
            for (int j = 0; j < latentDimension; j++) {
                w[i][j] = w(i, j);
            }
        }
        double[] b = new double[observedDimension];
        System.arraycopy(theta, offB(), b, 0, observedDimension);
        return LinearGaussianDecoder.of(w, b, Math.exp(theta[offTau()]));
    }

    /** The encoder part. */
    public DiagonalGaussianEncoder encoder() {
        double[][] a = new double[latentDimension][observedDimension];
        double[][] c = new double[latentDimension][observedDimension];
        for (int j = 0; j < latentDimension; j++) {
            System.arraycopy(theta, offA() + j * observedDimension, a[j], 0, observedDimension);
            System.arraycopy(theta, offC() + j * observedDimension, c[j], 0, observedDimension);
        }
        double[] ab = new double[latentDimension];
        double[] cb = new double[latentDimension];
        System.arraycopy(theta, offMeanBias(), ab, 0, latentDimension);
        System.arraycopy(theta, offLogVarBias(), cb, 0, latentDimension);
        return DiagonalGaussianEncoder.of(a, ab, c, cb);
    }

    private double[] checkX(double[] x) {
        double[] c = Check.finiteVector("LinearVae", "x", x);
        Check.sameLength("LinearVae", "x", c.length, "observed dimension", observedDimension);
        return c;
    }

    /** mu = A x + a and log v = C x + c. */
    private void encode(double[] x, double[] mu, double[] logV) {
        for (int j = 0; j < latentDimension; j++) {
            double m = theta[offMeanBias() + j];
            double lv = theta[offLogVarBias() + j];
            int rowA = offA() + j * observedDimension;
            int rowC = offC() + j * observedDimension;
            for (int k = 0; k < observedDimension; k++) {
                m += theta[rowA + k] * x[k];
                lv += theta[rowC + k] * x[k];
            }
            mu[j] = m;
            logV[j] = lv;
        }
    }

    /** KL(N(mu, diag v), N(0, I)) = 1/2 sum_j (v_j + mu_j^2 - 1 - log v_j). */
    private static double klToPrior(double[] mu, double[] logV) {
        double kl = 0;
        for (int j = 0; j < mu.length; j++) {
            kl += 0.5 * (Math.expm1(logV[j]) - logV[j] + mu[j] * mu[j]);
        }
        return kl;
    }

    /** The ELBO of one observation, in closed form (class comment). */
    public double elbo(double[] x) {
        return elboAndGradient(checkX(x), null);
    }

    /** The exact gradient of {@link #elbo} in the flat parameter layout. */
    public double[] elboGradient(double[] x) {
        double[] g = new double[theta.length];
        elboAndGradient(checkX(x), g);
        return g;
    }

    /** Adds the gradient of the ELBO of x into {@code grad} (if not null), scaled by 1; returns the ELBO. */
    private double elboAndGradient(double[] x, double[] grad) {
        int l = latentDimension;
        int d = observedDimension;
        double s = Math.exp(theta[offTau()]);
        double[] mu = new double[l];
        double[] logV = new double[l];
        encode(x, mu, logV);
        double[] v = new double[l];
        double[] colSq = new double[l];
        for (int j = 0; j < l; j++) {
            v[j] = Math.exp(logV[j]);
        }
        double[] r = new double[d];
        double rr = 0;
        for (int i = 0; i < d; i++) {
            double e = x[i] - theta[offB() + i];
            for (int j = 0; j < l; j++) {
                e -= w(i, j) * mu[j];
                colSq[j] += w(i, j) * w(i, j);
            }
            r[i] = e;
            rr += e * e;
        }
        double spread = 0;
        for (int j = 0; j < l; j++) {
            spread += v[j] * colSq[j];
        }
        double elbo = -0.5 * d * (LOG_2PI + theta[offTau()]) - (rr + spread) / (2 * s) - klToPrior(mu, logV);
        if (grad != null) {
            double[] gMu = new double[l];
            double[] gLogV = new double[l];
            for (int j = 0; j < l; j++) {
                double wr = 0;
                for (int i = 0; i < d; i++) {
                    wr += w(i, j) * r[i];
                }
                gMu[j] = wr / s - mu[j];
                gLogV[j] = 0.5 - 0.5 * v[j] - v[j] * colSq[j] / (2 * s);
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < l; j++) {
                    grad[i * l + j] += (r[i] * mu[j] - w(i, j) * v[j]) / s;
                }
                grad[offB() + i] += r[i] / s;
            }
            grad[offTau()] += -0.5 * d + (rr + spread) / (2 * s);
            addEncoderGradient(x, gMu, gLogV, grad);
        }
        return elbo;
    }

    private void addEncoderGradient(double[] x, double[] gMu, double[] gLogV, double[] grad) {
        for (int j = 0; j < latentDimension; j++) {
            int rowA = offA() + j * observedDimension;
            int rowC = offC() + j * observedDimension;
            for (int k = 0; k < observedDimension; k++) {
                grad[rowA + k] += gMu[j] * x[k];
                grad[rowC + k] += gLogV[j] * x[k];
            }
            grad[offMeanBias() + j] += gMu[j];
            grad[offLogVarBias() + j] += gLogV[j];
        }
    }

    /** The single-draw reparameterised ELBO estimate f(eps) of one observation (class comment). */
    public double reparameterisedElbo(double[] x, double[] eps) {
        return reparameterisedAndGradient(checkX(x), checkEps(eps), null);
    }

    /** The gradient of {@link #reparameterisedElbo} for a fixed draw eps. */
    public double[] reparameterisedGradient(double[] x, double[] eps) {
        double[] g = new double[theta.length];
        reparameterisedAndGradient(checkX(x), checkEps(eps), g);
        return g;
    }

    private double[] checkEps(double[] eps) {
        double[] e = Check.finiteVector("LinearVae", "eps", eps);
        Check.sameLength("LinearVae", "eps", e.length, "latent dimension", latentDimension);
        return e;
    }

    private double reparameterisedAndGradient(double[] x, double[] eps, double[] grad) {
        int l = latentDimension;
        int d = observedDimension;
        double s = Math.exp(theta[offTau()]);
        double[] mu = new double[l];
        double[] logV = new double[l];
        encode(x, mu, logV);
        double[] sd = new double[l];
        double[] z = new double[l];
        for (int j = 0; j < l; j++) {
            sd[j] = Math.exp(0.5 * logV[j]);
            z[j] = mu[j] + sd[j] * eps[j];
        }
        double[] r = new double[d];
        double rr = 0;
        for (int i = 0; i < d; i++) {
            double e = x[i] - theta[offB() + i];
            for (int j = 0; j < l; j++) {
                e -= w(i, j) * z[j];
            }
            r[i] = e;
            rr += e * e;
        }
        double f = -0.5 * d * (LOG_2PI + theta[offTau()]) - rr / (2 * s) - klToPrior(mu, logV);
        if (grad != null) {
            double[] gMu = new double[l];
            double[] gLogV = new double[l];
            for (int j = 0; j < l; j++) {
                double gz = 0;
                for (int i = 0; i < d; i++) {
                    gz += w(i, j) * r[i];
                }
                gz /= s;
                gMu[j] = gz - mu[j];
                gLogV[j] = 0.5 * gz * eps[j] * sd[j] - 0.5 * Math.expm1(logV[j]);
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < l; j++) {
                    grad[i * l + j] += r[i] * z[j] / s;
                }
                grad[offB() + i] += r[i] / s;
            }
            grad[offTau()] += -0.5 * d + rr / (2 * s);
            addEncoderGradient(x, gMu, gLogV, grad);
        }
        return f;
    }

    /** The ELBO averaged over the rows of {@code data}. */
    public double meanElbo(double[][] data) {
        checkData(data);
        double sum = 0;
        for (double[] x : data) {
            sum += elboAndGradient(checkX(x), null);
        }
        return sum / data.length;
    }

    /**
     * The gradient of the mean ELBO over the rows of {@code data} by the chosen estimator; for
     * {@link EncoderGradient#REPARAMETERISATION}, {@code samples} draws per row from {@code random}
     * (unused for ANALYTIC, may then be null). Writes the gradient into {@code gradient}; returns the
     * estimate of the mean ELBO that goes with it (exact for ANALYTIC).
     */
    public double meanElboGradient(double[][] data, EncoderGradient estimator, int samples, RandomGenerator random,
            double[] gradient) {
        checkData(data);
        if (estimator == null) {
            throw new IllegalArgumentException("LinearVae estimator must not be null");
        }
        Check.sameLength("LinearVae", "gradient", gradient.length, "parameter count", theta.length);
        java.util.Arrays.fill(gradient, 0.0);
        double sum = 0;
        if (estimator == EncoderGradient.ANALYTIC) {
            for (double[] x : data) {
                sum += elboAndGradient(checkX(x), gradient);
            }
            scale(gradient, 1.0 / data.length);
            return sum / data.length;
        }
        Check.atLeast("LinearVae", "samples", samples, 1);
        LinearGaussianDecoder.requireRandom(random);
        double[] eps = new double[latentDimension];
        for (double[] x : data) {
            double[] xc = checkX(x);
            for (int m = 0; m < samples; m++) {
                for (int j = 0; j < latentDimension; j++) {
                    eps[j] = random.nextGaussian();
                }
                sum += reparameterisedAndGradient(xc, eps, gradient);
            }
        }
        double n = (double) data.length * samples;
        scale(gradient, 1.0 / n);
        return sum / n;
    }

    private static void scale(double[] v, double c) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= c;
        }
    }

    private void checkData(double[][] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("LinearVae data must have at least one row");
        }
    }

    /** The largest |log variance| {@link #representable} allows (variances, their squares and reciprocals stay normal doubles). */
    public static final double MAX_ABS_LOG_VARIANCE = 300;

    /**
     * Whether every quantity the notebooks compute from this VAE on {@code data} is representable in
     * double precision: |log sigma2| and every encoder |log variance| (C x + c)_j are at most
     * {@link #MAX_ABS_LOG_VARIANCE}, so that the variances, their squares and their reciprocals (as the
     * Gaussian KL and the Cholesky factorisations form them) neither under- nor overflow, and the mean
     * ELBO is finite. Too large a learning rate leaves this range within a few steps.
     */
    public boolean representable(double[][] data) {
        checkData(data);
        if (!(Math.abs(theta[offTau()]) <= MAX_ABS_LOG_VARIANCE)) {
            return false;
        }
        double[] mu = new double[latentDimension];
        double[] logV = new double[latentDimension];
        for (double[] x : data) {
            encode(checkX(x), mu, logV);
            for (int j = 0; j < latentDimension; j++) {
                if (!(Math.abs(logV[j]) <= MAX_ABS_LOG_VARIANCE && Double.isFinite(mu[j]))) {
                    return false;
                }
            }
        }
        return Double.isFinite(meanElbo(data));
    }

    /** A VAE with the same sizes and new parameters. */
    public LinearVae withParameters(double[] parameters) {
        return ofParameters(latentDimension, observedDimension, parameters);
    }
}
