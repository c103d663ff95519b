package org.vworkbook.divergence;

import java.util.Arrays;
import org.vworkbook.distributions.GaussianMixture;
import org.vworkbook.util.Check;

/**
 * Both KLs for q = N(mu, I), mu on the segment a + t (b - a), t in [-0.4, 1.4] (37 points), between
 * the means of the two heaviest components of a 2-D mixture p (or, with one component or equal means,
 * a horizontal segment of length 4 through the mean):
 *
 * <pre>
 *   KL(p, q) = -H(p) + (d/2) log 2 pi + 1/2 E_p|x - mu|^2     (-H(p) estimated from the draws; a parabola in t)
 *   KL(q, p) by quadrature ({@link ReverseKL#klIsotropic})
 * </pre>
 *
 * @param description where the segment runs (for the chart title)
 * @param t the positions
 * @param forward KL(p, q) at each t
 * @param reverse KL(q, p) at each t
 */
public record KlAlongSegment(String description, double[] t, double[] forward, double[] reverse) {
    public KlAlongSegment {
        Check.notNull("KlAlongSegment", "description", description);
        t = Check.finiteVector("KlAlongSegment", "t", t);
        forward = Check.finiteVector("KlAlongSegment", "forward", forward);
        reverse = Check.finiteVector("KlAlongSegment", "reverse", reverse);
        Check.sameLength("KlAlongSegment", "t", t.length, "forward", forward.length);
        Check.sameLength("KlAlongSegment", "t", t.length, "reverse", reverse.length);
    }

    /** The segment for p, with E_p[log p] averaged over {@code draws}. */
    public static KlAlongSegment of(GaussianMixture p, double[][] draws) {
        double[] meanP = p.mean();
        double[][] covP = p.covariance();
        double negEntropy = 0;
        for (double[] x : draws) {
            negEntropy += p.logDensity(x) / draws.length;
        }
        Integer[] order = new Integer[p.components()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (i, j) -> Double.compare(p.weight(j), p.weight(i)));
        double[] a = p.component(order[0]).mean();
        double[] b = order.length > 1 ? p.component(order[1]).mean() : a;
        String what = "from component " + (order[0] + 1) + " (t = 0) to component " + (order.length > 1 ? order[1] + 1 : 1) + " (t = 1)";
        if (a[0] == b[0] && a[1] == b[1]) {
            a = new double[] {a[0] - 2, a[1]};
            b = new double[] {b[0] + 2, b[1]};
            what = "through the mean of component " + (order[0] + 1) + ", horizontally (t = 0 and t = 1 are 2 to either side)";
        }
        int n = 37;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = -0.4 + (1.4 - -0.4) * i / (n - 1);   // the points of Plots.linspace(-0.4, 1.4, 37)
        }
        double[] forwardKl = new double[n];
        double[] reverseKl = new double[n];
        for (int k = 0; k < n; k++) {
            double[] mu = {a[0] + t[k] * (b[0] - a[0]), a[1] + t[k] * (b[1] - a[1])};
            double sq = 0;
            for (int i = 0; i < 2; i++) {
                sq += covP[i][i] + (meanP[i] - mu[i]) * (meanP[i] - mu[i]);
            }
            forwardKl[k] = negEntropy + Math.log(2 * Math.PI) + 0.5 * sq;
            reverseKl[k] = ReverseKL.klIsotropic(mu, p);
        }
        return new KlAlongSegment(what, t, forwardKl, reverseKl);
    }

    @Override
    public double[] t() {
        return t.clone();
    }

    @Override
    public double[] forward() {
        return forward.clone();
    }

    @Override
    public double[] reverse() {
        return reverse.clone();
    }

    /** Interior points of the drawn grid below both neighbours, in the reverse KL. */
    public int reverseValleys() {
        int valleys = 0;
        for (int k = 1; k + 1 < reverse.length; k++) {
            if (reverse[k] < reverse[k - 1] && reverse[k] < reverse[k + 1]) {
                valleys++;
            }
        }
        return valleys;
    }
}
