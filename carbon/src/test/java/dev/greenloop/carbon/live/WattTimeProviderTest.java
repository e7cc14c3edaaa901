package dev.greenloop.carbon.live;

import dev.greenloop.testfixtures.FakeProviderApi;
import dev.greenloop.testfixtures.TestClock;

import static dev.greenloop.testfixtures.FakeProviderApi.Answer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.CarbonSignal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WattTime provider against a local server answering in the API's documented shapes. */
class WattTimeProviderTest {

    static final String FORECAST = """
            {"data":[{"point_time":"2025-03-01T10:00:00+00:00","value":1000.0},
                     {"point_time":"2025-03-01T10:05:00+00:00","value":800.0}],
             "meta":{"data_point_period_seconds":300,"region":"CAISO_NORTH","warnings":[],"signal_type":"co2_moer",
                     "model":{"date":"2023-03-01"},"units":"lbs_co2_per_mwh","generated_at_period_seconds":300,
                     "generated_at":"2025-03-01T10:00:00+00:00"}}""";

    static final String HISTORICAL = """
            {"data":[{"point_time":"2025-02-28T00:00:00+00:00","value":900.0},
                     {"point_time":"2025-02-28T00:05:00+00:00","value":950.0}],
             "meta":{"data_point_period_seconds":300,"region":"CAISO_NORTH","warnings":[],"signal_type":"co2_moer",
                     "model":{"date":"2023-03-01"},"units":"lbs_co2_per_mwh"}}""";

    private final FakeProviderApi api;
    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:02:00Z"));
    private final Doubles.ListSink sink = new Doubles.ListSink();
    private final AtomicInteger logins = new AtomicInteger();

