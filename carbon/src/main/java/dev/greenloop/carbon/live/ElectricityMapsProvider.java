package dev.greenloop.carbon.live;

import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Interval;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Electricity Maps API v3: average carbon intensity per zone, hourly, lifecycle by default or direct.
 * Needs a token, read from {@value #TOKEN_VARIABLE}. Thread-safe.
 *
 * <p>Zones are Electricity Maps zone keys ({@code DE}, {@code FR}, {@code US-CAL-CISO}), the same codes
 * Greenloop uses everywhere; which zones and endpoints a token may use depends on its plan.
 *
 * <p>Endpoints (https://portal.electricitymaps.com/docs/api): {@code GET /v3/carbon-intensity/latest?zone=}
 * (one object), {@code /v3/carbon-intensity/forecast?zone=} ({@code forecast[]} and {@code updatedAt}) and
 * {@code /v3/carbon-intensity/past-range?zone=&start=&end=} ({@code data[]}; at most 10 days of hourly data
 * per request, so longer ranges are fetched in parts), each with {@code emissionFactorType=lifecycle|direct}
 * and the token in the {@code auth-token} header. Points carry {@code carbonIntensity} (gCO2eq/kWh),
 * {@code datetime} (start of the hour) and {@code updatedAt}, which is used as the issue time (the fetch
 * time where absent).
 */
public final class ElectricityMapsProvider implements LiveProvider {

    /** The API's public address. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.electricitymaps.com");

    /** The environment variable that holds the API token. */
    public static final String TOKEN_VARIABLE = "ELECTRICITYMAPS_TOKEN";

    /** {@code source} of every point. */
    public static final String SOURCE = "Electricity Maps API v3";

    /** The longest range one past-range request may ask for, per the API's documentation for hourly data. */
    static final Duration MAX_RANGE = Duration.ofDays(10);

    private static final Duration HOUR = Duration.ofHours(1);

    private final ProviderSupport support;
    private final String token;
    private final String basis;

    /**
     * @param env the environment to read {@value #TOKEN_VARIABLE} from, usually {@link System#getenv()}
     * @param basis {@link LivePoint#LIFECYCLE} (the provider's default) or {@link LivePoint#DIRECT}
     * @return a provider for the public API
     * @throws MissingCredentialsException if {@value #TOKEN_VARIABLE} is unset or blank
     */
    public static ElectricityMapsProvider fromEnvironment(Map<String, String> env, String basis, LiveOptions options,
            ArchiveSink sink) {
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new MissingCredentialsException("Electricity Maps", TOKEN_VARIABLE,
                    "an API token from the Electricity Maps portal");
        }
        return new ElectricityMapsProvider(DEFAULT_BASE_URL, token.strip(), basis, options, sink);
    }

    /**
     * @param baseUrl where the API is, such as {@link #DEFAULT_BASE_URL}
     * @param token the API token, sent in the {@code auth-token} header and never shown in a message
     * @param basis {@link LivePoint#LIFECYCLE} or {@link LivePoint#DIRECT}
     * @throws IllegalArgumentException if {@code basis} is neither
     * @throws MissingCredentialsException if {@code token} is blank
     */
    public ElectricityMapsProvider(URI baseUrl, String token, String basis, LiveOptions options, ArchiveSink sink) {
        this(baseUrl, token, basis, options, sink, Clock.systemUTC(), duration -> Thread.sleep(duration));
    }

    /**
     * @param baseUrl where the API is, such as {@link #DEFAULT_BASE_URL}
     * @param token the API token, sent in the {@code auth-token} header and never shown in a message
     * @param basis {@link LivePoint#LIFECYCLE} or {@link LivePoint#DIRECT}
     * @param cache where answers are shared with other provider objects and processes
     * @param clock the time that answers' ages are measured with
     * @throws IllegalArgumentException if {@code basis} is neither
     * @throws MissingCredentialsException if {@code token} is blank
     */
    public ElectricityMapsProvider(URI baseUrl, String token, String basis, LiveOptions options, ArchiveSink sink, AnswerCache cache,
            Clock clock) {
        this(baseUrl, token, basis, options, sink, cache, clock, duration -> Thread.sleep(duration));
    }

    ElectricityMapsProvider(URI baseUrl, String token, String basis, LiveOptions options, ArchiveSink sink, Clock clock,
            HttpFetcher.Sleeper sleeper) {
        this(baseUrl, token, basis, options, sink, AnswerCache.NONE, clock, sleeper);
    }

    ElectricityMapsProvider(URI baseUrl, String token, String basis, LiveOptions options, ArchiveSink sink, AnswerCache cache,
            Clock clock, HttpFetcher.Sleeper sleeper) {
        if (token == null || token.isBlank()) {
            throw new MissingCredentialsException("Electricity Maps", TOKEN_VARIABLE,
                    "an API token from the Electricity Maps portal");
        }
        if (!LivePoint.LIFECYCLE.equals(basis) && !LivePoint.DIRECT.equals(basis)) {
            throw new IllegalArgumentException("Electricity Maps basis must be lifecycle or direct, was " + basis);
        }
        this.token = token;
        this.basis = basis;
        this.support = new ProviderSupport("electricitymaps", basis, baseUrl, options, sink, cache, clock, sleeper);
    }

    @Override
    public String name() {
        return "electricitymaps";
    }

    @Override
    public LivePoint current(String zone) {
        String z = zone(zone);
        return support.current(z, () -> {
            List<LivePoint> points = fetch(z, LivePoint.ACTUAL, support.uri("/v3/carbon-intensity/latest",
                    "zone", z, "emissionFactorType", basis), null);
            return points.getFirst();
        });
    }

    @Override
    public List<LivePoint> forecast(String zone) {
        String z = zone(zone);
        return support.forecast(z, () -> fetch(z, LivePoint.FORECAST, support.uri("/v3/carbon-intensity/forecast",
                "zone", z, "emissionFactorType", basis), "forecast"));
    }

    @Override
    public List<LivePoint> history(String zone, Instant from, Instant to) {
        ProviderSupport.checkRange(from, to);
        String z = zone(zone);
        TreeMap<Instant, LivePoint> byStart = new TreeMap<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(MAX_RANGE)) {
            Instant end = start.plus(MAX_RANGE).isBefore(to) ? start.plus(MAX_RANGE) : to;
            URI uri = support.uri("/v3/carbon-intensity/past-range", "zone", z, "start", start.toString(),
                    "end", end.toString(), "emissionFactorType", basis);
            for (LivePoint point : support.history(uri.toString(), () -> fetch(z, LivePoint.ACTUAL, uri, "data"))) {
                Instant s = point.interval().start();
                if (!s.isBefore(from) && s.isBefore(to)) {
                    byStart.put(s, point);
                }
            }
        }
        return List.copyOf(byStart.values());
    }

    /** @param listField the field holding the points, or null when the answer is one point */
    private List<LivePoint> fetch(String zone, String resolution, URI uri, String listField) {
        Instant fetchedAt = support.clock.instant();
        return support.fetch(uri, Map.of("auth-token", token), List.of(token), json -> {
            Map<String, Object> root = Json.object(json, "the answer");
            List<Object> entries = listField == null ? List.of(root) : Json.array(root.get(listField), listField);
            Instant answerUpdated = root.get("updatedAt") == null ? null : Json.time(root, "updatedAt");
            List<Instant> starts = new ArrayList<>(entries.size());
            List<Double> values = new ArrayList<>(entries.size());
            List<Instant> issued = new ArrayList<>(entries.size());
            for (Object e : entries) {
                Map<String, Object> entry = Json.object(e, "a point");
                var value = Json.optionalNumber(entry, "carbonIntensity");
                if (value.isEmpty()) {
                    continue; // Electricity Maps writes null where it has no figure for an hour: nothing to report.
                }
                starts.add(Json.time(entry, "datetime"));
                values.add(value.get());
                Instant updated = entry.get("updatedAt") == null ? answerUpdated : Json.time(entry, "updatedAt");
                issued.add(updated == null ? fetchedAt : updated);
            }
            if (starts.isEmpty() && listField == null) {
                throw new IllegalArgumentException("the latest point has no carbonIntensity");
            }
            List<Interval> spans = ProviderSupport.spans(starts, HOUR);
            List<LivePoint> points = new ArrayList<>(starts.size());
            for (int i = 0; i < starts.size(); i++) {
                // A forecast is one issue: every point carries the answer's issue time, so the archive keeps it whole.
                Instant issuedAt = LivePoint.FORECAST.equals(resolution) && answerUpdated != null ? answerUpdated : issued.get(i);
                CarbonSignal signal = new CarbonSignal(zone, LivePoint.AVERAGE, basis, resolution, SOURCE);
                points.add(new LivePoint(signal, spans.get(i), CarbonIntensity.ofGramsPerKWh(values.get(i)), issuedAt));
            }
            return List.copyOf(points);
        });
    }

    private static String zone(String zone) {
        Objects.requireNonNull(zone, "zone");
        String z = zone.strip().toUpperCase(Locale.ROOT);
        if (z.isEmpty()) {
            throw new IllegalArgumentException("the zone is blank: give an Electricity Maps zone key such as DE or US-CAL-CISO");
        }
        return z;
    }
}
