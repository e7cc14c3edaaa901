package dev.greenloop.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A chart: a title, panels stacked under one x axis, a legend and a footnote, drawn the same way as SVG (text, for HTML
 * and PDF reports) or PNG (Java2D, headless). Immutable.
 *
 * <p>Layout: the title and subtitle above the plot area; panels from {@code insets.top} to {@code height - insets.bottom},
 * 45 pixels apart; the legend in the gap under the first panel when there are several, else just above the plot
 * area; the x axis's ticks and title under the last panel; the footnote at the bottom.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param insets the margins around the plot area
 * @param title the title, bold, at the top
 * @param subtitle a line under the title, may be empty
 * @param footnote a line at the bottom, may be empty
 * @param x the x axis, shared by every panel (not of lanes)
 * @param panels the panels, top first, at least one
 * @param legend the legend's entries, may be empty
 */
public record Chart(int width, int height, Insets insets, String title, String subtitle, String footnote, Axis x, List<Panel> panels,
        List<LegendEntry> legend) {

    /** The vertical space between two panels, in pixels. */
    public static final int PANEL_GAP = 45;

    /**
     * Margins around the plot area, in pixels: tick labels and axis titles go there.
     *
     * @param left left margin
     * @param right right margin
     * @param top top margin (title, subtitle)
     * @param bottom bottom margin (x axis, footnote)
     */
    public record Insets(int left, int right, int top, int bottom) {
        /** @throws IllegalArgumentException if a margin is negative */
        public Insets {
            if (left < 0 || right < 0 || top < 0 || bottom < 0) {
                throw new IllegalArgumentException("insets must be >= 0, were %d %d %d %d".formatted(left, right, top, bottom));
            }
        }
    }

    /**
     * @throws IllegalArgumentException if the size is not positive, the insets leave no plot area for the panels, there
     *         is no panel, or the x axis is of lanes
     */
    public Chart {
        Objects.requireNonNull(insets, "insets");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(subtitle, "subtitle");
        Objects.requireNonNull(footnote, "footnote");
        Objects.requireNonNull(x, "x");
        panels = List.copyOf(panels);
        legend = List.copyOf(legend);
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("chart size must be positive, was %d x %d".formatted(width, height));
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("chart %s: needs at least one panel".formatted(title));
        }
        if (insets.left() + insets.right() >= width
                || insets.top() + insets.bottom() + (panels.size() - 1) * PANEL_GAP + panels.size() > height) {
            throw new IllegalArgumentException("chart %s: insets %s leave no plot area in %d x %d".formatted(title, insets, width, height));
        }
        if (x.kind() == Axis.Kind.LANES) {
            throw new IllegalArgumentException("chart %s: the x axis cannot be of lanes".formatted(title));
        }
    }

    /** @return the chart as a standalone SVG 1.1 document (UTF-8 text, with its XML declaration) */
    public String toSvg() {
        SvgCanvas svg = new SvgCanvas(width, height, title);
        Painter.paint(this, svg);
        return svg.finish();
    }

    /**
     * Draws the chart into a PNG of {@code width × height} pixels. Sets {@code java.awt.headless} to true first.
     *
     * @return the PNG file's bytes
     * @throws IOException if this Java runtime has no PNG writer
     */
    public byte[] toPng() throws IOException {
        return PngCanvas.render(this);
    }

    /**
     * Writes the chart to a file, replacing it: SVG when the name ends in {@code .svg} (any case), else PNG.
     *
     * @param file where to write
     * @throws WriteException naming the file if it cannot be written; nothing partial is left ({@link AtomicFile})
     * @throws IOException if this Java runtime has no PNG writer
     */
    public void write(Path file) throws IOException {
        Path name = file.getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            String svg = toSvg();
            AtomicFile.writeText(file, w -> w.write(svg));
        } else {
            byte[] png = toPng();
            AtomicFile.write(file, out -> out.write(png));
        }
    }
}
