package dev.greenloop.carbon.live;

import dev.greenloop.testfixtures.FakeProviderApi;
import dev.greenloop.testfixtures.TestClock;

import static dev.greenloop.testfixtures.FakeProviderApi.Answer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Interval;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The NESO provider against a local server answering in the API's documented shapes. */
class NesoProviderTest {

    static final Instant NOW = Instant.parse("2018-01-20T12:10:00Z");

    static final String NATIONAL_CURRENT = """
            {"data":[{"from":"2018-01-20T12:00Z","to":"2018-01-20T12:30Z",
              "intensity":{"forecast":266,"actual":263,"index":"moderate"}}]}""";

    static final String NATIONAL_FW48H = """
            {"data":[
              {"from":"2018-01-20T12:00Z","to":"2018-01-20T12:30Z","intensity":{"forecast":266,"actual":263,"index":"moderate"}},
              {"from":"2018-01-20T12:30Z","to":"2018-01-20T13:00Z","intensity":{"forecast":250,"actual":null,"index":"moderate"}},
              {"from":"2018-01-20T13:00Z","to":"2018-01-20T13:30Z","intensity":{"forecast":99,"actual":null,"index":"low"}}]}""";

    static final String REGIONAL_CURRENT = """
            {"data":[{"regionid":13,"dnoregion":"UKPN London","shortname":"London",
              "data":[{"from":"2018-01-20T12:00Z","to":"2018-01-20T12:30Z","intensity":{"forecast":180,"index":"low"},
                       "generationmix":[{"fuel":"gas","perc":43.6},{"fuel":"wind","perc":20.1}]}]}]}""";

    static final String REGIONAL_FW48H = """
            {"data":{"regionid":13,"dnoregion":"UKPN London","shortname":"London",
              "data":[{"from":"2018-01-20T12:00Z","to":"2018-01-20T12:30Z","intensity":{"forecast":180,"index":"low"},"generationmix":[]},
                      {"from":"2018-01-20T12:30Z","to":"2018-01-20T13:00Z","intensity":{"forecast":170,"index":"low"},"generationmix":[]}]}}""";

    private final FakeProviderApi api;
    private final TestClock clock = new TestClock(NOW);
    private final Doubles.ListSink sink = new Doubles.ListSink();

