package dev.greenloop.report;

/**
 * An opaque colour of a chart, 8 bits per channel.
 *
 * @param rgb {@code 0xRRGGBB}
 */
public record Rgb(int rgb) {

    /** Black. */
    public static final Rgb BLACK = new Rgb(0x000000);
    /** White. */
    public static final Rgb WHITE = new Rgb(0xffffff);
    /** The grey of text that matters less (tick labels, notes). */
    public static final Rgb DARK_GRAY = new Rgb(0x404040);
    /** Mid grey, for leader lines and frames. */
    public static final Rgb GRAY = new Rgb(0x808080);
    /** The light grey of grid lines. */
    public static final Rgb GRID = new Rgb(0xe0e0e0);

    /**
     * @throws IllegalArgumentException if {@code rgb} has bits above the 24 colour bits
     */
    public Rgb {
        if ((rgb & ~0xffffff) != 0) {
            throw new IllegalArgumentException("colour must be 0xRRGGBB, was 0x" + Integer.toHexString(rgb));
        }
    }

    /**
     * The categorical palette of charts (the first colours of matplotlib's "tab10"), in order.
     *
     * @param index any index; it wraps around
     * @return the colour at {@code index} modulo the palette's size
     */
    public static Rgb palette(int index) {
        int[] p = {0x1f77b4, 0xd62728, 0x2ca02c, 0x9467bd, 0xff7f0e, 0x8c564b, 0xe377c2, 0x17becf};
        return new Rgb(p[Math.floorMod(index, p.length)]);
    }

    /** @return {@code #rrggbb}, lower case */
    public String hex() {
        return String.format("#%06x", rgb);
    }
}
