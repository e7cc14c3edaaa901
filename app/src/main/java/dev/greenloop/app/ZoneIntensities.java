package dev.greenloop.app;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.TraceFiles;
import dev.greenloop.carbon.live.LivePoint;
import dev.greenloop.carbon.live.LiveProvider;
import dev.greenloop.carbon.live.LiveProviderException;
import dev.greenloop.store.ArchivedIntensity;
import dev.greenloop.store.IntensityArchive;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The carbon intensity a server knows, per zone: trace files (read once, indexed by time), live providers (their
 * fetched forecasts and actuals archived in the store) and the store's archive. Built once from the server's options;
 * answers the {@code /api/v1/intensity} route, the Carbon Aware SDK routes (through {@link CarbonAwareQueries}) and
 * {@code /metrics} ({@link #current()}).
 *
 * <p>Which source answers what: a zone with a trace has its actuals from the trace and no forecast (it is historic
 * data); a zone with a provider has its actuals from the archive (every actual fetched by any Greenloop process on the
 * store, and the provider's current value, archived as it is served) and its forecasts from the provider (the newest,
 * archived by the provider on fetch) and the archive (older ones, by issue time). A zone may have both. Every point
 * says its kind ({@value #ACTUAL} or {@value #FORECAST}), signal and source.
 *
 * <p>Safe for use by many threads. Zones are matched ignoring case. Provider failures surface as
 * {@link LiveProviderException}; a store failure as {@link dev.greenloop.store.StoreException}.
 */
public final class ZoneIntensities implements AutoCloseable {

    /** Kind of a measured (or estimated after the fact) value. */
    public static final String ACTUAL = "actual";
    /** Kind of a predicted value. */
    public static final String FORECAST = "forecast";
    /** How long before a time archived forecasts are looked for: longer than any provider's forecast horizon. */
    public static final Duration FORECAST_LOOKBACK = Duration.ofDays(4);
    /** How long before a range archived actuals are looked for, to find the point that covers its start. */
    private static final Duration ACTUAL_LOOKBACK = Duration.ofDays(1);

    /**
     * One value, labelled.
     *
     * @param zone the zone, as the server knows it
     * @param start when it starts to apply
     * @param end when it stops applying
     * @param gramsPerKWh the intensity, gCO2eq/kWh
     * @param kind {@value #ACTUAL} or {@value #FORECAST}
     * @param signal kind and basis, such as {@code average-lifecycle}
     * @param source who published it, such as a trace file or a provider's API
     * @param issuedAt when it was issued (a forecast's issue time, a provider's publication time); null for a trace's
     */
    public record Point(String zone, Instant start, Instant end, double gramsPerKWh, String kind, String signal, String source,
            Instant issuedAt) {

        /** @throws NullPointerException if an argument other than {@code issuedAt} is null */
        public Point {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(source, "source");
        }

        /** @return how long it applies */
        public Duration duration() {
            return Duration.between(start, end);
        }
    }

    /**
     * One forecast as issued.
     *
     * @param zone the zone
     * @param generatedAt when it was issued
     * @param points its points in time order, not empty
     */
    public record Forecast(String zone, Instant generatedAt, List<Point> points) {

        /** @throws IllegalArgumentException if there are no points */
        public Forecast {
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("a forecast for " + zone + " has no points");
            }
        }
    }

    /**
     * The values that apply now, for {@code /metrics}' {@code greenloop_grid_intensity_grams_per_kwh{zone,signal,kind}}.
     *
     * @param values one per zone, signal and kind that has a value covering now
     * @param unavailable zones whose source failed, with why
     */
    public record Snapshot(List<Point> values, Map<String, String> unavailable) {
    }

    private final Map<String, IntensitySeries> traces;
    private final Map<String, String> traceSources;
    private final Map<String, LiveProvider> providers;
    private final Map<String, String> canonical = new LinkedHashMap<>();
    private final List<String> zones;
    private final OnceArchive archive;
    private final IntensityService service;
    private final Clock clock;

    private ZoneIntensities(Map<String, IntensityTrace> traces, Map<String, LiveProvider> providers, OnceArchive archive,
            IntensityService service, Clock clock) {
        this.traces = new LinkedHashMap<>();
        this.traceSources = new LinkedHashMap<>();
        Set<String> all = new java.util.TreeSet<>();
        traces.forEach((zone, trace) -> {
            this.traces.put(zone, IntensitySeries.of(zone, trace));
            this.traceSources.put(zone, trace.signal().source());
            all.add(zone);
        });
        this.providers = Map.copyOf(providers);
        all.addAll(providers.keySet());
        for (String z : all) {
            if (canonical.put(z.toLowerCase(Locale.ROOT), z) != null) {
                throw new IllegalArgumentException("zone %s is given twice, in different case; give it once".formatted(z));
            }
        }
        this.zones = List.copyOf(all);
        this.archive = archive;
        this.service = service;
        this.clock = clock;
    }

    /**
     * Reads the trace files and opens the providers, once.
     *
     * @param traceFiles trace files by zone ({@code --trace ZONE=FILE}), read with {@link TraceFiles#read} (lifecycle basis)
     * @param providerByZone a registered provider name per zone ({@code --provider P --zone Z}), lifecycle basis
     * @param environment provider credentials and base URLs, and the store ({@code GREENLOOP_DB}, {@code GREENLOOP_HOME})
     *     whose archive is opened on first use
     * @param clock what "now" and "current" mean
     * @throws IOException if a trace file cannot be read
     * @throws dev.greenloop.carbon.InvalidTraceException naming the zone, file and line of a malformed trace
     * @throws dev.greenloop.carbon.live.UnknownProviderException if a provider name is not registered
     * @throws dev.greenloop.carbon.live.MissingCredentialsException naming a provider's missing credential
     */
    public static ZoneIntensities open(Map<String, Path> traceFiles, Map<String, String> providerByZone, Map<String, String> environment,
            Clock clock) throws IOException {
        Map<String, IntensityTrace> traces = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : traceFiles.entrySet()) {
            try {
                traces.put(e.getKey(), TraceFiles.read(e.getValue(), e.getKey(), TraceFiles.Basis.LIFECYCLE));
            } catch (dev.greenloop.carbon.InvalidTraceException x) {
                throw new dev.greenloop.carbon.InvalidTraceException(e.getKey() + "=" + e.getValue() + ": " + x.getMessage());
            }
        }
        StoreConfig store = StoreConfig.fromEnvironment(environment);
        OnceArchive archive = new OnceArchive(() -> Stores.openArchive(store));
        IntensityService service = new IntensityService(environment, archive, clock);
        Map<String, LiveProvider> providers = new LinkedHashMap<>();
        providerByZone.forEach((zone, name) -> providers.put(zone, service.provider(name, LivePoint.LIFECYCLE)));
        return new ZoneIntensities(traces, providers, archive, service, clock);
    }

    /**
     * Serves given traces and providers (tests, embedding). The providers' fetched forecasts are archived by whatever
     * sink they were opened with; the current actuals this serves are archived in {@code archive}.
     *
     * @param archive opens the archive, on first use; this closes it
     * @throws IllegalArgumentException if a zone is given twice in different case
     */
    public static ZoneIntensities of(Map<String, IntensityTrace> traces, Map<String, LiveProvider> providers, Supplier<IntensityArchive> archive,
            Clock clock) {
        OnceArchive once = new OnceArchive(archive);
        return new ZoneIntensities(traces, providers, once, new IntensityService(Map.of(), once, clock), clock);
    }

    /** @return the zones known, ordered by code; immutable */
    public List<String> zones() {
        return zones;
    }

    /**
     * @param location a zone as a caller spelled it, any case
     * @param field the request field that named it, for the exception
     * @return the zone as the server knows it
     * @throws UnknownLocationException if no source serves it
     */
    public String zone(String location, String field) {
        String z = location == null ? null : canonical.get(location.strip().toLowerCase(Locale.ROOT));
        if (z == null) {
            throw new UnknownLocationException(field, location, zones);
        }
        return z;
    }

    /** @return whether the zone has a forecast source (a provider) */
    public boolean hasForecasts(String zone) {
        return providers.containsKey(zone);
    }

    /** @return what serves the zone, for messages: its trace's source and provider's name */
    public String describe(String zone) {
        List<String> parts = new ArrayList<>();
        if (traceSources.containsKey(zone)) {
            parts.add(traceSources.get(zone));
        }
        if (providers.containsKey(zone)) {
            parts.add("provider " + providers.get(zone).name());
        }
        return String.join(" and ", parts);
    }

    /**
     * @param zone a zone from {@link #zone}
     * @return the actual points that overlap {@code [from, to)}, trace points first, then archived ones, each in time order
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     * @throws LiveProviderException if the range holds now and the provider fails to give its current value
     */
    public List<Point> actuals(String zone, Instant from, Instant to) {
        checkRange(from, to);
        List<Point> out = new ArrayList<>();
        IntensitySeries trace = traces.get(zone);
        if (trace != null) {
            out.addAll(trace.overlapping(from, to));
        }
        if (providers.containsKey(zone)) {
            out.addAll(archivedActuals(zone, from, to).overlapping(from, to));
        }
        return out;
    }

    /**
     * The series the Carbon Aware SDK routes answer from: the trace where the zone has one, else the archived actuals.
     */
    IntensitySeries emissionSeries(String zone, Instant from, Instant to) {
        IntensitySeries trace = traces.get(zone);
        return trace != null ? trace : archivedActuals(zone, from, to);
    }

    private IntensitySeries archivedActuals(String zone, Instant from, Instant to) {
        Instant now = clock.instant();
        if (!now.isBefore(from) && now.isBefore(to.equals(from) ? to.plusNanos(1) : to)) {
            // Archive the provider's current value, so that what the server serves now is there to serve later.
            service.now(providers.get(zone), zone);
        }
        List<Point> rows = archive.get().actuals(zone, from.minus(ACTUAL_LOOKBACK), to.equals(from) ? to.plusSeconds(1) : to)
                .stream().map(ZoneIntensities::point).toList();
        return IntensitySeries.of(rows);
    }

    /**
     * @param zone a zone from {@link #zone}
     * @return the forecast points that overlap {@code [from, to)}, of every forecast issued (the provider's newest when
     *     the range reaches past now, and the archived ones), by issue time then start; empty for a zone without provider
     * @throws LiveProviderException if the provider fails
     */
    public List<Point> forecasts(String zone, Instant from, Instant to) {
        checkRange(from, to);
        if (!providers.containsKey(zone)) {
            return List.of();
        }
        List<Point> out = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        if (to.isAfter(clock.instant())) {
            for (Point p : currentForecast(zone).points()) {
                if (p.end().isAfter(from) && p.start().isBefore(to) && seen.add(List.of(p.source(), p.issuedAt(), p.start()))) {
                    out.add(p);
                }
            }
        }
        for (ArchivedIntensity a : archive.get().forecastsIssued(zone, from.minus(FORECAST_LOOKBACK), to)) {
            Point p = point(a);
            if (p.end().isAfter(from) && p.start().isBefore(to) && seen.add(List.of(p.source(), p.issuedAt(), p.start()))) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(Point::issuedAt).thenComparing(Point::start));
        return out;
    }

    /**
     * @return the zone's newest actual: a trace's last point, or the provider's current value (archived)
     * @throws LiveProviderException if the provider fails
     */
    public Optional<Point> latestActual(String zone) {
        if (providers.containsKey(zone)) {
            return Optional.of(live(zone, service.now(providers.get(zone), zone).point()));
        }
        IntensitySeries trace = traces.get(zone);
        return trace == null || trace.size() == 0 ? Optional.empty() : Optional.of(trace.point(trace.size() - 1));
    }

    /**
     * @return the provider's newest forecast for the zone (archived by the provider on fetch)
     * @throws NoForecastException (unsupported) if the zone has no provider
     * @throws LiveProviderException if the provider fails or answers no points
     */
    public Forecast currentForecast(String zone) {
        LiveProvider provider = providers.get(zone);
        if (provider == null) {
            throw noForecastSource(zone);
        }
        List<Point> points = service.forecast(provider, zone, null).stream().map(p -> live(zone, p)).toList();
        return new Forecast(zone, points.getFirst().issuedAt(), points);
    }

    /**
     * @return the newest forecast archived for the zone that was issued at or before {@code requestedAt} (and not more
     *     than {@link #FORECAST_LOOKBACK} before it): what a client would have had then
     * @throws NoForecastException unsupported if the zone has no provider; not unsupported if none is archived for then
     */
    public Forecast forecastAsOf(String zone, Instant requestedAt) {
        if (!providers.containsKey(zone)) {
            throw noForecastSource(zone);
        }
        List<ArchivedIntensity> rows = archive.get().forecastsIssued(zone, requestedAt.minus(FORECAST_LOOKBACK), requestedAt.plusMillis(1));
        if (rows.isEmpty()) {
            throw new NoForecastException(zone, false, "no forecast for %s issued from %s to %s is archived in %s; forecasts are archived as they are fetched"
                    .formatted(zone, requestedAt.minus(FORECAST_LOOKBACK), requestedAt, archive.get().location()));
        }
        ArchivedIntensity newest = rows.getLast();
        List<Point> points = rows.stream()
                .filter(r -> r.issuedAt().equals(newest.issuedAt()) && r.source().equals(newest.source()) && r.signal().equals(newest.signal()))
                .map(ZoneIntensities::point).sorted(Comparator.comparing(Point::start)).toList();
        return new Forecast(zone, newest.issuedAt(), points);
    }

    private NoForecastException noForecastSource(String zone) {
        return new NoForecastException(zone, true, "location %s has only historic data (%s), no forecast; give it a provider: --provider P --zone %s"
                .formatted(zone, describe(zone), zone));
    }

    /**
     * What applies now in every zone: a trace's point covering now, a provider's current value (archived) and the point
     * of its newest forecast covering now. A provider that fails is listed in {@link Snapshot#unavailable()} with why;
     * the other zones are still answered.
     */
    public Snapshot current() {
        Instant now = clock.instant();
        List<Point> values = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (String zone : zones) {
            IntensitySeries trace = traces.get(zone);
            if (trace != null) {
                values.addAll(trace.overlapping(now, now));
            }
            if (providers.containsKey(zone)) {
                try {
                    values.add(latestActual(zone).orElseThrow());
                    currentForecast(zone).points().stream().filter(p -> !p.start().isAfter(now) && p.end().isAfter(now)).findFirst()
                            .ifPresent(values::add);
                } catch (LiveProviderException | IllegalArgumentException e) {
                    unavailable.put(zone, e.getMessage());
                }
            }
        }
        return new Snapshot(List.copyOf(values), Map.copyOf(unavailable));
    }

    private static void checkRange(Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends at %s, before it starts at %s".formatted(to, from));
        }
    }

    private static Point live(String zone, LivePoint p) {
        return new Point(zone, p.interval().start(), p.interval().end(), p.intensity().gramsPerKWh(), p.signal().resolution(),
                p.signal().kind() + "-" + p.signal().basis(), p.signal().source(), p.issuedAt());
    }

    private static Point point(ArchivedIntensity a) {
        return new Point(a.zone(), a.interval().start(), a.interval().end(), a.intensity().gramsPerKWh(), a.kind().sqlName(), a.signal(),
                a.source(), a.issuedAt());
    }

    /** Closes the archive if it was opened. */
    @Override
    public void close() {
        archive.close();
    }

    /** Opens the archive on first use, once, for this and the service (which is never closed on its own). */
    private static final class OnceArchive implements Supplier<IntensityArchive> {
        private final Supplier<IntensityArchive> opener;
        private IntensityArchive archive;

        OnceArchive(Supplier<IntensityArchive> opener) {
            this.opener = Objects.requireNonNull(opener, "archive");
        }

        @Override
        public synchronized IntensityArchive get() {
            if (archive == null) {
                archive = opener.get();
            }
            return archive;
        }

        synchronized void close() {
            if (archive != null) {
                archive.close();
                archive = null;
            }
        }
    }
}
