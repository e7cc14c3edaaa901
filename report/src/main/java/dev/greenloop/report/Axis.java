package dev.greenloop.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One axis of a chart: its kind, its range and its title. Values on a {@link Kind#TIME} axis are epoch seconds; on a
 * {@link Kind#LANES} axis, lane {@code i} spans [i, i + 1), lane 0 at the top.
 *
 * @param kind how values map to positions
 * @param min the low end (the start of a time axis; 0 for lanes)
 * @param max the high end (the number of lanes, at least 1)
 * @param title the axis title, may be empty
 * @param lanes the lanes' labels, top first; empty unless {@code kind} is {@link Kind#LANES}
 * @param tickStep the spacing of a linear axis's ticks; 0 to let {@link Ticks#linear(double, double, int)} choose
 */
public record Axis(Kind kind, double min, double max, String title, List<String> lanes, double tickStep) {

    /** How an axis maps values to positions. */
    public enum Kind {
        /** Linear, with nice decimal ticks. */
        LINEAR,
        /** Logarithmic (base 10), with ticks at powers of ten. */
        LOG,
        /** Linear in epoch seconds, with UTC date and time ticks. */
        TIME,
        /** Equal lanes, one per label, for bars. */
        LANES
    }

    /**
     * @throws IllegalArgumentException if the ends are not finite with {@code min < max}, a logarithmic axis starts at or
     *         below 0, lanes are given to an axis of another kind, or a tick step is negative, not finite or given to an axis
     *         that is not linear
     * @throws NullPointerException if {@code kind}, {@code title} or {@code lanes} is null
     */
    public Axis {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        lanes = List.copyOf(lanes);
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
            throw new IllegalArgumentException("axis %s: needs finite ends with min < max, was %s to %s".formatted(title, min, max));
        }
        if (kind == Kind.LOG && !(min > 0)) {
            throw new IllegalArgumentException("axis %s: a logarithmic axis must start above 0, was %s".formatted(title, min));
        }
        if (!(tickStep >= 0) || !Double.isFinite(tickStep) || (tickStep > 0 && kind != Kind.LINEAR)) {
            throw new IllegalArgumentException("axis %s: a tick step must be >= 0, and only on a linear axis, was %s".formatted(title, tickStep));
        }
        if (kind != Kind.LANES && !lanes.isEmpty()) {
            throw new IllegalArgumentException("axis %s: only a lanes axis has lane labels".formatted(title));
        }
    }

    /** @return a linear axis from {@code min} to {@code max} */
    public static Axis linear(double min, double max, String title) {
        return new Axis(Kind.LINEAR, min, max, title, List.of(), 0);
    }

    /**
     * A linear axis from 0 that holds {@code maxValue} with 5 % headroom, its ticks {@code niceStep(max / intervals)} apart,
     * ending on one of them.
     *
     * @param maxValue the largest value to show; values {@code <= 0} are taken as {@code floor}
     * @param floor the smallest top wanted, {@code > 0} (for an all-zero series)
     * @param intervals about how many tick intervals are wanted
     * @return the axis
     */
    public static Axis fromZero(double maxValue, double floor, int intervals, String title) {
        double top = Math.max(maxValue, floor);
        double step = Ticks.niceStep(top / intervals);
        return new Axis(Kind.LINEAR, 0, Math.ceil(top * 1.05 / step) * step, title, List.of(), step);
    }

    /** @return a logarithmic axis from {@code min > 0} to {@code max} */
    public static Axis log(double min, double max, String title) {
        return new Axis(Kind.LOG, min, max, title, List.of(), 0);
    }

    /** @return a time axis from {@code start} to {@code end} (whole seconds) */
    public static Axis time(Instant start, Instant end, String title) {
        return new Axis(Kind.TIME, start.getEpochSecond(), end.getEpochSecond(), title, List.of(), 0);
    }

    /** @return a lanes axis with one lane per label, top first; the title is shown when the lanes are too thin for labels */
    public static Axis lanes(List<String> labels, String title) {
        return new Axis(Kind.LANES, 0, Math.max(1, labels.size()), title, labels, 0);
    }

    /** @return the ticks of this axis, as {@link Ticks} places them (at most 8 intervals on a linear axis without a step); none for lanes */
    public List<Ticks.Tick> ticks() {
        return switch (kind) {
            case LINEAR -> tickStep > 0 ? Ticks.linearStep(min, max, tickStep) : Ticks.linear(min, max, 8);
            case LOG -> Ticks.log(min, max);
            case TIME -> Ticks.time(Instant.ofEpochSecond((long) min), Instant.ofEpochSecond((long) max));
            case LANES -> List.of();
        };
    }

    /** @return where {@code v} lies, 0 at {@code min} and 1 at {@code max} (beyond for values outside; NaN stays NaN) */
    double fraction(double v) {
        if (kind == Kind.LOG) {
            return (Math.log10(Math.max(v, Double.MIN_NORMAL)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        }
        return (v - min) / (max - min);
    }
}
