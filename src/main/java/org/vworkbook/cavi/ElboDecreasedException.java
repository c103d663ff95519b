package org.vworkbook.cavi;

/**
 * Thrown when an ELBO that coordinate ascent must not lower went down by more than rounding.
 * Each CAVI update maximises the bound in its factor, so this is a bug in an update or in the
 * ELBO formula, never a property of the data.
 */
public final class ElboDecreasedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ElboDecreasedException(int iteration, double before, double after) {
        super("ELBO decreased at sweep " + iteration + ": from " + before + " to " + after
                + " (by " + (before - after) + "); coordinate ascent cannot lower the bound, so an update"
                + " or the ELBO formula is wrong");
    }
}
