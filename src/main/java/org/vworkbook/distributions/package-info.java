/** Probability distributions as immutable values built by validating factories. */
package org.vworkbook.distributions;
