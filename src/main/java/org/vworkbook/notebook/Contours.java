package org.vworkbook.notebook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vworkbook.cavi.GridDensity2D;
import org.vworkbook.util.Check;

/**
 * Level curves of a tabulated density by marching squares: each grid cell whose corners straddle the
 * level contributes a segment between linearly interpolated crossings of its edges (the two saddle
 * configurations are resolved by the value at the cell centre, the mean of the four corners); the
 * segments are then joined into polylines through the cell edges they share. Closed curves end
 * where they began.
 */
public final class Contours {
    private Contours() {}

    /**
     * The polylines of {density = level}, each as {xs, ys}.
     *
     * @param level finite and > 0 (a level of 0 would trace the whole support boundary)
     */
    public static List<double[][]> lines(GridDensity2D density, double level) {
        if (density == null) {
            throw new IllegalArgumentException("Contours density must not be null");
        }
        Check.positive("Contours", "level", level);
        double[] x = density.x();
        double[] y = density.y();
        int nx = x.length;
        int ny = y.length;
        Map<Long, double[]> points = new HashMap<>();
        List<long[]> segments = new ArrayList<>();
        for (int a = 0; a + 1 < nx; a++) {
            for (int b = 0; b + 1 < ny; b++) {
                double v0 = density.value(a, b);
                double v1 = density.value(a + 1, b);
                double v2 = density.value(a + 1, b + 1);
                double v3 = density.value(a, b + 1);
                int c = (v0 >= level ? 1 : 0) | (v1 >= level ? 2 : 0) | (v2 >= level ? 4 : 0) | (v3 >= level ? 8 : 0);
                if (c == 0 || c == 15) {
                    continue;
                }
                // edges: 0 bottom (c0-c1), 1 right (c1-c2), 2 top (c3-c2), 3 left (c0-c3)
                long[] id = {
                    xEdge(a, b, ny), yEdge(a + 1, b, ny), xEdge(a, b + 1, ny), yEdge(a, b, ny)
                };
                double[][] p = {
                    cross(x[a], y[b], v0, x[a + 1], y[b], v1, level),
                    cross(x[a + 1], y[b], v1, x[a + 1], y[b + 1], v2, level),
                    cross(x[a], y[b + 1], v3, x[a + 1], y[b + 1], v2, level),
                    cross(x[a], y[b], v0, x[a], y[b + 1], v3, level)
                };
                boolean[] crossed = {
                    (c & 1) != (c >> 1 & 1), (c >> 1 & 1) != (c >> 2 & 1),
                    (c >> 3 & 1) != (c >> 2 & 1), (c & 1) != (c >> 3 & 1)
                };
                for (int e = 0; e < 4; e++) {
                    if (crossed[e]) {
                        points.put(id[e], p[e]);
                    }
                }
                if (c == 5 || c == 10) {
                    boolean centreInside = 0.25 * (v0 + v1 + v2 + v3) >= level;
                    boolean aroundC1andC3 = (c == 5) == centreInside;
                    if (aroundC1andC3) {
                        segments.add(new long[] {id[0], id[1]});
                        segments.add(new long[] {id[2], id[3]});
                    } else {
                        segments.add(new long[] {id[3], id[0]});
                        segments.add(new long[] {id[1], id[2]});
                    }
                } else {
                    long first = -1;
                    long second = -1;
                    for (int e = 0; e < 4; e++) {
                        if (crossed[e]) {
                            if (first < 0) {
                                first = id[e];
                            } else {
                                second = id[e];
                            }
                        }
                    }
                    segments.add(new long[] {first, second});
                }
            }
        }
        return chain(segments, points);
    }

    /**
     * The polylines of several levels as one pair of arrays {xs, ys}, the pieces separated by NaN
     * (XChart leaves a gap at a NaN, so one series can draw many curves).
     */
    public static double[][] joined(List<double[][]> polylines) {
        int n = 0;
        for (double[][] p : polylines) {
            n += p[0].length + 1;
        }
        double[] xs = new double[Math.max(n - 1, 0)];
        double[] ys = new double[xs.length];
        int k = 0;
        for (double[][] p : polylines) {
            if (k > 0) {
                xs[k] = Double.NaN;
                ys[k] = Double.NaN;
                k++;
            }
            System.arraycopy(p[0], 0, xs, k, p[0].length);
            System.arraycopy(p[1], 0, ys, k, p[1].length);
            k += p[0].length;
        }
        return new double[][] {xs, ys};
    }

    private static long xEdge(int a, int b, int ny) {
        return 2L * ((long) a * ny + b);
    }

    private static long yEdge(int a, int b, int ny) {
        return 2L * ((long) a * ny + b) + 1;
    }

    private static double[] cross(double xa, double ya, double va, double xb, double yb, double vb, double level) {
        double t = (level - va) / (vb - va);
        return new double[] {xa + t * (xb - xa), ya + t * (yb - ya)};
    }

    private static List<double[][]> chain(List<long[]> segments, Map<Long, double[]> points) {
        Map<Long, List<Integer>> touching = new HashMap<>();
        for (int s = 0; s < segments.size(); s++) {
            for (long e : segments.get(s)) {
                touching.computeIfAbsent(e, k -> new ArrayList<>(2)).add(s);
            }
        }
        boolean[] used = new boolean[segments.size()];
        List<double[][]> lines = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            if (used[s]) {
                continue;
            }
            used[s] = true;
            Deque<Long> path = new ArrayDeque<>();
            path.add(segments.get(s)[0]);
            path.add(segments.get(s)[1]);
            extend(path, false, segments, touching, used);
            extend(path, true, segments, touching, used);
            double[] xs = new double[path.size()];
            double[] ys = new double[path.size()];
            int k = 0;
            for (long e : path) {
                double[] p = points.get(e);
                xs[k] = p[0];
                ys[k] = p[1];
                k++;
            }
            lines.add(new double[][] {xs, ys});
        }
        return lines;
    }

    /** Walks from one end of the path through unused segments sharing that end's edge. */
    private static void extend(Deque<Long> path, boolean atFront, List<long[]> segments,
            Map<Long, List<Integer>> touching, boolean[] used) {
        while (true) {
            long end = atFront ? path.peekFirst() : path.peekLast();
            int next = -1;
            for (int t : touching.get(end)) {
                if (!used[t]) {
                    next = t;
                    break;
                }
            }
            if (next < 0) {
                return;
            }
            used[next] = true;
            long[] seg = segments.get(next);
            long other = seg[0] == end ? seg[1] : seg[0];
            if (atFront) {
                path.addFirst(other);
            } else {
                path.addLast(other);
            }
        }
    }
}
