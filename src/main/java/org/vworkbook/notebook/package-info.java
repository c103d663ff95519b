/** What the notebooks see: results JSON and tables, XChart plots, HTML rendering. */
package org.vworkbook.notebook;
