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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Electricity Maps provider against a local server answering in the API's documented shapes. */
class ElectricityMapsProviderTest {

    static final String TOKEN = "em-token-123";

    static final String LATEST = """
            {"zone":"DE","carbonIntensity":302,"datetime":"2025-03-01T10:00:00.000Z","updatedAt":"2025-03-01T10:05:12.345Z",
             "createdAt":"2025-02-26T10:52:14.000Z","emissionFactorType":"lifecycle","isEstimated":true,
             "estimationMethod":"TIME_SLICER_AVERAGE"}""";

    static final String FORECAST = """
            {"zone":"DE","forecast":[{"carbonIntensity":310,"datetime":"2025-03-01T11:00:00.000Z"},
                                     {"carbonIntensity":290,"datetime":"2025-03-01T12:00:00.000Z"},
                                     {"carbonIntensity":null,"datetime":"2025-03-01T13:00:00.000Z"}],
             "updatedAt":"2025-03-01T10:30:00.000Z"}""";

    static final String PAST_RANGE = """
            {"zone":"DE","data":[
              {"zone":"DE","carbonIntensity":280,"datetime":"2025-02-28T00:00:00.000Z","updatedAt":"2025-02-28T03:00:00.000Z",
               "emissionFactorType":"direct","isEstimated":false,"estimationMethod":null},
              {"zone":"DE","carbonIntensity":270,"datetime":"2025-02-28T01:00:00.000Z","updatedAt":"2025-02-28T04:00:00.000Z",
               "emissionFactorType":"direct","isEstimated":false,"estimationMethod":null}]}""";

    private final FakeProviderApi api;
    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:40:00Z"));
    private final Doubles.ListSink sink = new Doubles.ListSink();

    ElectricityMapsProviderTest() throws IOException {
        api = new FakeProviderApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private ElectricityMapsProvider provider(String basis) {
        return new ElectricityMapsProvider(api.baseUrl(), TOKEN, basis, LiveOptions.defaults(), sink, clock,
                new Doubles.RecordingSleeper());
    }

    @Test
    void fromEnvironment_noToken_namesTheVariable() {
        MissingCredentialsException e = assertThrows(MissingCredentialsException.class,
                () -> ElectricityMapsProvider.fromEnvironment(Map.of("ELECTRICITYMAPS_TOKEN", " "), "lifecycle",
                        LiveOptions.defaults(), ArchiveSink.NONE));

        assertEquals("ELECTRICITYMAPS_TOKEN", e.variable());
        assertTrue(e.getMessage().contains("set the environment variable ELECTRICITYMAPS_TOKEN"), e.getMessage());
    }

    @Test
    void current_latest_sendsTheTokenHeaderAndLabelsLifecycleActual() {
        api.route("/v3/carbon-intensity/latest", r -> ok(LATEST));

        LivePoint point = provider("lifecycle").current("de");

        FakeProviderApi.Request request = api.requests().getFirst();
        assertEquals(TOKEN, request.header("auth-token"));
        assertEquals("zone=DE&emissionFactorType=lifecycle", request.query());
        assertEquals(new CarbonSignal("DE", "average", "lifecycle", "actual", ElectricityMapsProvider.SOURCE), point.signal());
        assertEquals(302, point.intensity().gramsPerKWh());
        assertEquals(Duration.ofHours(1), point.interval().duration());
        assertEquals(Instant.parse("2025-03-01T10:05:12.345Z"), point.issuedAt());
    }

    @Test
    void forecast_updatedAtIsTheIssueTime_nullHoursAreDropped_andItIsArchived() {
        api.route("/v3/carbon-intensity/forecast", r -> ok(FORECAST));
        ElectricityMapsProvider em = provider("lifecycle");

        List<LivePoint> forecast = em.forecast("DE");
        em.forecast("DE");

        assertEquals(List.of(310.0, 290.0), forecast.stream().map(p -> p.intensity().gramsPerKWh()).toList());
        assertTrue(forecast.stream().allMatch(p -> p.isForecast()
                && p.issuedAt().equals(Instant.parse("2025-03-01T10:30:00Z"))));
        assertEquals(1, api.count("/v3/carbon-intensity/forecast"));
        assertEquals(List.of(forecast), sink.archived);
    }

    @Test
    void history_pastRange_asksStartEndAndDirectBasis() {
        api.route("/v3/carbon-intensity/past-range", r -> ok(PAST_RANGE));
        Instant from = Instant.parse("2025-02-28T00:00:00Z");

        List<LivePoint> history = provider("direct").history("DE", from, from.plus(Duration.ofHours(2)));

        assertEquals("zone=DE&start=2025-02-28T00%3A00%3A00Z&end=2025-02-28T02%3A00%3A00Z&emissionFactorType=direct",
                api.requests().getFirst().query());
        assertEquals(List.of(280.0, 270.0), history.stream().map(p -> p.intensity().gramsPerKWh()).toList());
        assertTrue(history.stream().allMatch(p -> "direct".equals(p.signal().basis()) && !p.isForecast()));
        assertEquals(Instant.parse("2025-02-28T04:00:00Z"), history.get(1).issuedAt());
    }

    @Test
    void current_unauthorized_carriesTheProvidersMessageButNeverTheToken() {
        api.route("/v3/carbon-intensity/latest", r -> FakeProviderApi.Answer.status(401,
                "{\"status\":\"error\",\"message\":\"Invalid auth-token " + TOKEN + "\"}"));

        LiveProviderException e = assertThrows(LiveProviderException.class, () -> provider("lifecycle").current("DE"));

        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("Invalid auth-token ***") && e.getMessage().contains("check the credentials"),
                e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }

    @Test
    void constructor_unknownBasis_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> provider("marginal"));
    }

    @Test
    void redirectToAnotherOrigin_refusedNamingBoth_andTheTokenNeverLeavesTheConfiguredOrigin() throws IOException {
        try (FakeProviderApi other = new FakeProviderApi()) {
            other.route("/", r -> ok(LATEST));
            api.route("/v3/carbon-intensity/latest",
                    r -> new FakeProviderApi.Answer(302, Map.of("Location", other.baseUrl() + "/v3/carbon-intensity/latest?zone=DE"), ""));

            LiveProviderException e = assertThrows(LiveProviderException.class, () -> provider("lifecycle").current("DE"));

            assertTrue(e.getMessage().contains(origin(api.baseUrl())) && e.getMessage().contains(origin(other.baseUrl())), e.getMessage());
            assertTrue(other.requests().stream().allMatch(r -> r.header("auth-token") == null), "the token went to another origin");
            assertEquals(0, other.requests().size());
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        }
    }

    private static String origin(java.net.URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }
}
