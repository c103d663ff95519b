package org.vworkbook.divergence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vworkbook.distributions.GaussianMixture1D;
import org.vworkbook.distributions.Normal;
import org.vworkbook.numerics.FiniteDifference;
import org.vworkbook.util.Check;

/**
 * The Gaussian fits q = N(m, v) to a 1-D mixture p in both directions: the forward fit (moment
 * matching, and the same found by gradient descent on KL(p, q) with every expectation by quadrature),
 * and one reverse fit (a local minimum of KL(q, p)) from each start mean, with variance 1.
 *
 * <p>A reverse fit is flagged a <b>saddle</b> when its gradient vanishes but moving the mean by
 * h = 1e-3 sd either way, with the best variance for that mean ({@link ReverseKL#profileOverVariance}),
 * lowers the KL by more than rounding: a stationary point that symmetry holds, not a minimum.
 *
 * @param p the target
 * @param reverseInits the start means of the reverse fits
 * @param forward the forward fit, by moment matching
 * @param forwardByGradientDescent the forward fit by gradient descent from (reverseInits[0], 1)
 * @param reverse the reverse fit from each start
 * @param saddle whether each reverse fit is a saddle
 */
public record MixtureFits(GaussianMixture1D p, double[] reverseInits, Normal forward, GaussianFit forwardByGradientDescent,
        List<GaussianFit> reverse, List<Boolean> saddle) {
    public MixtureFits {
        reverseInits = reverseInits.clone();
        reverse = List.copyOf(reverse);
        saddle = List.copyOf(saddle);
    }

    /** All the fits to p. */
    public static MixtureFits of(GaussianMixture1D p, double[] reverseInits) {
        if (p == null) {
            throw new IllegalArgumentException("MixtureFits p must not be null");
        }
        double[] inits = Check.finiteVector("MixtureFits", "reverseInits", reverseInits);
        Normal forward = ForwardKL.momentMatch(p);
        GaussianFit forwardNumeric = ForwardKL.fitByGradientDescent(p, inits[0], 1.0);
        List<GaussianFit> fits = reverseFits(p, inits);
        List<Boolean> saddle = new ArrayList<>();
        for (GaussianFit f : fits) {
            double h = 1e-3 * Math.sqrt(f.variance());
            double left = ReverseKL.profileOverVariance(p, f.mean() - h, f.variance())[1];
            double right = ReverseKL.profileOverVariance(p, f.mean() + h, f.variance())[1];
            saddle.add(Math.min(left, right) < f.kl() - 1e-12 * Math.max(1, f.kl()));
        }
        return new MixtureFits(p, inits, forward, forwardNumeric, fits, saddle);
    }

    /** The reverse fit {@link ReverseKL#fit} from each start mean, with variance 1. */
    public static List<GaussianFit> reverseFits(GaussianMixture1D p, double[] inits) {
        List<GaussianFit> fits = new ArrayList<>();
        for (double init : inits) {
            fits.add(ReverseKL.fit(p, init, 1.0));
        }
        return fits;
    }

    @Override
    public double[] reverseInits() {
        return reverseInits.clone();
    }

    /**
     * d KL(q, p) / d(mean, variance) at reverse fit i by central differences of the KL itself
     * (step 1e-5), an independent check that the fit is stationary.
     */
    public double[] stationarityGradient(int i) {
        GaussianFit f = reverse.get(i);
        return FiniteDifference.centralGradient(x -> ReverseKL.kl(Normal.ofMeanVariance(x[0], x[1]), p),
                new double[] {f.mean(), f.variance()}, 1e-5);
    }

    /**
     * The fits as results-JSON objects: init, mean, var, kl, iterations, converged, and saddle when
     * {@code saddle} is not null.
     */
    public static List<Map<String, Object>> asMaps(double[] inits, List<GaussianFit> fits, List<Boolean> saddle) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("init", inits[i]);
            m.put("mean", fits.get(i).mean());
            m.put("var", fits.get(i).variance());
            m.put("kl", fits.get(i).kl());
            m.put("iterations", fits.get(i).iterations());
            m.put("converged", fits.get(i).converged());
            if (saddle != null) {
                m.put("saddle", saddle.get(i));
            }
            out.add(m);
        }
        return out;
    }

    /** {@link #asMaps} of the reverse fits, with the saddle flags. */
    public List<Map<String, Object>> reverseAsMaps() {
        return asMaps(reverseInits, reverse, saddle);
    }
}
