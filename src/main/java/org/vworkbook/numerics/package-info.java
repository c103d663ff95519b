/** Numerical building blocks: quadrature, grids, special functions, optimisers. */
package org.vworkbook.numerics;
