/** CAVI for a Bayesian Gaussian mixture (Dirichlet weights, Gaussian-Wishart components). */
package org.vworkbook.gmm;
