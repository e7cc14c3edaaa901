package dev.greenloop.carbon.live;

import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Interval;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * WattTime API v3: the marginal operating emissions rate ({@code co2_moer}) per grid region, in 5-minute
 * steps. Needs an account, read from {@value #USERNAME_VARIABLE} and {@value #PASSWORD_VARIABLE}. Thread-safe.
 *
 * <p>Zones are WattTime region codes such as {@code CAISO_NORTH}; {@link #regionAt(double, double)} finds the
 * one for a place. Endpoints (https://docs.watttime.org/): {@code GET /login} with HTTP Basic credentials
 * answers {@code {"token": ...}}, a bearer token valid for 30 minutes (reused here for
 * {@link #TOKEN_REUSE}, and renewed once on an HTTP 401); {@code /v3/forecast?region=&signal_type=co2_moer}
 * ({@code horizon_hours=0} for the current value only); {@code /v3/historical?region=&start=&end=&signal_type=co2_moer}
 * (at most 32 days per request, so longer ranges are fetched in parts); {@code /v3/region-from-loc?latitude=&longitude=&signal_type=co2_moer}.
 * Answers hold {@code data[]} with {@code point_time} and {@code value}, and {@code meta} with {@code units},
 * {@code data_point_period_seconds} and, for forecasts, {@code generated_at}, used as the issue time.
 *
 * <p>Units: {@code co2_moer} comes in {@code lbs_co2_per_mwh}; it is converted to gCO2/kWh with
 * 1 lb = 453.59237 g (the international avoirdupois pound) and 1 MWh = 1000 kWh, so
 * g/kWh = lbs/MWh × {@value #GRAMS_PER_KWH_PER_LB_PER_MWH}. Any other unit is refused rather than guessed.
 *
 * <p>Signal: marginal, direct (operating emissions of the marginal plant, CO2 only). {@link #current(String)}
 * is the first point of the newest forecast and is labelled a forecast, with its issue time.
 */
public final class WattTimeProvider implements LiveProvider {

    /** The API's public address. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.watttime.org");

    /** The environment variable that holds the account's user name. */
    public static final String USERNAME_VARIABLE = "WATTTIME_USERNAME";

    /** The environment variable that holds the account's password. */
    public static final String PASSWORD_VARIABLE = "WATTTIME_PASSWORD";

    /** {@code source} of every point. */
    public static final String SOURCE = "WattTime API v3 co2_moer";

    /** lbs/MWh to g/kWh: 453.59237 g per lb, divided by 1000 kWh per MWh. */
    public static final double GRAMS_PER_KWH_PER_LB_PER_MWH = 0.45359237;

    /** How long a login token is reused: less than its documented 30 minutes, to stay clear of its expiry. */
    static final Duration TOKEN_REUSE = Duration.ofMinutes(25);

    static final Duration MAX_RANGE = Duration.ofDays(32);

    private static final String SIGNAL_TYPE = "co2_moer";
    private static final String UNITS = "lbs_co2_per_mwh";
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final ProviderSupport support;
    private final String basicAuth;
    private final List<String> secrets;
    private String token;
    private Instant tokenExpires = Instant.MIN;

    /**
     * @param env the environment to read the credentials from, usually {@link System#getenv()}
     * @return a provider for the public API
     * @throws MissingCredentialsException naming the first of {@value #USERNAME_VARIABLE} and
     *     {@value #PASSWORD_VARIABLE} that is unset or blank
     */
    public static WattTimeProvider fromEnvironment(Map<String, String> env, LiveOptions options, ArchiveSink sink) {
        return new WattTimeProvider(DEFAULT_BASE_URL, env.get(USERNAME_VARIABLE), env.get(PASSWORD_VARIABLE), options, sink);
    }

    /**
     * @param baseUrl where the API is, such as {@link #DEFAULT_BASE_URL}
     * @param username the account's user name
     * @param password the account's password, never shown in a message
     * @throws MissingCredentialsException if the user name or password is null or blank
     */
    public WattTimeProvider(URI baseUrl, String username, String password, LiveOptions options, ArchiveSink sink) {
        this(baseUrl, username, password, options, sink, Clock.systemUTC(), duration -> Thread.sleep(duration));
    }

    /**
     * @param username the account's user name
     * @param password the account's password, never shown in a message
     * @param cache where answers are shared with other provider objects and processes
     * @param clock the time that answers' ages are measured with
     * @throws MissingCredentialsException if the user name or password is null or blank
     */
    public WattTimeProvider(URI baseUrl, String username, String password, LiveOptions options, ArchiveSink sink, AnswerCache cache,
            Clock clock) {
        this(baseUrl, username, password, options, sink, cache, clock, duration -> Thread.sleep(duration));
    }

    WattTimeProvider(URI baseUrl, String username, String password, LiveOptions options, ArchiveSink sink, Clock clock,
            HttpFetcher.Sleeper sleeper) {
        this(baseUrl, username, password, options, sink, AnswerCache.NONE, clock, sleeper);
    }

    WattTimeProvider(URI baseUrl, String username, String password, LiveOptions options, ArchiveSink sink, AnswerCache cache,
            Clock clock, HttpFetcher.Sleeper sleeper) {
        String hint = "a WattTime account; register through the API's /register endpoint";
        if (username == null || username.isBlank()) {
            throw new MissingCredentialsException("WattTime", USERNAME_VARIABLE, hint);
        }
        if (password == null || password.isBlank()) {
            throw new MissingCredentialsException("WattTime", PASSWORD_VARIABLE, hint);
        }
        String pair = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.basicAuth = "Basic " + pair;
        this.secrets = List.of(password, pair);
        this.support = new ProviderSupport("watttime", "", baseUrl, options, sink, cache, clock, sleeper);
    }

    @Override
    public String name() {
        return "watttime";
    }

    @Override
    public LivePoint current(String zone) {
        String region = region(zone);
        return support.current(region, () -> fetch(region, LivePoint.FORECAST, "/v3/forecast",
                "region", region, "signal_type", SIGNAL_TYPE, "horizon_hours", "0").getFirst());
    }

    @Override
    public List<LivePoint> forecast(String zone) {
        String region = region(zone);
        return support.forecast(region, () -> fetch(region, LivePoint.FORECAST, "/v3/forecast",
                "region", region, "signal_type", SIGNAL_TYPE));
    }

    @Override
    public List<LivePoint> history(String zone, Instant from, Instant to) {
        ProviderSupport.checkRange(from, to);
        String region = region(zone);
        TreeMap<Instant, LivePoint> byStart = new TreeMap<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(MAX_RANGE)) {
            Instant end = start.plus(MAX_RANGE).isBefore(to) ? start.plus(MAX_RANGE) : to;
            String[] query = {"region", region, "start", start.toString(), "end", end.toString(), "signal_type", SIGNAL_TYPE};
            List<LivePoint> part = support.history(String.join(" ", query),
                    () -> fetch(region, LivePoint.ACTUAL, "/v3/historical", query));
            for (LivePoint point : part) {
                Instant s = point.interval().start();
                if (!s.isBefore(from) && s.isBefore(to)) {
                    byStart.put(s, point);
                }
            }
        }
        return List.copyOf(byStart.values());
    }

    /**
     * @return the WattTime region code for the place, such as {@code CAISO_NORTH}
     * @throws IllegalArgumentException if the latitude or longitude is out of range
     * @throws LiveProviderException if WattTime fails or knows no region there
     */
    public String regionAt(double latitude, double longitude) {
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("no place at latitude %s, longitude %s".formatted(latitude, longitude));
        }
        return authorized(support.uri("/v3/region-from-loc", "latitude", Double.toString(latitude),
                "longitude", Double.toString(longitude), "signal_type", SIGNAL_TYPE),
                json -> Json.text(Json.object(json, "the answer"), "region"));
    }

    private List<LivePoint> fetch(String region, String resolution, String path, String... query) {
        Instant fetchedAt = support.clock.instant();
        return authorized(support.uri(path, query), json -> {
            Map<String, Object> root = Json.object(json, "the answer");
            Map<String, Object> meta = Json.object(root.get("meta"), "meta");
            String units = Json.text(meta, "units");
            if (!UNITS.equals(units)) {
                throw new IllegalArgumentException("co2_moer in unit '%s'; only %s is understood".formatted(units, UNITS));
            }
            Instant issuedAt = meta.get("generated_at") == null ? fetchedAt : Json.time(meta, "generated_at");
            Duration step = Json.optionalNumber(meta, "data_point_period_seconds")
                    .map(s -> Duration.ofSeconds(s.longValue())).orElse(FIVE_MINUTES);
            List<Instant> starts = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Object e : Json.array(root.get("data"), "data")) {
                Map<String, Object> entry = Json.object(e, "a point");
                starts.add(Json.time(entry, "point_time"));
                values.add(Json.number(entry, "value"));
            }
            if (starts.isEmpty()) {
                throw new IllegalArgumentException("no data points for region " + region);
            }
            List<Interval> spans = ProviderSupport.spans(starts, step);
            CarbonSignal signal = new CarbonSignal(region, LivePoint.MARGINAL, LivePoint.DIRECT, resolution, SOURCE);
            List<LivePoint> points = new ArrayList<>(starts.size());
            for (int i = 0; i < starts.size(); i++) {
                double grams = values.get(i) * GRAMS_PER_KWH_PER_LB_PER_MWH;
                points.add(new LivePoint(signal, spans.get(i), CarbonIntensity.ofGramsPerKWh(grams), issuedAt));
            }
            return List.copyOf(points);
        });
    }

    /** GETs {@code uri} with the bearer token, logging in first if needed and once more on an HTTP 401. */
    private <T> T authorized(URI uri, Function<Object, T> reader) {
        String bearer = token(false);
        try {
            return support.fetch(uri, Map.of("Authorization", "Bearer " + bearer), secrets(bearer), reader);
        } catch (LiveProviderException e) {
            if (e.status() != 401) {
                throw e;
            }
            // The token expired early or was revoked: one fresh login, then the error stands.
            bearer = token(true);
            return support.fetch(uri, Map.of("Authorization", "Bearer " + bearer), secrets(bearer), reader);
        }
    }

    private synchronized String token(boolean renew) {
        Instant now = support.clock.instant();
        if (renew || token == null || !now.isBefore(tokenExpires)) {
            token = support.fetch(support.uri("/login"), Map.of("Authorization", basicAuth), secrets,
                    json -> Json.text(Json.object(json, "the login answer"), "token"));
            tokenExpires = now.plus(TOKEN_REUSE);
        }
        return token;
    }

    private List<String> secrets(String bearer) {
        List<String> all = new ArrayList<>(secrets);
        all.add(bearer);
        return all;
    }

    private static String region(String zone) {
        Objects.requireNonNull(zone, "zone");
        String region = zone.strip().toUpperCase(Locale.ROOT);
        if (region.isEmpty()) {
            throw new IllegalArgumentException("the zone is blank: give a WattTime region code such as CAISO_NORTH");
        }
        return region;
    }
}
