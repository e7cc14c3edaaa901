package dev.greenloop.cli;

import dev.greenloop.lab.LabResult;
import dev.greenloop.lab.Pareto;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * {@code lab pareto --plot FILE.png}: energy per query (x) against quality (y), every point labelled
 * with its variant and settings, the frontier's points filled and joined by a line. The x axis is
 * logarithmic when the energies span more than 20×, else linear; the axis title says which.
 *
 * <p>Drawn with Java2D, headless, into a {@value #WIDTH} × {@value #HEIGHT} PNG; only {@code --plot}
 * loads this class and AWT.
 */
final class ParetoPlot {

    /** Image width in pixels. */
    static final int WIDTH = 1200;
    /** Image height in pixels. */
    static final int HEIGHT = 800;

    private static final int LEFT = 100;
    private static final int RIGHT = 60;
    private static final int TOP = 80;
    private static final int BOTTOM = 90;
    private static final Color FRONTIER = new Color(0x2ca02c);
    private static final Color OTHER = new Color(0x1f77b4);
    private static final Color GRID = new Color(0xe0e0e0);

    private ParetoPlot() {
    }

    /**
     * Writes the plot.
     *
     * @throws IOException if the file cannot be written
     */
    static void write(Path file, LabResult report, LabPareto.Points points, List<Pareto.Point> frontier) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, report, points, frontier);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }

    /** One axis: data values to pixels, linear or logarithmic. */
    private record Scale(double lo, double hi, int from, int to, boolean log) {
        int px(double v) {
            double a = log ? Math.log10(lo) : lo;
            double b = log ? Math.log10(hi) : hi;
            double x = log ? Math.log10(v) : v;
            return (int) Math.round(from + (x - a) / (b - a) * (to - from));
        }
    }

    private static void draw(Graphics2D g, LabResult report, LabPareto.Points points, List<Pareto.Point> frontier) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        boolean accuracy = report.labelled();
        double scale = accuracy ? 100 : 1;
        String provenance = report.reference().profile().provenance().label();
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("%s: energy per query vs %s, %d texts".formatted(report.model(), points.quality(), report.texts()), LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString("Energy is %s (greenloop meter). Filled green points and the line: the Pareto frontier (nothing is both cheaper and better)."
                .formatted(provenance), LEFT, 52);

        List<Pareto.Point> all = points.points();
        double eLo = all.stream().mapToDouble(Pareto.Point::joulesPerQuery).filter(v -> v > 0).min().orElse(1e-3) * 1000;
        double eHi = all.stream().mapToDouble(Pareto.Point::joulesPerQuery).max().orElse(1) * 1000;
        boolean log = eHi / eLo > 20;
        Scale x = log ? new Scale(eLo / 1.5, eHi * 1.5, LEFT, WIDTH - RIGHT, true)
                : new Scale(Math.max(0, eLo - (eHi - eLo) * 0.1 - eHi * 0.05), eHi + (eHi - eLo) * 0.1 + eHi * 0.05, LEFT, WIDTH - RIGHT, false);
        double qLo = all.stream().mapToDouble(Pareto.Point::quality).min().orElse(0) * scale;
        double qHi = all.stream().mapToDouble(Pareto.Point::quality).max().orElse(1) * scale;
        double pad = Math.max((qHi - qLo) * 0.12, accuracy ? 0.5 : 0.0005);
        Scale y = new Scale(qLo - pad, qHi + pad, HEIGHT - BOTTOM, TOP, false);

        // Grid and tick labels.
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double t : ticks(x)) {
            int px = x.px(t);
            g.setColor(GRID);
            g.drawLine(px, TOP, px, HEIGHT - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            String s = number(t);
            g.drawString(s, px - g.getFontMetrics().stringWidth(s) / 2, HEIGHT - BOTTOM + 18);
        }
        for (double t : ticks(y)) {
            int py = y.px(t);
            g.setColor(GRID);
            g.drawLine(LEFT, py, WIDTH - RIGHT, py);
            g.setColor(Color.DARK_GRAY);
            String s = number(t);
            g.drawString(s, LEFT - 8 - g.getFontMetrics().stringWidth(s), py + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        String xTitle = "energy per query, mJ (%s)%s".formatted(provenance, log ? ", log scale" : "");
        g.drawString(xTitle, (LEFT + WIDTH - RIGHT) / 2 - g.getFontMetrics().stringWidth(xTitle) / 2, HEIGHT - BOTTOM + 45);
        String yTitle = accuracy ? "leave-one-out 5-NN accuracy, %" : "mean cosine to fp32";
        var saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yTitle, -(TOP + HEIGHT - BOTTOM) / 2 - g.getFontMetrics().stringWidth(yTitle) / 2, 30);
        g.setTransform(saved);

        // The frontier line, then every point with its label.
        g.setColor(FRONTIER);
        g.setStroke(new BasicStroke(2f));
        Path2D line = new Path2D.Double();
        for (int i = 0; i < frontier.size(); i++) {
            Pareto.Point p = frontier.get(i);
            if (i == 0) {
                line.moveTo(x.px(p.joulesPerQuery() * 1000), y.px(p.quality() * scale));
            } else {
                line.lineTo(x.px(p.joulesPerQuery() * 1000), y.px(p.quality() * scale));
            }
        }
        g.draw(line);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        java.awt.FontMetrics fm = g.getFontMetrics();
        List<java.awt.Rectangle> taken = new java.util.ArrayList<>();
        for (Pareto.Point p : all) {
            int px = x.px(Math.max(p.joulesPerQuery() * 1000, x.lo()));
            int py = y.px(p.quality() * scale);
            taken.add(new java.awt.Rectangle(px - 6, py - 6, 12, 12));
        }
        for (Pareto.Point p : all) {
            int px = x.px(Math.max(p.joulesPerQuery() * 1000, x.lo()));
            int py = y.px(p.quality() * scale);
            boolean on = frontier.contains(p);
            Ellipse2D dot = new Ellipse2D.Double(px - 5, py - 5, 10, 10);
            g.setColor(on ? FRONTIER : OTHER);
            if (on) {
                g.fill(dot);
            } else {
                g.setStroke(new BasicStroke(1.5f));
                g.draw(dot);
            }
            String label = shortName(report, p.name()) + (on ? " *" : "");
            java.awt.Rectangle box = place(taken, fm.stringWidth(label), fm.getHeight(), px, py);
            taken.add(box);
            g.setColor(Color.BLACK);
            g.drawString(label, box.x, box.y + fm.getAscent());
            if (Math.abs(box.y + box.height / 2 - py) > 14) {
                g.setColor(Color.GRAY);
                g.setStroke(new BasicStroke(0.8f));
                g.drawLine(px, py, box.x < px ? box.x + box.width : box.x, box.y + box.height / 2);
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("labels: variant tTHREADS wWORKERS bBATCH, \"spin\" when idle threads spin; * on the frontier", LEFT, HEIGHT - 18);
    }

    /** The first free spot for a label near (px, py): right of the point, else left, at offsets 0, -1, +1, -2, +2, ... lines. */
    private static java.awt.Rectangle place(List<java.awt.Rectangle> taken, int w, int h, int px, int py) {
        java.awt.Rectangle first = null;
        for (int k = 0; k < 25; k++) {
            int lines = (k + 1) / 2 * (k % 2 == 1 ? -1 : 1);
            for (boolean right : new boolean[] {true, false}) {
                java.awt.Rectangle r = new java.awt.Rectangle(right ? px + 9 : px - 9 - w, py - h / 2 + lines * (h + 1), w, h);
                first = first == null ? r : first;
                if (r.x >= LEFT && r.x + w <= WIDTH - RIGHT && r.y >= TOP && r.y + h <= HEIGHT - BOTTOM && taken.stream().noneMatch(r::intersects)) {
                    return r;
                }
            }
        }
        return first; // crowded: overlap rather than lose the label
    }

    /** {@code int8 threads=1 workers=2 batch=32 spin=off} as {@code int8 t1 w2 b32}. */
    private static String shortName(LabResult report, String name) {
        for (LabResult.Row r : report.rows()) {
            if (r.name().equals(name)) {
                var s = r.settings();
                return "%s t%d w%d b%d%s".formatted(r.variant(), s.intraOpThreads(), s.workers(), s.batchSize(), s.spinning() ? " spin" : "");
            }
        }
        return name;
    }

    private static double[] ticks(Scale s) {
        if (s.log()) {
            int a = (int) Math.floor(Math.log10(s.lo()));
            int b = (int) Math.ceil(Math.log10(s.hi()));
            return java.util.stream.IntStream.rangeClosed(a, b).mapToDouble(e -> Math.pow(10, e)).filter(v -> v >= s.lo() && v <= s.hi()).toArray();
        }
        double span = s.hi() - s.lo();
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        if (span / step > 10) {
            step *= span / step > 25 ? 5 : 2;
        }
        double first = Math.ceil(s.lo() / step) * step;
        int n = (int) Math.floor((s.hi() - first) / step) + 1;
        double[] t = new double[Math.max(0, n)];
        for (int k = 0; k < t.length; k++) {
            t[k] = first + k * step;
        }
        return t;
    }

    private static String number(double v) {
        if (v != 0 && (Math.abs(v) < 0.01 || Math.abs(v) >= 10000)) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
