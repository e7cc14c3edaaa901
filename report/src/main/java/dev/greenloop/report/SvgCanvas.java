package dev.greenloop.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes SVG 1.1 by hand: one element per primitive, coordinates with at most two decimals. Text widths are estimated
 * from DejaVu Sans's advance widths (the font Java2D's sans-serif maps to on Linux), so labels are placed alike in
 * both formats.
 */
final class SvgCanvas implements Canvas {

    private static final String FONTS = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

    private final StringBuilder out = new StringBuilder();
    private int clips;

    SvgCanvas(int width, int height, String title) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" font-family=\"")
                .append(FONTS).append("\">\n<title>").append(escape(title)).append("</title>\n");
    }

    String finish() {
        return out.append("</svg>\n").toString();
    }

    @Override
    public void rect(double x, double y, double w, double h, Rgb fill, Rgb stroke, double strokeWidth) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w)).append("\" height=\"")
                .append(n(h)).append('"');
        paint(fill, stroke, strokeWidth);
        out.append("/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgb color, double width) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2)).append("\" y2=\"")
                .append(n(y2)).append('"');
        paint(null, color, width);
        out.append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, Rgb color, double width) {
        if (xs.length == 0) {
            return;
        }
        out.append("<polyline points=\"");
        for (int i = 0; i < xs.length; i++) {
            out.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        }
        out.append('"');
        paint(null, color, width);
        out.append(" stroke-linejoin=\"round\"/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, Rgb fill, Rgb stroke, double strokeWidth) {
        out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r)).append('"');
        paint(fill, stroke, strokeWidth);
        out.append("/>\n");
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Rgb color, Anchor anchor, boolean vertical) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size)).append('"');
        if (bold) {
            out.append(" font-weight=\"bold\"");
        }
        out.append(" fill=\"").append(color.hex()).append('"');
        if (anchor != Anchor.START) {
            out.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        if (vertical) {
            out.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
        }
        out.append('>').append(escape(s)).append("</text>\n");
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        double em = 0;
        for (int i = 0; i < s.length(); i++) {
            em += advance(s.charAt(i));
        }
        return em * size * (bold ? 1.1 : 1);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        String id = "clip" + ++clips;
        out.append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
                .append(n(w)).append("\" height=\"").append(n(h)).append("\"/></clipPath>\n<g clip-path=\"url(#").append(id).append(")\">\n");
    }

    @Override
    public void unclip() {
        out.append("</g>\n");
    }

    private void paint(Rgb fill, Rgb stroke, double strokeWidth) {
        out.append(" fill=\"").append(fill == null ? "none" : fill.hex()).append('"');
        if (stroke != null) {
            out.append(" stroke=\"").append(stroke.hex()).append("\" stroke-width=\"").append(n(strokeWidth)).append('"');
        }
    }

    /** DejaVu Sans advance widths in em, by class of character. */
    private static double advance(char c) {
        if ("iljI.,:;'|!".indexOf(c) >= 0) {
            return 0.28;
        }
        if ("ftr()[] -".indexOf(c) >= 0) {
            return c == ' ' ? 0.32 : 0.38;
        }
        if ("mwMW%".indexOf(c) >= 0) {
            return 0.93;
        }
        if (c >= '0' && c <= '9') {
            return 0.64;
        }
        if (c >= 'A' && c <= 'Z') {
            return 0.72;
        }
        return 0.61;
    }

    static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Escapes XML's special characters and drops the control characters XML 1.0 cannot hold. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (c != 0xfffe && c != 0xffff) {
                            b.append(c);
                        }
                    }
                }
            }
        }
        return b.toString();
    }
}
