package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.ChartPart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class LogScaleAndProseTest {

    private static String notes(XYChart chart) throws Exception {
        java.lang.reflect.Field f = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("annotations");
        f.setAccessible(true);
        @SuppressWarnings("unchecked")
        java.util.List<ChartPart> parts = (java.util.List<ChartPart>) f.get(chart);
        StringBuilder sb = new StringBuilder();
        for (ChartPart p : parts) {
            java.lang.reflect.Field t = org.knowm.xchart.AnnotationText.class.getDeclaredField("text");
            t.setAccessible(true);
            sb.append(t.get(p)).append(' ');
        }
        return sb.toString();
    }

    private static void assertRenders(XYChart chart) throws IOException {
        byte[] png = Plots.png(chart);
        assertTrue(ImageIO.read(new ByteArrayInputStream(png)).getWidth() > 0);
    }

    @Test
    void positiveDataKeepTheLogAxisUntouchedAndWithoutANote() throws Exception {
        XYChart chart = Plots.xy("t", "x", "y");
        Plots.line(chart, "a", new double[] {1, 2, 3}, new double[] {1e-3, 1e-2, 1e-1});
        LogScale.y(chart);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertArrayEquals(new double[] {1e-3, 1e-2, 1e-1}, chart.getSeriesMap().get("a").getYData(), 0);
        assertEquals("", notes(chart));
        assertRenders(chart);
    }

    @Test
    void zerosAndNonFiniteValuesAreLeftOutAndCounted() throws Exception {
        XYChart chart = Plots.xy("t", "x", "y");
        Plots.line(chart, "gap", new double[] {0, 1, 2, 3, 4}, new double[] {1, 0.1, 0, Double.NaN, 1e-5});
        LogScale.y(chart);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertArrayEquals(new double[] {0, 1, 4}, chart.getSeriesMap().get("gap").getXData(), 0);
        assertTrue(notes(chart).contains("2 points at 0 or not finite left out"), notes(chart));
        assertRenders(chart);
    }

    @Test
    void aSeriesThatIsZeroThroughoutIsDrawnOnALinearAxisAndTheChartSaysWhy() throws Exception {
        XYChart chart = Plots.xy("t", "x", "y");
        Plots.line(chart, "KL", new double[] {0, 1, 2}, new double[] {0, 0, 0});
        Plots.line(chart, "other", new double[] {0, 1, 2}, new double[] {1, 2, 3});
        LogScale.y(chart);
        assertFalse(chart.getStyler().isYAxisLogarithmic());
        assertEquals(3, chart.getSeriesMap().get("KL").getYData().length);
        assertTrue(notes(chart).contains("linear y axis: KL is 0 (or negative) throughout"), notes(chart));
        assertRenders(chart);
    }

    @Test
    void aSeriesAddedAfterwardsCannotCrashTheRendering() throws Exception {
        XYChart chart = Plots.xy("t", "x", "y");
        Plots.line(chart, "a", new double[] {1, 2}, new double[] {1, 2});
        LogScale.xy(chart);
        Plots.line(chart, "late", new double[] {0, 1, 2}, new double[] {0, 3, 4});
        assertRenders(chart);
        assertArrayEquals(new double[] {1, 2}, chart.getSeriesMap().get("late").getXData(), 0);
    }

    @Test
    void wrapKeepsWordsWhole() {
        assertEquals(java.util.List.of("aa bb", "cc"), LogScale.wrap("aa bb cc", 5));
    }

    @Test
    void proseJoinsParagraphsAndLeavesOutEmptyOnes() {
        Prose.Markdown m = Prose.markdown("First.", Prose.when(false, "never"), null, " Second. ");
        assertEquals("First.\n\nSecond.", m.text());
        assertEquals("yes", Prose.when(true, "yes", "no"));
        assertEquals("no", Prose.when(false, "yes", "no"));
    }

    @Test
    void proseNumbersAreShortAndNeverPrintNaN() {
        assertEquals("0.3679", Prose.num(Math.exp(-1)));
        assertEquals("\u22122.5", Prose.num(-2.5));
        assertEquals("0", Prose.num(0.0));
        assertEquals("1.5 \u00d7 10\u207b\u2077", Prose.num(1.5e-7));
        assertEquals("2 \u00d7 10\u2076", Prose.num(2e6));
        assertEquals("1.5 \\times 10^{-7}", Prose.tex(1.5e-7));
        assertEquals("-0.25", Prose.tex(-0.25));
        assertEquals(Html.UNDEFINED, Prose.num(Double.NaN));
        assertEquals("12.3%", Prose.pct(0.1234, 1));
        assertThrows(IllegalArgumentException.class, () -> Prose.num(1, 0));
    }

    @Test
    void undefinedValuesShowAsADashInTablesNotAsNullOrNaN() {
        Table t = Table.create("t").addColumns(DoubleColumn.create("ratio", 1.0, Double.NaN));
        String html = Html.table(t);
        assertTrue(html.contains("<td>" + Html.UNDEFINED + "</td>"), html);
        assertFalse(html.contains("NaN") || html.contains("null"), html);
        assertEquals("\u221e", Html.number(Double.POSITIVE_INFINITY));
    }
}
