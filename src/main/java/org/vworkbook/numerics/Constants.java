package org.vworkbook.numerics;

/** Constants that many densities and entropies share: the one home for them. */
public final class Constants {
    private Constants() {}

    /** log(2 pi), the normalising constant of a unit Gaussian per dimension is exp(-LOG_2PI / 2). */
    public static final double LOG_2PI = Math.log(2 * Math.PI);

    /** log(2 pi e) = log(2 pi) + 1: a Gaussian's entropy is (LOG_2PI_E + log variance) / 2 per dimension. */
    public static final double LOG_2PI_E = Math.log(2 * Math.PI) + 1.0;
}