    WattTimeProviderTest() throws IOException {
        api = new FakeProviderApi();
        String basic = "Basic " + Base64.getEncoder().encodeToString("ada:pw-secret".getBytes(StandardCharsets.UTF_8));
        api.route("/login", r -> basic.equals(r.header("Authorization"))
                ? ok("{\"token\":\"tok-" + logins.incrementAndGet() + "\"}")
                : FakeProviderApi.Answer.status(403, "{\"error\":\"bad credentials\"}"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private WattTimeProvider provider(LiveOptions options) {
        return new WattTimeProvider(api.baseUrl(), "ada", "pw-secret", options, sink, clock, new Doubles.RecordingSleeper());
    }

    private static FakeProviderApi.Answer bearerOnly(FakeProviderApi.Request r, String token, String body) {
        return ("Bearer " + token).equals(r.header("Authorization")) ? ok(body) : FakeProviderApi.Answer.status(401, "");
    }

    @Test
    void fromEnvironment_noPassword_namesTheVariable() {
        MissingCredentialsException e = assertThrows(MissingCredentialsException.class,
                () -> WattTimeProvider.fromEnvironment(Map.of("WATTTIME_USERNAME", "ada"), LiveOptions.defaults(), ArchiveSink.NONE));

        assertEquals("WATTTIME_PASSWORD", e.variable());
    }

    @Test
    void fromEnvironment_nothingSet_namesTheUserNameFirst() {
        MissingCredentialsException e = assertThrows(MissingCredentialsException.class,
                () -> WattTimeProvider.fromEnvironment(Map.of(), LiveOptions.defaults(), ArchiveSink.NONE));

        assertEquals("WATTTIME_USERNAME", e.variable());
    }

    @Test
    void forecast_logsInThenConvertsLbsPerMwhToGramsPerKwh() {
        api.route("/v3/forecast", r -> bearerOnly(r, "tok-1", FORECAST));

        List<LivePoint> forecast = provider(LiveOptions.defaults()).forecast("caiso_north");

        assertEquals("region=CAISO_NORTH&signal_type=co2_moer", api.requests().get(1).query());
        assertEquals(453.59237, forecast.get(0).intensity().gramsPerKWh(), 1e-9);
        assertEquals(362.873896, forecast.get(1).intensity().gramsPerKWh(), 1e-9);
        assertEquals(new CarbonSignal("CAISO_NORTH", "marginal", "direct", "forecast", WattTimeProvider.SOURCE),
                forecast.getFirst().signal());
        assertEquals(Duration.ofMinutes(5), forecast.get(1).interval().duration());
        assertEquals(Instant.parse("2025-03-01T10:00:00Z"), forecast.getFirst().issuedAt());
        assertEquals(List.of(forecast), sink.archived);
    }

    @Test
    void current_asksHorizonZeroAndReusesTheToken() {
        api.route("/v3/forecast", r -> bearerOnly(r, "tok-1", FORECAST));
        WattTimeProvider wt = provider(LiveOptions.defaults().withCacheTtls(Duration.ZERO, Duration.ZERO, Duration.ZERO));

        LivePoint current = wt.current("CAISO_NORTH");
        wt.current("CAISO_NORTH");
        wt.forecast("CAISO_NORTH");

        assertTrue(api.requests().get(1).query().endsWith("&horizon_hours=0"), api.requests().get(1).query());
        assertEquals(453.59237, current.intensity().gramsPerKWh(), 1e-9);
        assertEquals(1, logins.get());
        assertEquals(3, api.count("/v3/forecast"), "caching off: every call asks");
    }

    @Test
    void token_olderThanItsReuseTime_isRenewed() {
        api.route("/v3/forecast", r -> ok(FORECAST));
        WattTimeProvider wt = provider(LiveOptions.defaults().withCacheTtls(Duration.ZERO, Duration.ZERO, Duration.ZERO));

        wt.current("CAISO_NORTH");
        clock.advance(WattTimeProvider.TOKEN_REUSE.minusSeconds(1));
        wt.current("CAISO_NORTH");
        assertEquals(1, logins.get());
        clock.advance(Duration.ofSeconds(2));
        wt.current("CAISO_NORTH");
        assertEquals(2, logins.get());
    }

    @Test
    void token_rejectedEarly_isRenewedOnceAndTheRequestRepeated() {
        api.route("/v3/forecast", r -> bearerOnly(r, "tok-2", FORECAST));

        List<LivePoint> forecast = provider(LiveOptions.defaults()).forecast("CAISO_NORTH");

        assertEquals(2, forecast.size());
        assertEquals(2, logins.get());
        assertEquals(2, api.count("/v3/forecast"));
    }

    @Test
    void token_neverAccepted_failsWith401AfterOneRenewal() {
        api.route("/v3/forecast", r -> FakeProviderApi.Answer.status(401, "{\"error\":\"expired\"}"));

        LiveProviderException e = assertThrows(LiveProviderException.class,
                () -> provider(LiveOptions.defaults()).forecast("CAISO_NORTH"));

        assertEquals(401, e.status());
        assertEquals(2, logins.get());
        assertFalse(e.getMessage().contains("tok-"), e.getMessage());
    }

    @Test
    void login_wrongPassword_failsWithoutShowingIt() {
        WattTimeProvider wt = new WattTimeProvider(api.baseUrl(), "ada", "wrong-pw", LiveOptions.defaults(), sink, clock,
                new Doubles.RecordingSleeper());

        LiveProviderException e = assertThrows(LiveProviderException.class, () -> wt.forecast("CAISO_NORTH"));

        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("/login") && e.getMessage().contains("bad credentials"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pw"), e.getMessage());
    }

    @Test
    void forecast_unknownUnits_isRefusedNotGuessed() {
        api.route("/v3/forecast", r -> ok(FORECAST.replace("lbs_co2_per_mwh", "kg_co2_per_mwh")));

        LiveProviderException e = assertThrows(LiveProviderException.class,
                () -> provider(LiveOptions.defaults()).forecast("CAISO_NORTH"));

        assertTrue(e.getMessage().contains("kg_co2_per_mwh"), e.getMessage());
        assertEquals(List.of(), sink.archived);
    }

    @Test
    void history_historical_labelsActualsAndAsksTheRange() {
        api.route("/v3/historical", r -> ok(HISTORICAL));
        Instant from = Instant.parse("2025-02-28T00:00:00Z");

        List<LivePoint> history = provider(LiveOptions.defaults()).history("CAISO_NORTH", from, from.plus(Duration.ofMinutes(10)));

        assertEquals("region=CAISO_NORTH&start=2025-02-28T00%3A00%3A00Z&end=2025-02-28T00%3A10%3A00Z&signal_type=co2_moer",
                api.requests().get(1).query());
        assertEquals(List.of("actual", "actual"), history.stream().map(p -> p.signal().resolution()).toList());
        assertEquals(900 * WattTimeProvider.GRAMS_PER_KWH_PER_LB_PER_MWH, history.getFirst().intensity().gramsPerKWh(), 1e-9);
    }

    @Test
    void regionAt_answersTheRegionCode() {
        api.route("/v3/region-from-loc", r -> ok("{\"region\":\"CAISO_NORTH\",\"region_full_name\":\"California ISO Northern\","
                + "\"signal_type\":\"co2_moer\"}"));

        assertEquals("CAISO_NORTH", provider(LiveOptions.defaults()).regionAt(37.77, -122.42));
        assertEquals("latitude=37.77&longitude=-122.42&signal_type=co2_moer", api.requests().get(1).query());
    }
}
