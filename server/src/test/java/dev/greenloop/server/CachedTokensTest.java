package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.Tokens;
import dev.greenloop.store.ApiToken;
import dev.greenloop.store.TokenRole;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedTokensTest {

    private final FakeFleetStore store = new FakeFleetStore();
    private final FakeTokens real = new FakeTokens(store);
    private final AtomicInteger lookups = new AtomicInteger();
    private final Tokens counting = new Tokens() {
        @Override
        public Created create(TokenRole role, Optional<String> name) {
            return real.create(role, name);
        }

        @Override
        public List<ApiToken> list() {
            return real.list();
        }

        @Override
        public Optional<ApiToken> revoke(String idOrName) {
            return real.revoke(idOrName);
        }

        @Override
        public Optional<ApiToken> authenticate(String secret) {
            lookups.incrementAndGet();
            return real.authenticate(secret);
        }
    };
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final CachedTokens cached = new CachedTokens(counting, nanos::get);

    @Test
    void authenticate_sameTokenWithinTheTtl_oneStoreLookup() {
        String secret = cached.create(TokenRole.AGENT, Optional.of("a")).secret();
        for (int i = 0; i < 100; i++) {
            assertTrue(cached.authenticate(secret).isPresent());
        }
        assertEquals(1, lookups.get());
        nanos.addAndGet(CachedTokens.TTL.toNanos());
        assertTrue(cached.authenticate(secret).isPresent());
        assertEquals(2, lookups.get(), "checked again once the TTL is over");
    }

    @Test
    void revokedElsewhere_refusedOnceTheTtlIsOver_revokedHere_refusedAtOnce() {
        String a = cached.create(TokenRole.VIEWER, Optional.of("a")).secret();
        String b = cached.create(TokenRole.VIEWER, Optional.of("b")).secret();
        assertTrue(cached.authenticate(a).isPresent());
        assertTrue(cached.authenticate(b).isPresent());

        real.revoke("a"); // another replica, or the CLI
        assertTrue(cached.authenticate(a).isPresent(), "still remembered within the TTL (documented)");
        nanos.addAndGet(CachedTokens.TTL.toNanos() + 1);
        assertTrue(cached.authenticate(a).isEmpty(), "refused once the TTL is over");

        assertTrue(cached.authenticate(b).isPresent());
        cached.revoke("b"); // through this server
        assertTrue(cached.authenticate(b).isEmpty(), "a revocation through this process takes effect at once");
    }

    @Test
    void unknownToken_refusedAndRemembered_validOneUnaffected() {
        assertTrue(cached.authenticate("glt_nope").isEmpty());
        assertTrue(cached.authenticate("glt_nope").isEmpty());
        assertEquals(1, lookups.get());
    }
}
