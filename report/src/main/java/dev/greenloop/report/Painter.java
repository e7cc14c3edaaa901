package dev.greenloop.report;

import dev.greenloop.report.Canvas.Anchor;
import java.util.ArrayList;
import java.util.List;

/** Lays a chart out and draws it on a canvas: the one place that knows where titles, axes, series and legends go. */
final class Painter {

    private static final double TICK_FONT = 12;
    private static final double TITLE_FONT = 18;
    private static final double SUBTITLE_FONT = 13;
    private static final double AXIS_TITLE_FONT = 13;
    private static final double LABEL_FONT = 12;
    /** Where the rotated y axis titles' baselines are, from the left edge. */
    private static final double Y_TITLE_X = 24;
    private static final double MARKER_RADIUS = 5;
    /** Thinnest lane that still gets its label; thinner lanes show the axis title instead. */
    private static final double MIN_LABELLED_LANE = 9;

    private final Chart chart;
    private final Canvas g;
    private final double left;
    private final double right;

    private Painter(Chart chart, Canvas g) {
        this.chart = chart;
        this.g = g;
        this.left = chart.insets().left();
        this.right = chart.width() - chart.insets().right();
    }

    static void paint(Chart chart, Canvas g) {
        new Painter(chart, g).paint();
    }

    private void paint() {
        g.rect(0, 0, chart.width(), chart.height(), Rgb.WHITE, null, 0);
        g.text(chart.title(), left, 28, TITLE_FONT, true, Rgb.BLACK, Anchor.START, false);
        if (!chart.subtitle().isEmpty()) {
            g.text(chart.subtitle(), left, 50, SUBTITLE_FONT, false, Rgb.BLACK, Anchor.START, false);
        }
        List<Panel> panels = chart.panels();
        double plotTop = chart.insets().top();
        double plotBottom = chart.height() - chart.insets().bottom();
        double available = plotBottom - plotTop - (panels.size() - 1) * Chart.PANEL_GAP;
        double weights = panels.stream().mapToDouble(Panel::weight).sum();
        double top = plotTop;
        double firstBottom = 0;
        double bottom = 0;
        for (int i = 0; i < panels.size(); i++) {
            bottom = i == panels.size() - 1 ? plotBottom : Math.round(top + available * panels.get(i).weight() / weights);
            panel(panels.get(i), top, bottom);
            if (i == 0) {
                firstBottom = bottom;
            }
            top = bottom + Chart.PANEL_GAP;
        }
        xAxis(bottom);
        legend(panels.size() > 1 ? firstBottom + 24 : plotTop - 10);
        if (!chart.footnote().isEmpty()) {
            g.text(chart.footnote(), left, chart.height() - 18, LABEL_FONT, false, Rgb.DARK_GRAY, Anchor.START, false);
        }
    }

    private double xpx(double v) {
        return left + chart.x().fraction(v) * (right - left);
    }

    private static double ypx(Axis y, double v, double top, double bottom) {
        return bottom - y.fraction(v) * (bottom - top);
    }

    private void panel(Panel p, double top, double bottom) {
        Axis y = p.y();
        for (Ticks.Tick t : y.ticks()) {
            double py = Math.round(ypx(y, t.value(), top, bottom));
            g.line(left, py, right, py, Rgb.GRID, 1);
            g.text(t.label(), left - 8, py + 4, TICK_FONT, false, Rgb.DARK_GRAY, Anchor.END, false);
        }
        for (Ticks.Tick t : chart.x().ticks()) {
            double px = Math.round(xpx(t.value()));
            g.line(px, top, px, bottom, Rgb.GRID, 1);
        }
        g.rect(left, top, right - left, bottom - top, null, Rgb.GRAY, 1);
        boolean lanes = y.kind() == Axis.Kind.LANES;
        double lane = (bottom - top) / y.max();
        if (!y.title().isEmpty() && (!lanes || lane < MIN_LABELLED_LANE)) {
            g.text(y.title(), Y_TITLE_X, (top + bottom) / 2, AXIS_TITLE_FONT, false, Rgb.BLACK, Anchor.MIDDLE, true);
        }
        if (lanes && lane >= MIN_LABELLED_LANE) {
            double size = Math.max(9, Math.min(12, lane - 2));
            for (int i = 0; i < y.lanes().size(); i++) {
                String label = fit(y.lanes().get(i), size, left - 10);
                g.text(label, left - 6, top + (i + 0.5) * lane + 0.35 * size, size, false, Rgb.BLACK, Anchor.END, false);
            }
        }
        g.clip(left, top - 2, right - left, bottom - top + 4);
        for (Series s : p.series()) {
            switch (s) {
                case Series.Line l -> g.polyline(xs(l.xs()), ys(y, l.ys(), top, bottom), l.color(), l.width());
                case Series.Step st -> step(st, y, top, bottom);
                case Series.Bars b -> bars(b, lane, top);
                case Series.Scatter sc -> {
                    // drawn below, with every scatter's labels placed together
                }
            }
        }
        g.unclip();
        scatters(p, top, bottom);
    }

