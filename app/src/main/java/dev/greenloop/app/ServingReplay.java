package dev.greenloop.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Replays a day of requests against a zone's intensity trace, with carbon-aware serving and with the best-quality
 * variant always, and sums the energy and carbon of both. Each request's energy is its variant's stored energy per
 * query ({@link ServingProfile#joulesPerQuery()}): the figures are modelled from the profiles, whatever the profiles'
 * own provenance; nothing is run. Carbon is energy × the intensity that holds at the request's time (no PUE).
 */
public final class ServingReplay {

    private ServingReplay() {
    }

    /**
     * A day of request arrivals, one text each.
     *
     * @param arrivals arrival times, in order
     * @param source where the pattern comes from, for the report
     */
    public record Requests(List<Instant> arrivals, String source) {

        /** @throws IllegalArgumentException if there are no arrivals */
        public Requests {
            arrivals = List.copyOf(arrivals);
            if (arrivals.isEmpty()) {
                throw new IllegalArgumentException("the request trace %s has no requests on the day asked for".formatted(source));
            }
        }

        /**
         * Reads a count trace ({@code timestamp,value} rows, UTC, {@code YYYY-MM-DD HH:MM:SS}: requests per interval, as
         * NAB's {@code elb_request_count} file) and moves one of its days onto {@code onto}, keeping each count's time of
         * day; the requests of an interval arrive evenly spread over it (an interval lasts until the next row's time; the
         * last row's as long as the one before).
         *
         * @param day the day of the file to take
         * @param onto the day to replay it on
         * @throws IllegalArgumentException naming the file and line of a malformed row, or a day without rows
         * @throws UncheckedIOException if the file cannot be read
         */
        public static Requests fromCounts(Path file, LocalDate day, LocalDate onto) {
            DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
            List<LocalDateTime> times = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException("the request trace %s cannot be read: %s".formatted(file, e.getMessage()), e);
            }
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split(",");
                try {
                    times.add(LocalDateTime.parse(cells[0].strip(), format));
                    counts.add(Math.round(Double.parseDouble(cells[1].strip())));
                } catch (DateTimeParseException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new IllegalArgumentException("%s line %d: '%s' is not 'YYYY-MM-DD HH:MM:SS,count'".formatted(file, i + 1, line));
                }
            }
            List<Instant> arrivals = new ArrayList<>();
            long shiftDays = onto.toEpochDay() - day.toEpochDay();
            for (int i = 0; i < times.size(); i++) {
                LocalDateTime t = times.get(i);
                if (!t.toLocalDate().equals(day)) {
                    continue;
                }
                // An interval lasts until the next row; the last row's lasts as long as the one before it.
                LocalDateTime next = i + 1 < times.size() ? times.get(i + 1)
                        : i > 0 ? t.plus(Duration.between(times.get(i - 1), t)) : t.plusMinutes(5);
                long spanNanos = Math.max(1, Duration.between(t, next).toNanos());
                long n = counts.get(i);
                Instant start = t.plusDays(shiftDays).toInstant(ZoneOffset.UTC);
                for (long k = 0; k < n; k++) {
                    arrivals.add(start.plusNanos(spanNanos * k / n));
                }
            }
            return new Requests(arrivals, "%s, %s (%d requests), replayed on %s".formatted(file.getFileName(), day, arrivals.size(), onto));
        }
    }

    /**
     * One way of serving the day.
     *
     * @param requests requests answered
     * @param byVariant requests per variant, in order of first use
     * @param joules energy, modelled from the stored profiles
     * @param grams gCO2e: each request's energy × the intensity at its time
     */
    public record Totals(long requests, Map<String, Long> byVariant, double joules, double grams) {

        /** @return the energy in kWh */
        public double kWh() {
            return joules / 3.6e6;
        }
    }

    /**
     * The replay's result.
     *
     * @param requests the request trace's description
     * @param alwaysBest the best-quality variant answering every request
     * @param carbonAware the policy choosing per request
     * @param switches the policy's switches over the day
     * @param unpriced requests at a time the trace holds no value for (charged energy but no carbon, in both)
     * @param rule the policy's rule
     * @param inert why the policy can never switch, if it cannot ({@link ServingPolicy#inert()})
     */
    public record Report(String requests, Totals alwaysBest, Totals carbonAware, long switches, long unpriced, String rule, Optional<String> inert) {

        /** @return kWh saved by carbon-aware serving (negative: more) */
        public double savedKWh() {
            return alwaysBest.kWh() - carbonAware.kWh();
        }

        /** @return grams CO2e saved */
        public double savedGrams() {
            return alwaysBest.grams() - carbonAware.grams();
        }
    }

    /**
     * Replays the requests.
     *
     * @param requests the arrivals, in order
     * @param policy builds the policy on the replay's clock (which stands at each request's arrival in turn)
     * @param grid the zone's intensity, as the policy sees it
     * @throws IllegalArgumentException if the policy's variants lack profiles (as {@link ServingPolicy} says)
     */
    public static Report run(Requests requests, Function<Clock, ServingPolicy> policy, ServingPolicy.Grid grid) {
        ReplayClock clock = new ReplayClock(requests.arrivals().getFirst());
        ServingPolicy p = policy.apply(clock);
        Instant from = requests.arrivals().getFirst();
        Instant to = requests.arrivals().getLast().plusSeconds(1);
        List<ZoneIntensities.Point> points = grid.points(from, to).stream()
                .sorted(java.util.Comparator.comparing(ZoneIntensities.Point::start)).toList();
        Sum best = new Sum();
        Sum aware = new Sum();
        long unpriced = 0;
        for (Instant t : requests.arrivals()) {
            clock.now = t;
            OptionalDouble intensity = ServingPolicy.valueAt(points, t);
            if (intensity.isEmpty()) {
                unpriced++;
            }
            double g = intensity.orElse(0);
            best.add(p.best(), p.profile(p.best()).joulesPerQuery(), g);
            String v = p.choose().variant();
            aware.add(v, p.profile(v).joulesPerQuery(), g);
        }
        return new Report(requests.source(), best.totals(), aware.totals(), p.switchCount(), unpriced, p.describe(), p.inert());
    }

    private static final class Sum {
        final Map<String, Long> byVariant = new LinkedHashMap<>();
        long requests;
        double joules;
        double grams;

        void add(String variant, double j, double gramsPerKWh) {
            byVariant.merge(variant, 1L, Long::sum);
            requests++;
            joules += j;
            grams += j / 3.6e6 * gramsPerKWh;
        }

        Totals totals() {
            return new Totals(requests, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byVariant)), joules, grams);
        }
    }

    /** The replay's time: each request's arrival in turn. */
    private static final class ReplayClock extends Clock {
        Instant now;

        ReplayClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
