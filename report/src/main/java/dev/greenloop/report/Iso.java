package dev.greenloop.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The time format of every codec: ISO-8601 UTC with milliseconds, always three digits ({@code 2026-11-22T02:15:00.120Z}). */
final class Iso {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Iso() {
    }

    static String format(Instant t) {
        return MILLIS.format(t);
    }
}
