/** Expectation-maximisation and variational EM. */
package org.vworkbook.em;
