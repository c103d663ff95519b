/** Expectation propagation and Gaussian fits by forward and reverse KL. */
package org.vworkbook.ep;
