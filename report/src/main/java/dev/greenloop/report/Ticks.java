package dev.greenloop.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where an axis puts its ticks, and how it labels them. Every method returns an immutable list in increasing order. */
public final class Ticks {

    /** Time tick spacings in seconds, from a minute to a quarter; beyond, years. */
    private static final long[] TIME_STEPS = {60, 300, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400,
            7 * 86_400, 14 * 86_400, 28 * 86_400, 91 * 86_400};
    private static final long YEAR = 365 * 86_400L;

    /**
     * One tick.
     *
     * @param value where, in the axis's unit (epoch seconds on a time axis)
     * @param label what is written under or beside it
     */
    public record Tick(double value, String label) {
    }

    private Ticks() {
    }

    /**
     * A "nice" step: 1, 2 or 5 times a power of ten.
     *
     * @param raw the smallest step wanted
     * @return the smallest nice step {@code >= raw}
     * @throws IllegalArgumentException if {@code raw} is not a finite number {@code > 0}
     */
    public static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            throw new IllegalArgumentException("a tick step must be a finite number > 0, was " + raw);
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * p >= raw * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /**
     * Ticks of a linear axis: {@link #linearStep} with the step {@code niceStep((max - min) / target)}.
     *
     * @param min the axis's low end
     * @param max the axis's high end
     * @param target about how many intervals are wanted (at most that many)
     * @return the ticks
     * @throws IllegalArgumentException if the ends are not finite with {@code min < max}, or {@code target < 1}
     */
    public static List<Tick> linear(double min, double max, int target) {
        range(min, max);
        if (target < 1) {
            throw new IllegalArgumentException("ticks: target must be >= 1, was " + target);
        }
        return linearStep(min, max, niceStep((max - min) / target));
    }

    /**
     * Ticks of a linear axis at the multiples of {@code step} within [min, max], labelled with as many decimals as the
     * step needs.
     *
     * @param min the axis's low end
     * @param max the axis's high end
     * @param step the spacing, {@code > 0}
     * @return the ticks
     * @throws IllegalArgumentException if the ends are not finite with {@code min < max}, or the step is not {@code > 0}
     */
    public static List<Tick> linearStep(double min, double max, double step) {
        range(min, max);
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("ticks: step must be a finite number > 0, was " + step);
        }
        if ((max - min) / step > 1000) {
            throw new IllegalArgumentException("ticks: step %s gives more than 1000 ticks from %s to %s".formatted(step, min, max));
        }
        int decimals = Math.min(12, Math.max(0, BigDecimal.valueOf(step).round(new MathContext(6)).stripTrailingZeros().scale()));
        List<Tick> ticks = new ArrayList<>();
        double tolerance = step * 1e-9;
        for (long k = (long) Math.ceil((min - tolerance) / step); k * step <= max + tolerance; k++) {
            double v = k * step;
            ticks.add(new Tick(v, decimal(v, decimals)));
        }
        return List.copyOf(ticks);
    }

    /**
     * Ticks of a logarithmic axis: the powers of ten within [min, max]; when fewer than three fall inside, also 2 and
     * 5 times them. Labels are plain decimals from 0.01 to 10000, else {@code 1e+05}.
     *
     * @param min the axis's low end, {@code > 0}
     * @param max the axis's high end
     * @return the ticks
     * @throws IllegalArgumentException if {@code min <= 0} or not {@code min < max}
     */
    public static List<Tick> log(double min, double max) {
        range(min, max);
        if (!(min > 0)) {
            throw new IllegalArgumentException("a logarithmic axis must start above 0, was " + min);
        }
        int a = (int) Math.floor(Math.log10(min));
        int b = (int) Math.ceil(Math.log10(max));
        List<Tick> decades = new ArrayList<>();
        List<Tick> all = new ArrayList<>();
        for (int e = a; e <= b; e++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = m * Math.pow(10, e);
                if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) {
                    Tick t = new Tick(v, logLabel(v));
                    all.add(t);
                    if (m == 1) {
                        decades.add(t);
                    }
                }
            }
        }
        return List.copyOf(decades.size() >= 3 ? decades : all);
    }

    /**
     * Ticks of a time axis in UTC: multiples (since the epoch) of the step {@link #timeStep} gives, labelled
     * {@code MM-dd HH:mm}, or {@code yyyy-MM-dd} for steps of a day or more.
     *
     * @param start the axis's start
     * @param end the axis's end
     * @return the ticks; values in epoch seconds
     * @throws IllegalArgumentException if {@code end} is not after {@code start}
     */
    public static List<Tick> time(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a time axis must end after it starts, was %s to %s".formatted(start, end));
        }
        long t0 = start.getEpochSecond();
        long t1 = end.getEpochSecond();
        long step = timeStep(t1 - t0);
        DateTimeFormatter f = DateTimeFormatter.ofPattern(step >= 86_400 ? "yyyy-MM-dd" : "MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
        List<Tick> ticks = new ArrayList<>();
        for (long t = Math.ceilDiv(t0, step) * step; t <= t1; t += step) {
            ticks.add(new Tick(t, f.format(Instant.ofEpochSecond(t))));
        }
        return List.copyOf(ticks);
    }

    /**
     * @param spanSeconds the span of a time axis
     * @return the smallest of 1, 5, 15, 30 minutes, 1, 2, 3, 6, 12 hours, 1, 2, 7, 14, 28, 91 days that gives at most ten
     *         intervals, else a year of 365 days (in seconds)
     */
    public static long timeStep(long spanSeconds) {
        for (long s : TIME_STEPS) {
            if (spanSeconds / s <= 10) {
                return s;
            }
        }
        return YEAR;
    }

    private static void range(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
            throw new IllegalArgumentException("an axis needs finite ends with min < max, was %s to %s".formatted(min, max));
        }
    }

    private static String decimal(double v, int decimals) {
        if (Math.abs(v) >= 1e7) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        // BigDecimal has no negative zero, so -0.0 and -1e-17 print as 0.
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    private static String logLabel(double v) {
        if (Math.abs(v) < 0.01 || Math.abs(v) >= 10000) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
