package dev.greenloop.carbon.live;

import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Interval;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The UK NESO (National Energy System Operator) Carbon Intensity API: half-hourly average intensity for
 * Great Britain and its 17 regions, with a 48-hour forecast. No key needed. Thread-safe.
 *
 * <p>Zones: {@code GB} for Great Britain (national: forecast and estimated actual), {@code GB-1} to
 * {@code GB-17} for the API's regions by id (1 North Scotland … 13 London, 14 South East England,
 * 15 England, 16 Scotland, 17 Wales; regional: forecast only, so regional history is labelled forecast).
 *
 * <p>Endpoints (https://carbon-intensity.github.io/api-definitions/): {@code GET /intensity},
 * {@code /intensity/{from}/fw48h}, {@code /intensity/{from}/{to}} (at most 14 days, so longer ranges are
 * fetched in parts), {@code /regional/regionid/{id}}, {@code /regional/intensity/{from}/fw48h/regionid/{id}}
 * and {@code /regional/intensity/{from}/{to}/regionid/{id}}; times are {@code YYYY-MM-DDThh:mmZ}. Each answer
 * holds {@code data[]} entries (nested one level deeper for regions) with {@code from}, {@code to} and
 * {@code intensity.forecast}, {@code intensity.actual} (national only; null until known) and
 * {@code intensity.index}, in gCO2/kWh.
 *
 * <p>Signal: average, direct. NESO's emission factors count generation in Great Britain plus imports at
 * each interconnected country's factor, with zero for nuclear, wind and solar (not lifecycle). NESO
 * publishes no issue time, so {@code issuedAt} is the time of the fetch.
 */
public final class NesoProvider implements LiveProvider {

    /** The API's public address. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.carbonintensity.org.uk");

    /** {@code source} of every point. */
    public static final String SOURCE = "UK NESO Carbon Intensity API";

    /** The longest range one {@code /intensity/{from}/{to}} request may ask for, per the API's documentation. */
    static final Duration MAX_RANGE = Duration.ofDays(14);

    private static final Pattern ZONE = Pattern.compile("GB(?:-(\\d{1,2}))?");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private final ProviderSupport support;

    /** @return a provider for the public API with default options, archiving nothing */
    public static NesoProvider create() {
        return new NesoProvider(DEFAULT_BASE_URL, LiveOptions.defaults(), ArchiveSink.NONE);
    }

    /**
     * @param baseUrl where the API is, such as {@link #DEFAULT_BASE_URL}
     * @param options timeouts, retries and cache lifetimes
     * @param sink receives every forecast fetched
     */
    public NesoProvider(URI baseUrl, LiveOptions options, ArchiveSink sink) {
        this(baseUrl, options, sink, Clock.systemUTC(), duration -> Thread.sleep(duration));
    }

    /**
     * @param baseUrl where the API is, such as {@link #DEFAULT_BASE_URL}
     * @param options timeouts, retries and cache lifetimes
     * @param sink receives every forecast fetched
     * @param cache where answers are shared with other provider objects and processes
     * @param clock the time that answers' ages are measured with
     */
    public NesoProvider(URI baseUrl, LiveOptions options, ArchiveSink sink, AnswerCache cache, Clock clock) {
        this(baseUrl, options, sink, cache, clock, duration -> Thread.sleep(duration));
    }

    NesoProvider(URI baseUrl, LiveOptions options, ArchiveSink sink, Clock clock, HttpFetcher.Sleeper sleeper) {
        this(baseUrl, options, sink, AnswerCache.NONE, clock, sleeper);
    }

    NesoProvider(URI baseUrl, LiveOptions options, ArchiveSink sink, AnswerCache cache, Clock clock, HttpFetcher.Sleeper sleeper) {
        this.support = new ProviderSupport("neso", "", baseUrl, options, sink, cache, clock, sleeper);
    }

    @Override
    public String name() {
        return "neso";
    }

    /** {@inheritDoc} The estimated actual where NESO has one (national), otherwise the forecast, labelled so. */
    @Override
    public LivePoint current(String zone) {
        Target target = target(zone);
        String path = target.region == 0 ? "/intensity" : "/regional/regionid/" + target.region;
        return support.current(target.zone, () -> {
            Instant now = support.clock.instant();
            List<LivePoint> points = fetch(target, path, false);
            if (points.isEmpty()) {
                throw new LiveProviderException("neso: %s answered no intensity for %s".formatted(path, target.zone));
            }
            return points.stream().filter(p -> !p.interval().start().isAfter(now) && p.interval().end().isAfter(now))
                    .findFirst().orElse(points.getFirst());
        });
    }

    @Override
    public List<LivePoint> forecast(String zone) {
        Target target = target(zone);
        // The cache key is the zone, not the URL, whose start time changes every minute.
        return support.forecast(target.zone, () -> {
            String from = MINUTES.format(support.clock.instant().truncatedTo(ChronoUnit.MINUTES));
            String path = target.region == 0 ? "/intensity/" + from + "/fw48h"
                    : "/regional/intensity/" + from + "/fw48h/regionid/" + target.region;
            return fetch(target, path, true);
        });
    }

    @Override
    public List<LivePoint> history(String zone, Instant from, Instant to) {
        ProviderSupport.checkRange(from, to);
        Target target = target(zone);
        TreeMap<Instant, LivePoint> byStart = new TreeMap<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(MAX_RANGE)) {
            Instant end = start.plus(MAX_RANGE).isBefore(to) ? start.plus(MAX_RANGE) : to;
            String range = MINUTES.format(start) + "/" + MINUTES.format(end);
            String path = target.region == 0 ? "/intensity/" + range : "/regional/intensity/" + range + "/regionid/" + target.region;
            for (LivePoint point : support.history(target.zone + " " + path, () -> fetch(target, path, false))) {
                Instant s = point.interval().start();
                if (!s.isBefore(from) && s.isBefore(to)) {
                    byStart.put(s, point);
                }
            }
        }
        return List.copyOf(byStart.values());
    }

    /** @param forecastOnly label every point a forecast (the forecast endpoint) rather than preferring actuals */
    private List<LivePoint> fetch(Target target, String path, boolean forecastOnly) {
        Instant fetchedAt = support.clock.instant();
        return support.fetch(support.uri(path), Map.of(), List.of(), json -> {
            List<Map<String, Object>> entries = new ArrayList<>();
            collectEntries(json, entries);
            List<LivePoint> points = new ArrayList<>(entries.size());
            for (Map<String, Object> entry : entries) {
                Map<String, Object> intensity = Json.object(entry.get("intensity"), "intensity");
                var actual = forecastOnly ? Optional.<Double>empty() : Json.optionalNumber(intensity, "actual");
                var forecast = Json.optionalNumber(intensity, "forecast");
                if (actual.isEmpty() && forecast.isEmpty()) {
                    continue; // NESO leaves both null for intervals it has no figure for yet: nothing to report.
                }
                String resolution = actual.isPresent() ? LivePoint.ACTUAL : LivePoint.FORECAST;
                CarbonSignal signal = new CarbonSignal(target.zone, LivePoint.AVERAGE, LivePoint.DIRECT, resolution, SOURCE);
                Interval interval = new Interval(Json.time(entry, "from"), Json.time(entry, "to"));
                points.add(new LivePoint(signal, interval, CarbonIntensity.ofGramsPerKWh(actual.orElseGet(forecast::get)), fetchedAt));
            }
            points.sort(Comparator.comparing(p -> p.interval().start()));
            return List.copyOf(points);
        });
    }

    /** Finds the {@code {from, to, intensity}} entries wherever the national or regional shape nests them. */
    private static void collectEntries(Object node, List<Map<String, Object>> into) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = Json.object(raw, "entry");
            if (map.containsKey("from") && map.containsKey("to") && map.containsKey("intensity")) {
                into.add(map);
            } else {
                map.values().forEach(v -> collectEntries(v, into));
            }
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectEntries(v, into));
        }
    }

    private static Target target(String zone) {
        Objects.requireNonNull(zone, "zone");
        String code = zone.strip().toUpperCase(Locale.ROOT);
        Matcher m = ZONE.matcher(code);
        if (m.matches()) {
            int region = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            if (region <= 17 && (m.group(1) == null || region >= 1)) {
                return new Target(code, region);
            }
        }
        throw new IllegalArgumentException(("the UK NESO Carbon Intensity API has no zone '%s': use GB (Great Britain)"
                + " or GB-1 to GB-17 (its regions by id, such as GB-13 for London)").formatted(zone));
    }

    /** @param region 0 for national, else the API's region id */
    private record Target(String zone, int region) {
    }
}
