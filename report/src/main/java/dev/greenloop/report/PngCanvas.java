package dev.greenloop.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Draws with Java2D on an RGB image, antialiased. Only {@link Chart#toPng()} loads this class, and with it AWT. */
final class PngCanvas implements Canvas {

    private final Graphics2D g;

    private PngCanvas(Graphics2D g) {
        this.g = g;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }

    static byte[] render(Chart chart) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false);
        BufferedImage image = new BufferedImage(chart.width(), chart.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            Painter.paint(chart, new PngCanvas(g));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return bytes.toByteArray();
    }

    @Override
    public void rect(double x, double y, double w, double h, Rgb fill, Rgb stroke, double strokeWidth) {
        Rectangle2D r = new Rectangle2D.Double(x, y, w, h);
        if (fill != null) {
            g.setColor(color(fill));
            g.fill(r);
        }
        if (stroke != null) {
            g.setColor(color(stroke));
            g.setStroke(new BasicStroke((float) strokeWidth));
            g.draw(r);
        }
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgb color, double width) {
        g.setColor(color(color));
        g.setStroke(new BasicStroke((float) width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, Rgb color, double width) {
        if (xs.length == 0) {
            return;
        }
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        g.setColor(color(color));
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(p);
    }

    @Override
    public void circle(double cx, double cy, double r, Rgb fill, Rgb stroke, double strokeWidth) {
        Ellipse2D e = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
        if (fill != null) {
            g.setColor(color(fill));
            g.fill(e);
        }
        if (stroke != null) {
            g.setColor(color(stroke));
            g.setStroke(new BasicStroke((float) strokeWidth));
            g.draw(e);
        }
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Rgb color, Anchor anchor, boolean vertical) {
        g.setFont(font(size, bold));
        g.setColor(color(color));
        double w = g.getFontMetrics().stringWidth(s);
        double shift = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? -w / 2 : -w;
        AffineTransform saved = g.getTransform();
        if (vertical) {
            g.rotate(-Math.PI / 2, x, y);
        }
        g.drawString(s, (float) (x + shift), (float) y);
        g.setTransform(saved);
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        return g.getFontMetrics(font(size, bold)).stringWidth(s);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        g.setClip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void unclip() {
        g.setClip(null);
    }

    private static Font font(double size, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, (int) Math.round(size));
    }

    private static Color color(Rgb c) {
        return new Color(c.rgb());
    }
}
