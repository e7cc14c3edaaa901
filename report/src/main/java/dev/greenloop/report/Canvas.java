package dev.greenloop.report;

/** What the painter draws on: the few primitives a chart needs, in pixels, y down. Implemented for SVG and for Java2D. */
interface Canvas {

    /** Where a text's anchor point is: at its start, middle or end. */
    enum Anchor { START, MIDDLE, END }

    void rect(double x, double y, double w, double h, Rgb fill, Rgb stroke, double strokeWidth);

    void line(double x1, double y1, double x2, double y2, Rgb color, double width);

    void polyline(double[] xs, double[] ys, Rgb color, double width);

    void circle(double cx, double cy, double r, Rgb fill, Rgb stroke, double strokeWidth);

    /** Draws text with its baseline at {@code y}; {@code vertical} turns it a quarter left around (x, y), reading upwards. */
    void text(String s, double x, double y, double size, boolean bold, Rgb color, Anchor anchor, boolean vertical);

    /** @return the text's advance width in pixels */
    double textWidth(String s, double size, boolean bold);

    /** Clips what follows to a rectangle, until {@link #unclip()}. */
    void clip(double x, double y, double w, double h);

    void unclip();
}
