package dev.greenloop.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses the durations users type: {@code 500ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code PT30S}, up to
 * {@link #MAX} (10 years); a longer one is refused rather than clamped.
 */
public final class Durations {

    /** The longest duration accepted: 10 years (3,653 days), beyond any deadline, window or monitoring run. */
    public static final Duration MAX = Duration.ofDays(3653);

    /** What the message of a duration over {@link #MAX} says, so that a caller trying other forms first can pass it on. */
    public static final String TOO_LONG = "longer than 10 years";

    private Durations() {
    }

    /**
     * A sampling interval: a duration no shorter than the meter's shortest ({@code 10ms}).
     *
     * @param option the option or setting the text came from, for the message
     * @throws UsageException naming the bad value and the shortest allowed
     */
    public static Duration samplingInterval(String option, String text) {
        Duration d = parse(option, text);
        if (d.compareTo(dev.greenloop.meter.MeterConfig.MIN_INTERVAL) < 0) {
            throw new UsageException("%s: %s is too short; the shortest sampling interval is %s".formatted(option, text.trim(),
                    format(dev.greenloop.meter.MeterConfig.MIN_INTERVAL)));
        }
        return d;
    }

    /**
     * @param option the option or setting the text came from, for the message
     * @return the duration, longer than zero and at most {@link #MAX}
     * @throws UsageException naming the bad value and the accepted forms, or the limit it exceeds
     */
    public static Duration parse(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return positive(option, text, Duration.parse(text.trim().toUpperCase(Locale.ROOT)));
            }
            String unit;
            String number;
            if (t.endsWith("ms")) {
                unit = "ms";
                number = t.substring(0, t.length() - 2);
            } else if (!t.isEmpty() && "smhd".indexOf(t.charAt(t.length() - 1)) >= 0) {
                unit = t.substring(t.length() - 1);
                number = t.substring(0, t.length() - 1);
            } else {
                unit = "s";
                number = t;
            }
            double value = Double.parseDouble(number.trim());
            double nanosPerUnit = switch (unit) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> 86400e9;
            };
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            double nanos = value * nanosPerUnit;
            if (nanos > MAX.toNanos()) {
                throw tooLong(option, text);
            }
            return positive(option, text, Duration.ofNanos(Math.round(nanos)));
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new UsageException("%s: '%s' is not a duration; write it like 500ms, 1s, 1.5s, 2m or 1h".formatted(option, text));
        }
    }

    private static Duration positive(String option, String text, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new UsageException("%s: '%s' must be longer than zero".formatted(option, text));
        }
        if (d.compareTo(MAX) > 0) {
            throw tooLong(option, text);
        }
        return d;
    }

    private static UsageException tooLong(String option, String text) {
        return new UsageException(("%s: '%s' is " + TOO_LONG + " (3653d), the longest duration accepted; give a shorter one, such as 30d")
                .formatted(option, text.trim()));
    }

    /** @return the duration as people write it: {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h03m} */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
