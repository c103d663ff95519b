/** Bayesian linear regression: exact posterior, evidence, and its variational approximations. */
package org.vworkbook.regression;
