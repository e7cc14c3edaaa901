package dev.greenloop.carbon.live;

import dev.greenloop.testfixtures.FakeProviderApi;
import dev.greenloop.testfixtures.TestClock;

import static dev.greenloop.testfixtures.FakeProviderApi.Answer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts, back-off and error messages, against a local server. */
class HttpFetcherTest {

    private final FakeProviderApi api;
    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final Doubles.RecordingSleeper sleeper = new Doubles.RecordingSleeper();
    private LiveOptions options = LiveOptions.defaults().withRetries(3, Duration.ofMillis(10), Duration.ofSeconds(30));

    HttpFetcherTest() throws IOException {
        api = new FakeProviderApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String get() {
        return new HttpFetcher("test", options, clock, sleeper).get(uri(), Map.of(), List.of("s3cret"));
    }

    private URI uri() {
        return URI.create(api.baseUrl() + "/data?zone=X");
    }

    @Test
    void get_429WithRetryAfterSeconds_waitsThatLongThenSucceeds() {
        api.route("/data", FakeProviderApi.sequence(new FakeProviderApi.Answer(429, Map.of("Retry-After", "2"), ""), ok("{}")));

        assertEquals("{}", get());
        assertEquals(List.of(Duration.ofSeconds(2)), sleeper.waits);
        assertEquals(2, api.count("/data"));
    }

    @Test
    void get_503WithRetryAfterDate_waitsUntilThatDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(7).atOffset(ZoneOffset.UTC));
        api.route("/data", FakeProviderApi.sequence(new FakeProviderApi.Answer(503, Map.of("Retry-After", date), ""), ok("{}")));

