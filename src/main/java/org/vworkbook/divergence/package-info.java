/** Kullback-Leibler divergences in closed form and by Monte Carlo. */
package org.vworkbook.divergence;