    NesoProviderTest() throws IOException {
        api = new FakeProviderApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private NesoProvider provider() {
        return new NesoProvider(api.baseUrl(), LiveOptions.defaults(), sink, clock, new Doubles.RecordingSleeper());
    }

    @Test
    void current_national_isTheActualLabelledAverageDirect() {
        api.route("/intensity", r -> ok(NATIONAL_CURRENT));

        LivePoint point = provider().current("gb");

        assertEquals(new CarbonSignal("GB", "average", "direct", "actual", NesoProvider.SOURCE), point.signal());
        assertEquals(263, point.intensity().gramsPerKWh());
        assertEquals(new Interval(Instant.parse("2018-01-20T12:00:00Z"), Instant.parse("2018-01-20T12:30:00Z")), point.interval());
        assertEquals(NOW, point.issuedAt());
    }

    @Test
    void current_region_isTheForecastLabelledForecast() {
        api.route("/regional/regionid/13", r -> ok(REGIONAL_CURRENT));

        LivePoint point = provider().current("GB-13");

        assertEquals("GB-13", point.zone());
        assertEquals(LivePoint.FORECAST, point.signal().resolution());
        assertEquals(180, point.intensity().gramsPerKWh());
    }

    @Test
    void current_twiceWithinTtl_asksOnce() {
        api.route("/intensity", r -> ok(NATIONAL_CURRENT));
        NesoProvider neso = provider();

        neso.current("GB");
        clock.advance(Duration.ofMinutes(4));
        neso.current("GB");
        assertEquals(1, api.count("/intensity"));

        clock.advance(Duration.ofMinutes(2));
        neso.current("GB");
        assertEquals(2, api.count("/intensity"));
    }

    @Test
    void forecast_national_asksFw48hFromNowAndLabelsEveryPointForecast() {
        api.route("/intensity/", r -> ok(NATIONAL_FW48H));

        List<LivePoint> forecast = provider().forecast("GB");

        assertEquals("/intensity/2018-01-20T12:10Z/fw48h", api.requests().getFirst().path());
        assertEquals(List.of(266.0, 250.0, 99.0), forecast.stream().map(p -> p.intensity().gramsPerKWh()).toList());
        assertTrue(forecast.stream().allMatch(p -> p.isForecast() && p.issuedAt().equals(NOW)));
    }

    @Test
    void forecast_fetched_isArchivedOnceAndCacheHitsAreNot() {
        api.route("/intensity/", r -> ok(NATIONAL_FW48H));
        NesoProvider neso = provider();

        List<LivePoint> first = neso.forecast("GB");
        clock.advance(Duration.ofMinutes(29));
        neso.forecast("GB");

        assertEquals(1, api.count("/intensity/"));
        assertEquals(List.of(first), sink.archived);

        clock.advance(Duration.ofMinutes(2));
        neso.forecast("GB");
        assertEquals(2, api.count("/intensity/"));
        assertEquals(2, sink.archived.size());
        assertEquals(NOW.plus(Duration.ofMinutes(31)), sink.archived.get(1).getFirst().issuedAt());
    }

    @Test
    void forecast_archiveFails_failsWithTheCauseAndCachesNothing() {
        api.route("/intensity/", r -> ok(NATIONAL_FW48H));
        NesoProvider neso = new NesoProvider(api.baseUrl(), LiveOptions.defaults(),
                points -> { throw new IllegalStateException("disk full"); }, clock, new Doubles.RecordingSleeper());

        LiveProviderException e = assertThrows(LiveProviderException.class, () -> neso.forecast("GB"));
        assertTrue(e.getMessage().contains("cannot archive") && e.getMessage().contains("disk full"), e.getMessage());
        assertThrows(LiveProviderException.class, () -> neso.forecast("GB"));
        assertEquals(2, api.count("/intensity/"));
    }

    @Test
    void forecast_regionalShape_isRead() {
        api.route("/regional/intensity/", r -> ok(REGIONAL_FW48H));

        List<LivePoint> forecast = provider().forecast("GB-13");

        assertEquals("/regional/intensity/2018-01-20T12:10Z/fw48h/regionid/13", api.requests().getFirst().path());
        assertEquals(List.of(180.0, 170.0), forecast.stream().map(p -> p.intensity().gramsPerKWh()).toList());
    }

    @Test
    void history_longerThan14Days_isFetchedInPartsWithoutDuplicates() {
        api.route("/intensity/", r -> ok(NATIONAL_FW48H));
        Instant from = Instant.parse("2018-01-06T12:30:00Z");

        List<LivePoint> history = provider().history("GB", from, from.plus(Duration.ofDays(15)));

        assertEquals(List.of("/intensity/2018-01-06T12:30Z/2018-01-20T12:30Z", "/intensity/2018-01-20T12:30Z/2018-01-21T12:30Z"),
                api.requests().stream().map(FakeProviderApi.Request::path).toList());
        // Both parts answer the same three points: kept once each, actual where NESO has one, else labelled forecast.
        assertEquals(List.of("actual", "forecast", "forecast"), history.stream().map(p -> p.signal().resolution()).toList());
    }

    @Test
    void current_unknownZone_namesTheZoneAndTheCodesThatWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider().current("GB-18"));

        assertTrue(e.getMessage().contains("'GB-18'") && e.getMessage().contains("GB-1 to GB-17"), e.getMessage());
        assertEquals(0, api.requests().size());
    }

    @Test
    void current_notJson_failsNamingTheProviderAndPath() {
        api.route("/intensity", r -> ok("<html>maintenance</html>"));

        LiveProviderException e = assertThrows(LiveProviderException.class, () -> provider().current("GB"));

        assertTrue(e.getMessage().startsWith("neso: cannot read the answer from /intensity"), e.getMessage());
    }

    @Test
    void current_intensityAboveAnyGrid_isAProviderErrorNotAValue() {
        api.route("/intensity", r -> ok(NATIONAL_CURRENT.replace("263", "1e308")));

        LiveProviderException e = assertThrows(LiveProviderException.class, () -> provider().current("GB"));

        assertTrue(e.getMessage().contains("cannot read the answer from /intensity"), e.getMessage());
        assertTrue(e.getMessage().contains("is above 5000, more than any grid emits"), e.getMessage());
    }
}
