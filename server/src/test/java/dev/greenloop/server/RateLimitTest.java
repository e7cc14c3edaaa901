package dev.greenloop.server;

import static dev.greenloop.server.AuthTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.store.TokenRole;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Requests per token: a token bucket; past it, 429 with Retry-After. */
class RateLimitTest {

    @Test
    void pastTheBurst_429WithRetryAfter_otherTokensUnaffected() throws Exception {
        try (TestServer server = new TestServer(TestServer.options(true, "127.0.0.1", new ServerOptions.Limits(1 << 20, 100, 0.1, 2)))) {
            String viewer = server.token(TokenRole.VIEWER);
            assertEquals(200, server.get("/api/v1/nodes", viewer).statusCode());
            assertEquals(200, server.get("/api/v1/nodes", viewer).statusCode());
            HttpResponse<String> r = server.get("/api/v1/nodes", viewer);
            assertEquals(429, r.statusCode());
            assertProblem(r, 429, null);
            long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 10, "Retry-After " + retry);
            assertEquals(200, server.get("/api/v1/nodes", server.token(TokenRole.VIEWER)).statusCode());
            // /health is not counted.
            for (int i = 0; i < 5; i++) {
                assertEquals(200, server.get("/health", null).statusCode());
            }
        }
    }

    @Test
    void bucket_refillsAtTheRate() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(2, 2, now::get);
        assertEquals(Optional.empty(), limiter.acquire("k"));
        assertEquals(Optional.empty(), limiter.acquire("k"));
        assertEquals(Optional.of(Duration.ofMillis(500)), limiter.acquire("k"));
        assertEquals(Optional.empty(), limiter.acquire("other"));
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertEquals(Optional.empty(), limiter.acquire("k"));
        assertTrue(limiter.acquire("k").isPresent());
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertEquals(Optional.empty(), limiter.acquire("k"));
        assertEquals(Optional.empty(), limiter.acquire("k"));
        assertTrue(limiter.acquire("k").isPresent(), "the bucket holds at most the burst");
    }

    @Test
    void zeroRate_noLimit() {
        RateLimiter limiter = new RateLimiter(0, 1, System::nanoTime);
        for (int i = 0; i < 1000; i++) {
            assertEquals(Optional.empty(), limiter.acquire("k"));
        }
    }
}