        assertEquals("{}", get());
        assertEquals(List.of(Duration.ofSeconds(7)), sleeper.waits);
    }

    @Test
    void get_429WithoutRetryAfter_backsOffExponentially() {
        api.route("/data", FakeProviderApi.sequence(FakeProviderApi.Answer.status(429, ""), FakeProviderApi.Answer.status(429, ""),
                FakeProviderApi.Answer.status(429, ""), ok("{}")));

        assertEquals("{}", get());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40)), sleeper.waits);
    }

    @Test
    void get_429Always_failsAfterTheBoundedRetries() {
        api.route("/data", r -> FakeProviderApi.Answer.status(429, "{\"message\":\"slow down\"}"));

        LiveProviderException e = assertThrows(LiveProviderException.class, this::get);

        assertEquals(4, api.count("/data"));
        assertEquals(429, e.status());
        assertTrue(e.getMessage().contains("HTTP 429 4 times") && e.getMessage().contains("slow down"), e.getMessage());
    }

    @Test
    void get_retryAfterLongerThanAccepted_failsAtOnceSayingHowLong() {
        api.route("/data", r -> new FakeProviderApi.Answer(429, Map.of("Retry-After", "3600"), ""));

        LiveProviderException e = assertThrows(LiveProviderException.class, this::get);

        assertEquals(1, api.count("/data"));
        assertTrue(e.getMessage().contains("asks to wait 3600 s"), e.getMessage());
        assertEquals(List.of(), sleeper.waits);
    }

    @Test
    void get_realSleeper_waitsRetryAfterForReal() {
        api.route("/data", FakeProviderApi.sequence(new FakeProviderApi.Answer(429, Map.of("Retry-After", "1"), ""), ok("{}")));
        long start = System.nanoTime();

        String body = new HttpFetcher("test", options, clock, d -> Thread.sleep(d)).get(uri(), Map.of(), List.of());

        assertEquals("{}", body);
        assertTrue(System.nanoTime() - start >= 950_000_000L, "waited at least the Retry-After second");
    }

    @Test
    void get_slowServer_timesOutWithAClearMessage() {
        api.route("/data", r -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok("{}");
        });
        options = options.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200));
        long start = System.nanoTime();

        LiveProviderException e = assertThrows(LiveProviderException.class, this::get);

        assertTrue(System.nanoTime() - start < 1_500_000_000L, "gave up near the 200 ms timeout");
        assertTrue(e.getMessage().contains("did not answer /data?zone=X within the timeout"), e.getMessage());
        assertEquals(1, api.count("/data"), "timeouts are not retried");
    }

    @Test
    void get_400_failsAtOnceWithTheProvidersMessageAndNoSecret() {
        api.route("/data", r -> FakeProviderApi.Answer.status(400, "{\"error\":\"bad zone X for key s3cret\"}"));

        LiveProviderException e = assertThrows(LiveProviderException.class, this::get);

        assertEquals(1, api.count("/data"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("HTTP 400") && e.getMessage().contains("bad zone X"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void get_nobodyListening_failsNamingTheProviderTheHostAndWhy() throws IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed below: nothing listens there any more
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/data");

        LiveProviderException e = assertThrows(LiveProviderException.class,
                () -> new HttpFetcher("test", options, clock, sleeper).get(closed, Map.of(), List.of()));

        assertTrue(e.getMessage().startsWith("cannot reach test at 127.0.0.1:" + port + " for /data: connection refused"), e.getMessage());
        assertEquals(0, e.status());
    }

    @Test
    void get_endlessBody_refusedAsTooLargeNamingTheHost_afterReadingAboutTheLimit() {
        api.routeStream("/data", 1L << 30); // 1 GiB, as good as endless
        long start = System.nanoTime();

        LiveProviderException e = assertThrows(LiveProviderException.class, this::get);

        assertTrue(e.getMessage().startsWith("test at 127.0.0.1:" + api.baseUrl().getPort() + ": response too large"), e.getMessage());
        assertTrue(e.getMessage().contains("past 16 MiB"), e.getMessage());
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "stopped near the limit, not after 1 GiB");
        assertTrue(api.streamedBytes() < (1L << 30), "read " + api.streamedBytes() + " bytes");
        assertEquals(1, api.count("/data"), "a too-large answer is not retried");
    }

    @Test
    void get_bodyOfTheLimit_isRead() {
        api.routeStream("/data", HttpFetcher.MAX_BODY_BYTES);

        assertEquals(HttpFetcher.MAX_BODY_BYTES, get().length());
    }

    @Test
    void get_secretCutByTheLengthLimit_leavesNoPieceOfIt() {
        String secret = "s3cret-0123456789abcdef";
        api.route("/data", r -> FakeProviderApi.Answer.status(400, "x".repeat(290) + secret + "y".repeat(50)));

        LiveProviderException e = assertThrows(LiveProviderException.class,
                () -> new HttpFetcher("test", options, clock, sleeper).get(uri(), Map.of(), List.of(secret)));

        assertFalse(e.getMessage().contains("s3cret-01"), e.getMessage());
        assertTrue(e.getMessage().endsWith("..."), e.getMessage());
    }

    @Test
    void get_credentialHeadersAndAuthorizationLines_redactedAnywhereInTheMessage() {
        api.route("/data", r -> FakeProviderApi.Answer.status(401,
                "{\"echo\":\"auth-token: em-tok-4242 ; Authorization: Bearer wt-bearer-777 ; authorization=Basic dXNlcjpwdw==\"}"));

        LiveProviderException e = assertThrows(LiveProviderException.class, () -> new HttpFetcher("test", options, clock, sleeper)
                .get(uri(), Map.of("auth-token", "em-tok-4242", "Authorization", "Bearer wt-bearer-777"), List.of()));

        for (String leak : List.of("em-tok-4242", "wt-bearer-777", "dXNlcjpwdw")) {
            assertFalse(e.getMessage().contains(leak), leak + " in " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    }

    @Test
    void get_sameOriginRedirect_followedWithTheHeaders_boundedToFive() {
        api.route("/old", r -> new FakeProviderApi.Answer(302, Map.of("Location", "/data?zone=X"), ""));
        api.route("/data", r -> ok("{}"));
        api.route("/loop", r -> new FakeProviderApi.Answer(307, Map.of("Location", "/loop"), ""));
        HttpFetcher http = new HttpFetcher("test", options, clock, sleeper);

        assertEquals("{}", http.get(URI.create(api.baseUrl() + "/old"), Map.of("auth-token", "t0k"), List.of()));
        assertEquals("t0k", api.requests().getLast().header("auth-token"));

        LiveProviderException e = assertThrows(LiveProviderException.class,
                () -> http.get(URI.create(api.baseUrl() + "/loop"), Map.of(), List.of()));
        assertTrue(e.getMessage().contains("more than 5 redirects"), e.getMessage());
        assertEquals(6, api.count("/loop"));
    }
}
