package org.vworkbook.vae;

import org.vworkbook.util.Check;

/**
 * The gap decomposition at every snapshot of a training run: mean log p(x), mean ELBO, the decoder's
 * largest column cosine and posterior correlation, and the total, approximation (closed form
 * {@link LinearGaussianDecoder#meanFieldKl}, accurate when the gap is near 0) and amortisation gaps.
 *
 * @param steps the step of each snapshot
 */
public record TrainingSnapshots(int[] steps, double[] logLikelihood, double[] elbo, double[] columnCosine,
        double[] posteriorCorrelation, double[] totalGap, double[] approximationGap, double[] amortisationGap) {
    public TrainingSnapshots {
        if (steps == null || steps.length == 0) {
            throw new IllegalArgumentException("TrainingSnapshots steps must not be null or empty");
        }
        steps = steps.clone();
        logLikelihood = checked("logLikelihood", logLikelihood, steps.length);
        elbo = checked("elbo", elbo, steps.length);
        columnCosine = checked("columnCosine", columnCosine, steps.length);
        posteriorCorrelation = checked("posteriorCorrelation", posteriorCorrelation, steps.length);
        totalGap = checked("totalGap", totalGap, steps.length);
        approximationGap = checked("approximationGap", approximationGap, steps.length);
        amortisationGap = checked("amortisationGap", amortisationGap, steps.length);
    }

    private static double[] checked(String name, double[] values, int length) {
        double[] copy = Check.finiteVector("TrainingSnapshots", name, values);
        Check.sameLength("TrainingSnapshots", name, copy.length, "steps", length);
        return copy;
    }

    // Arrays are copied out as they are copied in: a caller cannot change the snapshots.

    @Override
    public int[] steps() {
        return steps.clone();
    }

    @Override
    public double[] logLikelihood() {
        return logLikelihood.clone();
    }

    @Override
    public double[] elbo() {
        return elbo.clone();
    }

    @Override
    public double[] columnCosine() {
        return columnCosine.clone();
    }

    @Override
    public double[] posteriorCorrelation() {
        return posteriorCorrelation.clone();
    }

    @Override
    public double[] totalGap() {
        return totalGap.clone();
    }

    @Override
    public double[] approximationGap() {
        return approximationGap.clone();
    }

    @Override
    public double[] amortisationGap() {
        return amortisationGap.clone();
    }


    /** The decomposition at each snapshot of {@code training} on {@code data}. */
    public static TrainingSnapshots of(VaeTrainer.Result training, double[][] data) {
        int[] steps = training.snapshotSteps();
        int snaps = steps.length;
        double[] logLik = new double[snaps];
        double[] elbo = new double[snaps];
        double[] cos = new double[snaps];
        double[] rho = new double[snaps];
        double[] total = new double[snaps];
        double[] approx = new double[snaps];
        double[] amort = new double[snaps];
        for (int i = 0; i < snaps; i++) {
            LinearVae v = training.snapshots().get(i);
            GapDecomposition g = GapDecomposition.of(v, data);
            logLik[i] = g.logLikelihood();
            elbo[i] = g.elboEncoder();
            cos[i] = v.decoder().maxAbsColumnCosine();
            rho[i] = v.decoder().maxAbsPosteriorCorrelation();
            total[i] = g.totalGap();
            approx[i] = v.decoder().meanFieldKl();
            amort[i] = g.amortisationGap();
        }
        return new TrainingSnapshots(steps, logLik, elbo, cos, rho, total, approx, amort);
    }

    /** The number of snapshots. */
    public int size() {
        return steps.length;
    }
}
