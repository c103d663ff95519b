package org.vworkbook.bbvi;

import org.vworkbook.util.Check;

/**
 * How long and how noisily a black-box VI run goes.
 *
 * @param steps number of gradient steps (>= 0)
 * @param samples Monte Carlo draws per step (>= 1; the estimator may need more)
 * @param seed seed of the run's Well19937c random source
 * @param progressEvery print a progress line every this many steps (0: silent)
 */
public record BbviOptions(int steps, int samples, long seed, int progressEvery) {
    public BbviOptions {
        Check.atLeast("BbviOptions", "steps", steps, 0);
        Check.atLeast("BbviOptions", "samples", samples, 1);
        Check.atLeast("BbviOptions", "progressEvery", progressEvery, 0);
    }

    /** Silent run. */
    public static BbviOptions of(int steps, int samples, long seed) {
        return new BbviOptions(steps, samples, seed, 0);
    }
}
