// Run by the workbook's Java kernel (JJava) before the first cell: the foundation packages are
// imported (a notebook imports any other package it uses itself: an import of a package with no
// classes would stop the kernel from starting), and XChart charts, Tablesaw tables and Results render as images and HTML tables.
import java.util.*;
import java.util.stream.*;
import org.apache.commons.math3.random.Well19937c;
import org.knowm.xchart.*;
import tech.tablesaw.api.*;
import org.vworkbook.cavi.*;
import org.vworkbook.distributions.*;
import org.vworkbook.divergence.*;
import org.vworkbook.exact.*;
import org.vworkbook.notebook.*;
import org.vworkbook.util.*;

System.setProperty("java.awt.headless", "true");

// One block, so JShell compiles the three registrations as one snippet, not three (kernel start
// about 0.6 s faster on a loaded 2-core machine; bench/kernel.py).
{
org.vworkbook.kernel.KernelPolling.quickenShellLoopsOnceStarted(); // cells start at once, not 50 ms late
org.vworkbook.kernel.ParameterCells.installOnceStarted(kernel()); // a rerun parameters cell is one snippet
kernel().getRenderer()
        .createRegistration(org.knowm.xchart.internal.chartpart.Chart.class)
        .preferring(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG)
        .supporting(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG)
        .register((chart, context) -> context.renderIfRequested(
                org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG,
                () -> org.vworkbook.notebook.Plots.pngBase64(chart)));

kernel().getRenderer()
        .createRegistration(tech.tablesaw.api.Table.class)
        .preferring(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML)
        .supporting(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML,
                org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)
        .register((table, context) -> {
            context.renderIfRequested(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML,
                    () -> org.vworkbook.notebook.Html.table(table));
            context.renderIfRequested(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN,
                    () -> table.print());
        });

kernel().getRenderer()
        .createRegistration(org.vworkbook.notebook.Prose.Markdown.class)
        .preferring(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_MARKDOWN)
        .supporting(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_MARKDOWN,
                org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)
        .register((prose, context) -> {
            context.renderIfRequested(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_MARKDOWN, () -> prose.text());
            context.renderIfRequested(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN, () -> prose.text());
        });

kernel().getRenderer()
        .createRegistration(org.vworkbook.notebook.Results.class)
        .preferring(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML)
        .supporting(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML,
                org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)
        .register((results, context) -> {
            context.renderIfRequested(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML,
                    () -> results.toHtml());
            context.renderIfRequested(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN,
                    () -> results.toString());
        });
}