    private double[] xs(double[] v) {
        double[] px = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            px[i] = xpx(v[i]);
        }
        return px;
    }

    private static double[] ys(Axis y, double[] v, double top, double bottom) {
        double[] px = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            px[i] = ypx(y, v[i], top, bottom);
        }
        return px;
    }

    private void step(Series.Step s, Axis y, double top, double bottom) {
        double[] xs = s.xs();
        double[] ys = s.ys();
        int n = xs.length;
        if (n == 0) {
            return;
        }
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        double level = ypx(y, ys[0], top, bottom);
        px[0] = xpx(xs[0]);
        py[0] = level;
        for (int i = 1; i < n; i++) {
            double x = xpx(xs[i]);
            px[2 * i - 1] = x;
            py[2 * i - 1] = level;
            level = ypx(y, ys[i], top, bottom);
            px[2 * i] = x;
            py[2 * i] = level;
        }
        px[2 * n - 1] = Math.max(right, px[2 * n - 2]);
        py[2 * n - 1] = level;
        g.polyline(px, py, s.color(), s.width());
    }

    private void bars(Series.Bars b, double lane, double top) {
        double h = Math.max(2, Math.round(lane * 0.6));
        for (Series.Bar bar : b.bars()) {
            double a = Math.round(xpx(bar.from()));
            double z = Math.round(xpx(bar.to()));
            double y = Math.round(top + bar.lane() * lane + lane * 0.2);
            g.rect(a, y, Math.max(2, z - a), h, b.color(), null, 0);
        }
    }

    /** A label's or a marker's box, for placing labels where nothing is yet. */
    private record Box(double x, double y, double w, double h) {
        boolean intersects(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }
    }

    private void scatters(Panel p, double top, double bottom) {
        Axis y = p.y();
        List<Series.Scatter> scatters = p.series().stream().filter(Series.Scatter.class::isInstance).map(Series.Scatter.class::cast).toList();
        List<Box> taken = new ArrayList<>();
        for (Series.Scatter s : scatters) {
            double[] xs = s.xs();
            double[] ys = s.ys();
            for (int i = 0; i < xs.length; i++) {
                double px = xpx(clamp(xs[i], chart.x()));
                double py = ypx(y, clamp(ys[i], y), top, bottom);
                taken.add(new Box(px - 6, py - 6, 12, 12));
                if (s.filled()) {
                    g.circle(px, py, MARKER_RADIUS, s.color(), null, 0);
                } else {
                    g.circle(px, py, MARKER_RADIUS, null, s.color(), 1.5);
                }
            }
        }
        double h = Math.round(LABEL_FONT * 1.25);
        for (Series.Scatter s : scatters) {
            double[] xs = s.xs();
            double[] ys = s.ys();
            for (int i = 0; i < s.labels().size(); i++) {
                double px = xpx(clamp(xs[i], chart.x()));
                double py = ypx(y, clamp(ys[i], y), top, bottom);
                String label = s.labels().get(i);
                Box box = place(taken, g.textWidth(label, LABEL_FONT, false), h, px, py, top, bottom);
                taken.add(box);
                g.text(label, box.x(), box.y() + LABEL_FONT, LABEL_FONT, false, Rgb.BLACK, Anchor.START, false);
                if (Math.abs(box.y() + box.h() / 2 - py) > 14) {
                    g.line(px, py, box.x() < px ? box.x() + box.w() : box.x(), box.y() + box.h() / 2, Rgb.GRAY, 0.8);
                }
            }
        }
    }

    /** The first free spot for a label near (px, py): right of the point, else left, at offsets 0, -1, +1, -2, +2, ... lines. */
    private Box place(List<Box> taken, double w, double h, double px, double py, double top, double bottom) {
        Box first = null;
        for (int k = 0; k < 25; k++) {
            int lines = (k + 1) / 2 * (k % 2 == 1 ? -1 : 1);
            for (boolean toRight : new boolean[] {true, false}) {
                Box r = new Box(toRight ? px + 9 : px - 9 - w, Math.round(py - h / 2 + lines * (h + 1)), w, h);
                first = first == null ? r : first;
                if (r.x() >= left && r.x() + w <= right && r.y() >= top && r.y() + h <= bottom && taken.stream().noneMatch(r::intersects)) {
                    return r;
                }
            }
        }
        return first; // crowded: overlap rather than lose the label
    }

    private static double clamp(double v, Axis a) {
        return Math.max(a.min(), Math.min(a.max(), v));
    }

    private void xAxis(double bottom) {
        for (Ticks.Tick t : chart.x().ticks()) {
            double px = Math.round(xpx(t.value()));
            g.line(px, bottom, px, bottom + 4, Rgb.GRAY, 1);
            g.text(t.label(), px, bottom + 18, TICK_FONT, false, Rgb.DARK_GRAY, Anchor.MIDDLE, false);
        }
        if (!chart.x().title().isEmpty()) {
            g.text(chart.x().title(), (left + right) / 2, bottom + 42, AXIS_TITLE_FONT, false, Rgb.BLACK, Anchor.MIDDLE, false);
        }
    }

    private void legend(double baseline) {
        double px = left;
        for (LegendEntry e : chart.legend()) {
            switch (e.swatch()) {
                case LINE -> g.line(px, baseline - 4, px + 22, baseline - 4, e.color(), 3);
                case BOX -> g.rect(px, baseline - 10, 22, 10, e.color(), null, 0);
                case DOT -> g.circle(px + 11, baseline - 4, MARKER_RADIUS, e.color(), null, 0);
                case RING -> g.circle(px + 11, baseline - 4, MARKER_RADIUS, null, e.color(), 1.5);
            }
            g.text(e.label(), px + 28, baseline, LABEL_FONT, false, Rgb.BLACK, Anchor.START, false);
            px += 28 + g.textWidth(e.label(), LABEL_FONT, false) + 24;
        }
    }

    /** @return {@code s}, or as much of it as fits in {@code width} pixels followed by an ellipsis */
    private String fit(String s, double size, double width) {
        if (g.textWidth(s, size, false) <= width) {
            return s;
        }
        String t = s;
        while (!t.isEmpty() && g.textWidth(t + "…", size, false) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
