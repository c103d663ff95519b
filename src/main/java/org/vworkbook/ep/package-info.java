/** Expectation propagation on the clutter problem, with the clutter problem's exact posterior and its mean-field (CAVI) baseline for comparison. Divergence fits of a Gaussian live in {@code divergence}. */
package org.vworkbook.ep;
