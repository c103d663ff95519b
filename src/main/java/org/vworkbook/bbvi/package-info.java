/** Black-box variational inference: variational families in unconstrained form, gradient estimators (score function, control variates, reparameterisation), optimisers and the loop joining them. */
package org.vworkbook.bbvi;
