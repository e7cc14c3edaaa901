package dev.greenloop.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses the durations users type: {@code 500ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code PT30S}. */
public final class Durations {

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
     * @throws UsageException naming the bad value and the accepted forms
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
            return positive(option, text, Duration.ofNanos(Math.round(value * nanosPerUnit)));
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new UsageException("%s: '%s' is not a duration; write it like 500ms, 1s, 1.5s, 2m or 1h".formatted(option, text));
        }
    }

    private static Duration positive(String option, String text, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new UsageException("%s: '%s' must be longer than zero".formatted(option, text));
        }
        return d;
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
