package org.vworkbook.bbvi;

/**
 * A gradient estimate that is not a finite vector: a draw of q overflowed or underflowed (e.g. a Gamma
 * draw of 0 for a tiny shape), or an entry of the estimate is infinite or NaN. It means q has become
 * too extreme to compute with in double precision; {@link Bbvi#run} catches it and ends the run as
 * diverged (a too-large step size is a result, not an error). It is an {@link IllegalArgumentException},
 * like every refusal of the library: the q given was too extreme.
 */
public final class NonFiniteEstimateException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public NonFiniteEstimateException(String message) {
        super(message);
    }
}
