package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.vworkbook.distributions.MultivariateNormal;

class HtmlAndPlotsFoundationTest {

    @Test
    void ellipsePointsLieOnTheMahalanobisContourOfTheMarginal() {
        MultivariateNormal g = MultivariateNormal.ofMeanCovariance(new double[] {1, -2, 0.5},
                new double[][] {{2.0, 0.6, -0.3}, {0.6, 1.0, 0.2}, {-0.3, 0.2, 0.5}});
        int i = 0, j = 2;
        double a = 2.0, b = -0.3, c = 0.5, det = a * c - b * b;
        for (double r : new double[] {1, 2}) {
            double[][] e = Plots.ellipse(g, i, j, r);
            assertEquals(181, e[0].length);
            assertEquals(e[0][0], e[0][180], 1e-12);
            assertEquals(e[1][0], e[1][180], 1e-12);
            double maxX = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < e[0].length; k++) {
                double dx = e[0][k] - g.mean(i), dy = e[1][k] - g.mean(j);
                double quad = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
                assertEquals(r * r, quad, 1e-10);
                maxX = Math.max(maxX, dx);
            }
            // the contour's extent along x is r sd(z_i)
            assertEquals(r * Math.sqrt(a), maxX, 1e-12);
        }
    }

    @Test
    void coordinatePathMovesAlongOneAxisAtATime() {
        double[] a = {0, 1, 1.5, 1.75};
        double[] b = {2, 1, 0.5, 0.25};
        double[][] p = Plots.coordinatePath(a, b);
        assertEquals(7, p[0].length);
        for (int k = 0; k < a.length; k++) {
            assertEquals(a[k], p[0][2 * k], 0);
            assertEquals(b[k], p[1][2 * k], 0);
        }
        for (int s = 0; s + 1 < p[0].length; s++) {
            boolean horizontal = p[1][s] == p[1][s + 1];
            boolean vertical = p[0][s] == p[0][s + 1];
            assertTrue(horizontal ^ vertical || (horizontal && vertical), "step " + s);
            assertEquals(s % 2 == 0, horizontal, "step " + s + " should move along the first axis first");
        }
        assertEquals(0, Plots.coordinatePath(new double[0], new double[0])[0].length);
        assertRefused(() -> Plots.coordinatePath(new double[2], new double[3]), "Plots.coordinatePath a and b", "2 and 3");
    }

    @Test
    void linspaceAndIterations() {
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, Plots.linspace(0, 1, 5), 1e-15);
        assertArrayEquals(new double[] {0, 1, 2}, Plots.iterations(3), 0);
        assertRefused(() -> Plots.linspace(0, 1, 1), "Plots.linspace n", ">= 2", "1");
    }

    @Test
    void chartsEncodeAsPngHeadless() throws Exception {
        XYChart chart = Plots.xy("title", "x", "y");
        Plots.line(chart, "line", new double[] {0, 1, 2}, new double[] {1, 0, 1});
        MultivariateNormal g = MultivariateNormal.ofMeanDiagonalVariance(new double[] {0, 0}, new double[] {1, 2});
        Plots.ellipses(chart, "q", g, 0, 1, Plots.PALETTE[0], true);
        byte[] png = Plots.png(chart);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals('N', png[2]);
        assertEquals('G', png[3]);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(chart.getWidth(), image.getWidth());
        assertEquals(chart.getHeight(), image.getHeight());
        byte[] decoded = Base64.getDecoder().decode(Plots.pngBase64(chart));
        assertEquals((byte) 0x89, decoded[0]);
        BufferedImage again = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(Plots.pngBase64(image))));
        assertEquals(image.getWidth(), again.getWidth());
    }

    @Test
    void htmlEscapesAndFormatsNumbers() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;", Html.escape("<a href=\"x\">&"));
        assertEquals("3.0", Html.number(3));
        assertEquals("0.3333333333", Html.number(1.0 / 3));
        assertEquals(Html.UNDEFINED, Html.number(Double.NaN));
        assertEquals("1.5e-20", Html.number(1.5e-20));
        assertEquals("[1.0, 0.5]", Html.format(new double[] {1, 0.5}));
        assertTrue(Html.format(new double[20]).contains("(20 values)"));
        assertEquals(Html.UNDEFINED, Html.format(null)); // a missing table cell (Tablesaw gives null for NaN)
    }
}
