package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.notebook.ContoursTest.assertMessage;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.vworkbook.cavi.CaviOptions;
import org.vworkbook.cavi.Grid;
import org.vworkbook.cavi.GridFactors;
import org.vworkbook.cavi.GridMeanField;
import org.vworkbook.cavi.GridPosterior;
import org.vworkbook.distributions.MultivariateNormal;

/** The grid charts and contour panels build, render and carry the series they promise. */
class GridPlotsTest {
    private static final MultivariateNormal G = MultivariateNormal.ofMeanCovariance(new double[] {0.5, -0.3},
            new double[][] {{1.0, 0.6}, {0.6, 0.8}});

    private static GridMeanField model() {
        return GridMeanField.of(GridPosterior.of((a, b) -> G.logDensity(new double[] {a, b}), Grid.points(-5, 6, 81),
                Grid.points(-6, 5, 81)));
    }

    @Test
    void gridPlotsDrawExactAgainstMeanField() {
        GridMeanField m = model();
        GridFactors q = m.run(m.gaussianStart(new double[2], new double[] {1, 1}), CaviOptions.defaults()).state();
        XYChart chart = GridPlots.pair(m.posterior(), q, 0, 1);
        assertEquals(List.of("exact posterior", "mean-field q"), List.copyOf(chart.getSeriesMap().keySet()));
        assertTrue(Plots.png(chart).length > 1000);
        XYChart marginal = GridPlots.marginal(m.posterior(), q, 1);
        assertEquals(List.of("exact p(z2 | x)", "q2"), List.copyOf(marginal.getSeriesMap().keySet()));
        assertArrayEquals(m.posterior().marginal(1), marginal.getSeriesMap().get("exact p(z2 | x)").getYData(), 0.0);
    }

    @Test
    void contourPanelsShowTheExactDensityAndEachFitInTurn() {
        GridMeanField m = model();
        GridFactors plus = m.run(m.gaussianStart(new double[] {1, 1}, new double[] {1, 1}), CaviOptions.defaults()).state();
        GridFactors start = m.gaussianStart(new double[] {-1, 0}, new double[] {0.5, 2});
        ContourPanels empty = ContourPanels.of("a panel", m.posterior().pair(0, 1));
        ContourPanels panel = empty.fit("fit", plus.pair(0, 1)).fit("start", start.pair(0, 1));
        assertEquals(0, empty.fitCount());
        assertEquals(2, panel.fitCount());
        XYChart chart = panel.chart();
        assertEquals("a panel", chart.getTitle());
        assertEquals(List.of("exact posterior", "fit", "start"), List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries exact = chart.getSeriesMap().get("exact posterior");
        assertEquals(Plots.PALETTE[0], exact.getLineColor());
        assertEquals(Plots.PALETTE[2], chart.getSeriesMap().get("start").getLineColor());
        assertTrue(Plots.png(chart).length > 1000);
        // one fit: the same chart as GridPlots.pair, series for series
        XYChart one = empty.fit("mean-field q", plus.pair(0, 1)).chart();
        XYChart pair = GridPlots.pair("a panel", m.posterior().pair(0, 1), plus.pair(0, 1));
        for (String name : List.of("exact posterior", "mean-field q")) {
            assertArrayEquals(pair.getSeriesMap().get(name).getXData(), one.getSeriesMap().get(name).getXData(), 0.0);
            assertArrayEquals(pair.getSeriesMap().get(name).getYData(), one.getSeriesMap().get(name).getYData(), 0.0);
        }
        assertArrayEquals(Plots.png(pair), Plots.png(one));
        assertMessage("ContourPanels title must not be null", () -> ContourPanels.of(null, m.posterior().pair(0, 1)));
        assertMessage("ContourPanels fit needs a name and a density", () -> empty.fit("x", null));
    }

    @Test
    void marginalOfSeveralFitsAddsEachFitDashed() {
        GridMeanField m = model();
        GridFactors plus = m.run(m.gaussianStart(new double[] {1, 1}, new double[] {1, 1}), CaviOptions.defaults()).state();
        GridFactors start = m.gaussianStart(new double[] {-1, 0}, new double[] {0.5, 2});
        XYChart chart = GridPlots.marginal("two fits", m.posterior(), 0, List.of("fit", "start"), List.of(plus, start));
        assertEquals("two fits", chart.getTitle());
        assertEquals(List.of("exact p(z1 | x)", "fit", "start"), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(start.density(0), chart.getSeriesMap().get("start").getYData(), 0.0);
        assertEquals(Plots.PALETTE[2], chart.getSeriesMap().get("start").getLineColor());
        assertTrue(Plots.png(chart).length > 1000);
        assertMessage("GridPlots marginal needs one name per fit", () -> GridPlots.marginal("t", m.posterior(), 0,
                List.of("a"), List.of(plus, start)));
    }
}
