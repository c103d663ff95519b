package org.vworkbook.em;

/**
 * Thrown when an EM run lowers a quantity that EM cannot lower: the ELBO after successive E-steps
 * (both kinds), or log p(X | theta) under exact EM. Each E-step and each M-step maximises the same
 * bound in its own argument, so a drop beyond rounding is a bug in a step or in a formula.
 */
public final class BoundDecreasedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public BoundDecreasedException(String what, int iteration, double before, double after) {
        super(what + " decreased at EM iteration " + iteration + ": from " + before + " to " + after + " (by "
                + (before - after) + "); EM cannot lower it, so a step or a formula is wrong");
    }
}
