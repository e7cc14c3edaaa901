package dev.greenloop.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Time formats of the CLI's output. */
public final class Times {

    /** ISO-8601 UTC with milliseconds, always three digits: {@code 2026-11-22T02:15:00.120Z}. */
    public static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** @return {@code t} as {@link #ISO_MILLIS} writes it, for JSON and messages */
    public static String iso(Instant t) {
        return ISO_MILLIS.format(t);
    }

    /**
     * Reads a time option: {@code 2022-03-01T12:00Z} (or any offset), {@code 2022-03-01T12:00} (UTC) or a UTC date
     * {@code 2022-03-01} (its start).
     *
     * @param option the option's name, for the message
     * @throws UsageException naming the option, the text and the forms accepted
     */
    public static Instant parse(String option, String text) {
        String s = text.strip();
        try {
            if (s.matches("\\d{4}-\\d\\d-\\d\\d")) {
                return java.time.LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (s.endsWith("Z") || s.endsWith("z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return java.time.OffsetDateTime.parse(s.toUpperCase(java.util.Locale.ROOT)).toInstant();
            }
            return java.time.LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("%s: '%s' is not a time; write 2022-03-01T12:00Z (UTC), 2022-03-01T12:00 or 2022-03-01".formatted(option, text));
        }
    }

    /** @return {@code 2026-11-22 02:15:00} (UTC), for tables */
    public static String table(Instant t) {
        return SHORT.format(t);
    }
}
