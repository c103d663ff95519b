/**
 * Kernel side: code the Java kernel (JJava) runs at start-up to serve the notebooks faster. Built
 * into its own jar, never into the library; depends on nothing but the JDK, and nothing in the
 * library depends on it.
 */
package org.vworkbook.kernel;
