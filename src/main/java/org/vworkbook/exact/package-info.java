/** Exact posteriors and evidences of conjugate models, used as ground truth. */
package org.vworkbook.exact;
