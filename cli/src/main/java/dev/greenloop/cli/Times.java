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

    /** @return {@code 2026-11-22 02:15:00} (UTC), for tables */
    public static String table(Instant t) {
        return SHORT.format(t);
    }
}
