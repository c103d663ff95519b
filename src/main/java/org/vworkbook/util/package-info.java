/** Argument checks and small linear-algebra helpers. */
package org.vworkbook.util;
