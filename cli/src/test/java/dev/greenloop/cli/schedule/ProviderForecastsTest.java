package dev.greenloop.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.greenloop.carbon.live.LivePoint;
import dev.greenloop.carbon.live.LiveProvider;
import dev.greenloop.carbon.live.LiveProviderException;
import dev.greenloop.testfixtures.TestClock;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fetching a live provider's forecasts for the scheduler: an outage is retried with back-off, not left for a whole refresh. */
class ProviderForecastsTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /** A provider whose every forecast fetch fails, counting them. */
    static final class Down implements LiveProvider {
        int fetches;

        @Override
        public String name() {
            return "down";
        }

        @Override
        public LivePoint current(String zone) {
            throw new LiveProviderException("down: unreachable");
        }

        @Override
        public List<LivePoint> forecast(String zone) {
            fetches++;
            throw new LiveProviderException("down: unreachable");
        }

        @Override
        public List<LivePoint> history(String zone, Instant from, Instant to) {
            throw new LiveProviderException("down: unreachable");
        }
    }

    @Test
    void fingerprint_providerDown_retriesAfter1Then2Then4MinutesNotAfterTheWholeRefresh() {
        Down down = new Down();
        TestClock clock = new TestClock(T0);
        ProviderForecasts f = new ProviderForecasts(down, List.of("GB"), Duration.ofMinutes(30), clock);

        assertThrows(UncheckedIOException.class, f::fingerprint);
        assertEquals(1, down.fetches);
        clock.advance(Duration.ofSeconds(59));
        f.fingerprint(); // within the back-off: no new fetch, no new error
        assertEquals(1, down.fetches);
        clock.advance(Duration.ofSeconds(1));
        assertThrows(UncheckedIOException.class, f::fingerprint);
        assertEquals(2, down.fetches);
        clock.advance(Duration.ofMinutes(1));
        f.fingerprint();
        assertEquals(2, down.fetches);
        clock.advance(Duration.ofMinutes(1));
        assertThrows(UncheckedIOException.class, f::fingerprint);
        assertEquals(3, down.fetches);
        clock.advance(Duration.ofMinutes(4));
        assertThrows(UncheckedIOException.class, f::fingerprint);
        assertEquals(4, down.fetches);
    }

    @Test
    void fingerprint_backOff_neverWaitsLongerThanTheRefresh() {
        Down down = new Down();
        TestClock clock = new TestClock(T0);
        ProviderForecasts f = new ProviderForecasts(down, List.of("GB"), Duration.ofMinutes(5), clock);
        for (int i = 1; i <= 6; i++) {
            assertThrows(UncheckedIOException.class, f::fingerprint);
            assertEquals(i, down.fetches);
            clock.advance(Duration.ofMinutes(5));
        }
    }

    @Test
    void open_refreshShorterThanTheProvidersThirtyMinutes_fetchesAgainAfterTheRefresh(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home)
            throws java.io.IOException {
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String body = ("{\"data\":[{\"from\":\"%s\",\"to\":\"%s\",\"intensity\":{\"forecast\":120,\"actual\":null,\"index\":\"low\"}},"
                + "{\"from\":\"%s\",\"to\":\"%s\",\"intensity\":{\"forecast\":90,\"actual\":null,\"index\":\"low\"}}]}")
                .formatted(start, start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(60)));
        try (var api = new dev.greenloop.testfixtures.FakeProviderApi()) {
            api.route("/intensity/", r -> dev.greenloop.testfixtures.FakeProviderApi.Answer.ok(body));
            java.util.Map<String, String> env = java.util.Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_NESO_URL", api.baseUrl().toString());
            TestClock clock = new TestClock(start);
            try (var service = new dev.greenloop.app.IntensityService(env,
                    () -> dev.greenloop.store.Stores.openArchive(dev.greenloop.store.StoreConfig.fromEnvironment(env)), clock)) {
                ProviderForecasts f = ProviderForecasts.open(service, "neso", "lifecycle", List.of("GB"), Duration.ofMinutes(5), clock);

                f.fingerprint();
                clock.advance(Duration.ofMinutes(4));
                f.fingerprint();
                assertEquals(1, api.count("/intensity/"));
                clock.advance(Duration.ofMinutes(1));
                f.fingerprint();
                assertEquals(2, api.count("/intensity/"), "a 5-minute refresh fetches after 5 minutes, not after the provider's 30");
            }
        }
    }
}
