/** Kullback-Leibler divergences in closed form and by Monte Carlo, and fitting a Gaussian to a target by forward KL (moment matching, SGD from samples) or reverse KL (gradient descent on quadrature). */
package org.vworkbook.divergence;
