package dev.greenloop.carbon.live;

import static dev.greenloop.testfixtures.FakeProviderApi.Answer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.greenloop.testfixtures.FakeProviderApi;
import dev.greenloop.testfixtures.TestClock;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers shared between provider objects (as between two commands, through the store): reused while younger
 * than the caller's lifetime, fetched again once older, whatever the default lifetimes are.
 */
class SharedAnswerCacheTest {

    /** An {@link AnswerCache} in memory, as the store keeps one for all processes. */
    static final class MapCache implements AnswerCache {
        final Map<String, Answer> answers = new ConcurrentHashMap<>();

        @Override
        public Optional<Answer> find(String key) {
            return Optional.ofNullable(answers.get(key));
        }

        @Override
        public void keep(String key, Answer answer) {
            answers.merge(key, answer, (old, now) -> now.fetchedAt().isBefore(old.fetchedAt()) ? old : now);
        }
    }

    private final FakeProviderApi api;
    private final TestClock clock = new TestClock(NesoProviderTest.NOW);
    private final MapCache cache = new MapCache();

    SharedAnswerCacheTest() throws IOException {
        api = new FakeProviderApi();
        api.route("/intensity", r -> ok(NesoProviderTest.NATIONAL_FW48H));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** A new provider object, as a new command opens one, whose forecasts live {@code refresh}. */
    private NesoProvider provider(Duration refresh) {
        LiveOptions options = LiveOptions.defaults().withCacheTtls(refresh, refresh, refresh);
        return new NesoProvider(api.baseUrl(), options, ArchiveSink.NONE, cache, clock, new Doubles.RecordingSleeper());
    }

    @Test
    void forecast_secondProviderObject_reusesTheFirstsAnswerWithItsFetchTime() {
        List<LivePoint> first = provider(Duration.ofMinutes(30)).forecast("GB");
        clock.advance(Duration.ofMinutes(10));
        List<LivePoint> second = provider(Duration.ofMinutes(30)).forecast("GB");

        assertEquals(1, api.count("/intensity"));
        assertEquals(first, second);
        assertEquals(NesoProviderTest.NOW, cache.answers.values().iterator().next().fetchedAt());
    }

    @Test
    void forecast_olderThanTheCallersRefresh_isFetchedAgain_evenWithinTheDefaultThirtyMinutes() {
        provider(Duration.ofMinutes(5)).forecast("GB");
        clock.advance(Duration.ofMinutes(6));

        provider(Duration.ofMinutes(30)).forecast("GB"); // 6 min old: young enough for a 30-minute caller
        assertEquals(1, api.count("/intensity"));
        provider(Duration.ofMinutes(5)).forecast("GB"); // too old for a 5-minute caller
        assertEquals(2, api.count("/intensity"));
    }

    @Test
    void forecast_oneProviderObject_refreshShorterThanThirtyMinutes_fetchesAgainAfterIt() {
        NesoProvider p = provider(Duration.ofMinutes(5));
        p.forecast("GB");
        clock.advance(Duration.ofMinutes(4));
        p.forecast("GB");
        assertEquals(1, api.count("/intensity"));
        clock.advance(Duration.ofMinutes(2));
        p.forecast("GB");
        assertEquals(2, api.count("/intensity"));
    }

    @Test
    void forecast_zeroLifetime_alwaysFetches_butKeepsTheAnswerForOthers() {
        provider(Duration.ZERO).forecast("GB");
        provider(Duration.ZERO).forecast("GB");
        assertEquals(2, api.count("/intensity"));
        provider(Duration.ofMinutes(30)).forecast("GB");
        assertEquals(2, api.count("/intensity"));
    }

    @Test
    void current_sharedLikeForecasts_andKeyedApartFromThem() {
        api.route("/intensity", r -> ok(NesoProviderTest.NATIONAL_CURRENT));
        LivePoint a = provider(Duration.ofMinutes(5)).current("GB");
        LivePoint b = provider(Duration.ofMinutes(5)).current("GB");
        assertEquals(a, b);
        assertEquals(1, api.count("/intensity"));
        api.route("/intensity", r -> ok(NesoProviderTest.NATIONAL_FW48H));
        provider(Duration.ofMinutes(5)).forecast("GB");
        assertEquals(2, api.count("/intensity"));
    }

    @Test
    void keys_nameTheProviderAndItsUrl_neverAUserAndPasswordInTheUrl() {
        URI withSecret = URI.create("http://someone:s3cret@127.0.0.1:" + api.baseUrl().getPort());
        new NesoProvider(withSecret, LiveOptions.defaults(), ArchiveSink.NONE, cache, clock, new Doubles.RecordingSleeper()).forecast("GB");

        String key = cache.answers.keySet().iterator().next();
        assertEquals("neso http://127.0.0.1:" + api.baseUrl().getPort() + " forecast GB", key);
        assertFalse(String.join(" ", cache.answers.keySet()).contains("s3cret"));
    }
}
