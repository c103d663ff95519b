/** Coordinate-ascent variational inference: one engine and the models plugged into it. */
package org.vworkbook.cavi;
