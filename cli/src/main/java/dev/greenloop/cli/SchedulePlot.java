package dev.greenloop.cli;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.Interval;
import dev.greenloop.schedule.Placement;
import dev.greenloop.schedule.SimulationResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * {@code schedule simulate --plot FILE.png}: intensity of each zone over the plan's time span (top), and the
 * placed jobs below — one lane per job with its window and run segments when there are at most {@value #MAX_LANES},
 * else the power drawn per zone over time.
 *
 * <p>Drawn with Java2D, headless, into a {@value #WIDTH} × {@value #HEIGHT} PNG. Only {@code --plot} reaches this
 * class: it and the AWT classes it uses are loaded by nothing else, so other commands pay nothing for it
 * ({@code SchedulePlotIT} checks with the JVM's class-loading log).
 */
final class SchedulePlot {

    /** Image width in pixels. */
    static final int WIDTH = 1400;
    /** Image height in pixels. */
    static final int HEIGHT = 800;
    /** Most jobs drawn as lanes; more are drawn as power per zone. */
    static final int MAX_LANES = 40;

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final Color GRID = new Color(0xe0e0e0);
    private static final Color WINDOW = new Color(0xdedede);
    private static final long[] TIME_STEPS = {60, 300, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400,
            7 * 86_400, 14 * 86_400, 28 * 86_400, 91 * 86_400};
    private static final int LEFT = 90;
    private static final int RIGHT = 50;
    private static final int TOP = 70;

    private SchedulePlot() {
    }

    /**
     * Writes the plot.
     *
     * @param file the PNG to write
     * @param traces the intensity of each zone, in {@code --trace} order
     * @param result the simulation's placements
     * @throws IOException if the file cannot be written
     */
    static void write(Path file, List<IntensityTrace> traces, SimulationResult result) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
            throw new UsageException("--plot %s: there is no directory %s; create it or write elsewhere".formatted(file, dir));
        }
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, traces, result);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }

    private static void draw(Graphics2D g, List<IntensityTrace> traces, SimulationResult result) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Instant[] span = span(traces, result);
        long t0 = span[0].getEpochSecond();
        long t1 = Math.max(span[1].getEpochSecond(), t0 + 60);
        int plotW = WIDTH - LEFT - RIGHT;
        Axis x = new Axis(t0, t1, LEFT, LEFT + plotW);

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("Carbon intensity and placed jobs: policy %s, %d of %d jobs placed".formatted(result.options().policy().label(),
                result.placements().size(), result.jobs()), LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(String.format(Locale.ROOT, "%.2f kgCO2eq against %.2f kgCO2eq running at once (%.1f %% saved); all times UTC",
                result.grams() / 1000, result.baselineGrams() / 1000, result.savingsPercent()), LEFT, 48);

        Map<String, Color> colors = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (IntensityTrace t : traces) {
            colors.putIfAbsent(t.zone(), PALETTE[colors.size() % PALETTE.length]);
        }
        int topBottom = 400;
        intensityPanel(g, traces, colors, x, TOP, topBottom);
        int lowTop = topBottom + 45;
        int lowBottom = HEIGHT - 70;
        if (result.placements().size() <= MAX_LANES) {
            lanes(g, result.placements(), colors, x, lowTop, lowBottom);
        } else {
            powerPanel(g, result.placements(), colors, x, lowTop, lowBottom);
        }
        timeAxis(g, x, lowBottom);
        legend(g, colors, result.placements().size() <= MAX_LANES, topBottom);
    }

    /** The time span: the placed jobs' windows and runs, within what the traces cover; the traces if nothing is placed. */
    private static Instant[] span(List<IntensityTrace> traces, SimulationResult result) {
        Instant traceStart = traces.stream().map(IntensityTrace::start).min(Instant::compareTo).orElseThrow();
        Instant traceEnd = traces.stream().map(IntensityTrace::end).max(Instant::compareTo).orElseThrow();
        if (result.placements().isEmpty()) {
            return new Instant[] {traceStart, traceEnd};
        }
        Instant a = Instant.MAX;
        Instant b = Instant.MIN;
        for (Placement p : result.placements()) {
            a = min(a, p.job().submit());
            b = max(b, p.job().deadline());
            for (Interval s : p.segments()) {
                a = min(a, s.start());
                b = max(b, s.end());
            }
        }
        return new Instant[] {max(a, traceStart), min(b, traceEnd)};
    }

    private static void intensityPanel(Graphics2D g, List<IntensityTrace> traces, Map<String, Color> colors, Axis x, int top, int bottom) {
        double maxValue = 0;
        for (IntensityTrace t : traces) {
            for (int i = 0; i < t.size(); i++) {
                if (t.pointEnd(i).getEpochSecond() > x.t0 && t.epochSecond(i) < x.t1) {
                    maxValue = Math.max(maxValue, t.value(i));
                }
            }
        }
        double yStep = niceStep(Math.max(maxValue, 1) / 5);
        double yMax = Math.ceil(Math.max(maxValue, 1) * 1.05 / yStep) * yStep;
        frame(g, x, top, bottom);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (double v = 0; v <= yMax + 1e-9; v += yStep) {
            int y = (int) Math.round(bottom - v / yMax * (bottom - top));
            g.setColor(GRID);
            g.drawLine(x.left, y, x.right, y);
            g.setColor(Color.BLACK);
            String label = yStep >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
            g.drawString(label, x.left - 6 - fm.stringWidth(label), y + 4);
        }
        verticalGrid(g, x, top, bottom);
        rotated(g, "gCO2eq/kWh", 22, (top + bottom) / 2);
        g.setStroke(new BasicStroke(1.8f));
        for (IntensityTrace t : traces) {
            g.setColor(colors.get(t.zone()));
            Path2D.Double path = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < t.size(); i++) {
                long s = Math.max(t.epochSecond(i), x.t0);
                long e = Math.min(t.pointEnd(i).getEpochSecond(), x.t1);
                if (e <= s) {
                    continue;
                }
                double y = bottom - t.value(i) / yMax * (bottom - top);
                if (!started) {
                    path.moveTo(x.px(s), y);
                    started = true;
                } else {
                    path.lineTo(x.px(s), y);
                }
                path.lineTo(x.px(e), y);
            }
            g.draw(path);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void lanes(Graphics2D g, List<Placement> placements, Map<String, Color> colors, Axis x, int top, int bottom) {
        frame(g, x, top, bottom);
        verticalGrid(g, x, top, bottom);
        int n = Math.max(placements.size(), 1);
        double lane = (double) (bottom - top) / n;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.max(9, Math.min(12, lane - 2))));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < placements.size(); i++) {
            Placement p = placements.get(i);
            int y = (int) Math.round(top + i * lane + lane * 0.2);
            int h = (int) Math.max(2, Math.round(lane * 0.6));
            g.setColor(WINDOW);
            int wa = x.px(clamp(p.job().submit().getEpochSecond(), x));
            int wb = x.px(clamp(p.job().deadline().getEpochSecond(), x));
            g.fillRect(wa, y, Math.max(1, wb - wa), h);
            g.setColor(colors.getOrDefault(p.zone(), Color.DARK_GRAY));
            for (Interval s : p.segments()) {
                int a = x.px(clamp(s.start().getEpochSecond(), x));
                int b = x.px(clamp(s.end().getEpochSecond(), x));
                g.fillRect(a, y, Math.max(2, b - a), h);
            }
            if (lane >= 9) {
                g.setColor(Color.BLACK);
                String id = fit(p.job().id(), fm, LEFT - 10);
                g.drawString(id, x.left - 6 - fm.stringWidth(id), (int) Math.round(top + (i + 0.5) * lane + fm.getAscent() / 2.0 - 1));
            }
        }
        if (lane < 9) {
            rotated(g, "jobs (%d)".formatted(placements.size()), 22, (top + bottom) / 2);
        }
    }

    /** Power drawn per zone: a step function from the segments' starts and ends. */
    private static void powerPanel(Graphics2D g, List<Placement> placements, Map<String, Color> colors, Axis x, int top, int bottom) {
        Map<String, TreeMap<Long, Double>> deltas = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Placement p : placements) {
            TreeMap<Long, Double> d = deltas.computeIfAbsent(p.zone(), z -> new TreeMap<>());
            for (Interval s : p.segments()) {
                d.merge(s.start().getEpochSecond(), p.job().powerWatts() / 1000, Double::sum);
                d.merge(s.end().getEpochSecond(), -p.job().powerWatts() / 1000, Double::sum);
            }
        }
        Map<String, List<double[]>> steps = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        double max = 0;
        for (var e : deltas.entrySet()) {
            List<double[]> pts = new ArrayList<>();
            double level = 0;
            for (var d : e.getValue().entrySet()) {
                level += d.getValue();
                pts.add(new double[] {d.getKey(), Math.max(0, level)});
                max = Math.max(max, level);
            }
            steps.put(e.getKey(), pts);
        }
        double yStep = niceStep(Math.max(max, 1e-3) / 4);
        double yMax = Math.ceil(Math.max(max, 1e-3) * 1.05 / yStep) * yStep;
        frame(g, x, top, bottom);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (double v = 0; v <= yMax + 1e-9; v += yStep) {
            int y = (int) Math.round(bottom - v / yMax * (bottom - top));
            g.setColor(GRID);
            g.drawLine(x.left, y, x.right, y);
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, yStep >= 1 ? "%.0f" : "%.2f", v);
            g.drawString(label, x.left - 6 - fm.stringWidth(label), y + 4);
        }
        verticalGrid(g, x, top, bottom);
        rotated(g, "jobs' power, kW", 22, (top + bottom) / 2);
        g.setStroke(new BasicStroke(1.5f));
        for (var e : steps.entrySet()) {
            g.setColor(colors.getOrDefault(e.getKey(), Color.DARK_GRAY));
            Path2D.Double path = new Path2D.Double();
            double prevY = bottom;
            path.moveTo(x.left, bottom);
            for (double[] pt : e.getValue()) {
                long t = clamp((long) pt[0], x);
                double y = bottom - pt[1] / yMax * (bottom - top);
                path.lineTo(x.px(t), prevY);
                path.lineTo(x.px(t), y);
                prevY = y;
            }
            path.lineTo(x.right, prevY);
            g.draw(path);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void timeAxis(Graphics2D g, Axis x, int bottom) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        long step = x.tickStep();
        DateTimeFormatter f = DateTimeFormatter.ofPattern(step >= 86_400 ? "yyyy-MM-dd" : "MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
        g.setColor(Color.BLACK);
        for (long t = Math.ceilDiv(x.t0, step) * step; t <= x.t1; t += step) {
            String label = f.format(Instant.ofEpochSecond(t));
            int px = x.px(t);
            g.drawLine(px, bottom, px, bottom + 4);
            g.drawString(label, px - fm.stringWidth(label) / 2, bottom + 18);
        }
        String title = "time (UTC)";
        g.drawString(title, (x.left + x.right - fm.stringWidth(title)) / 2, bottom + 38);
    }

    private static void legend(Graphics2D g, Map<String, Color> colors, boolean lanes, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int px = LEFT;
        int baseline = y + 24;
        for (var e : colors.entrySet()) {
            g.setColor(e.getValue());
            g.setStroke(new BasicStroke(3f));
            g.drawLine(px, baseline - 4, px + 22, baseline - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            String label = e.getKey() + " intensity" + (lanes ? ", jobs run here" : ", power drawn here");
            g.drawString(label, px + 28, baseline);
            px += 28 + fm.stringWidth(label) + 24;
        }
        if (lanes) {
            g.setColor(WINDOW);
            g.fillRect(px, baseline - 10, 22, 10);
            g.setColor(Color.BLACK);
            g.drawString("job window: submit to deadline; coloured bars: run segments", px + 28, baseline);
        }
    }

    private static void frame(Graphics2D g, Axis x, int top, int bottom) {
        g.setColor(Color.GRAY);
        g.drawRect(x.left, top, x.right - x.left, bottom - top);
    }

    private static void verticalGrid(Graphics2D g, Axis x, int top, int bottom) {
        long step = x.tickStep();
        g.setColor(GRID);
        for (long t = Math.ceilDiv(x.t0, step) * step; t <= x.t1; t += step) {
            g.drawLine(x.px(t), top + 1, x.px(t), bottom - 1);
        }
    }

    private static void rotated(Graphics2D g, String text, int x, int y) {
        var saved = g.getTransform();
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.rotate(-Math.PI / 2, x, y);
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
        g.setTransform(saved);
    }

    private static String fit(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (!t.isEmpty() && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /** @return 1, 2 or 5 times a power of ten, at least {@code raw} */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static long clamp(long t, Axis x) {
        return Math.max(x.t0, Math.min(x.t1, t));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Maps epoch seconds to pixels. */
    private record Axis(long t0, long t1, int left, int right) {
        int px(long t) {
            return (int) Math.round(left + (double) (t - t0) / (t1 - t0) * (right - left));
        }

        /** @return a tick spacing giving at most about ten ticks */
        long tickStep() {
            long span = t1 - t0;
            for (long s : TIME_STEPS) {
                if (span / s <= 10) {
                    return s;
                }
            }
            return Duration.ofDays(365).toSeconds();
        }
    }
}
