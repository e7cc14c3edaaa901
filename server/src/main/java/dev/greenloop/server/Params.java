package dev.greenloop.server;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads query parameters; a bad one is a 400 naming the parameter, its value and the forms accepted. */
final class Params {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Params() {
    }

    /** @return the time in the parameter: ISO-8601 with an offset ({@code 2026-12-05T10:00:00Z}) or a UTC date */
    static Optional<Instant> time(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        try {
            if (t.length() == 10) {
                return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "Bad Request", ("%s '%s' is not an ISO-8601 time; write 2026-12-05T10:00:00Z, one with an"
                    + " offset such as 2026-12-05T11:00:00+01:00, or a UTC date 2026-12-05").formatted(name, text), name);
        }
    }

    /**
     * @return the step in the parameter, {@code fallback} when absent: {@code 60s}, {@code 1m}, {@code 1h},
     *     {@code 500ms}, {@code 1d} or ISO-8601 ({@code PT1M}), &gt; 0
     */
    static Duration step(Context ctx, String name, Duration fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.strip();
        Duration d = null;
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(t);
            } catch (DateTimeParseException e) {
                d = null;
            }
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ProblemException(400, "Bad Request", ("%s '%s' is not a positive duration; write 60s, 1m, 1h, 1d or ISO-8601 such"
                    + " as PT1M").formatted(name, text), name);
        }
        return d;
    }

    /** A period from {@code from} and {@code to}: {@code to} defaults to now, {@code from} to {@code to} minus a day. */
    record Period(Instant from, Instant to) {
    }

    static Period period(Context ctx, Instant now) {
        Instant to = time(ctx, "to").orElse(now);
        Instant from = time(ctx, "from").orElse(to.minus(Duration.ofDays(1)));
        if (!from.isBefore(to)) {
            throw new ProblemException(400, "Bad Request", "from %s is not before to %s; give a period that ends after it starts"
                    .formatted(Responses.iso(from), Responses.iso(to)), "from");
        }
        return new Period(from, to);
    }
}
