package dev.greenloop.server;

import dev.greenloop.app.Tokens;
import dev.greenloop.store.ApiToken;
import dev.greenloop.store.TokenRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The store's tokens with each bearer token's check remembered for a few seconds, so that an agent pushing every second
 * costs no store query per request. Entries are keyed by the token's SHA-256, never by the token. A revocation through
 * this process takes effect at once; one through another replica or the CLI within {@link #TTL}.
 */
final class CachedTokens implements Tokens {

    /** How long a check is remembered: the longest a revocation made elsewhere takes to reach this process. */
    static final Duration TTL = Duration.ofSeconds(5);

    private static final int MAX_ENTRIES = 100_000;

    private record Entry(Optional<ApiToken> token, long until) {
    }

    private final Tokens tokens;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> checks = new ConcurrentHashMap<>();

    CachedTokens(Tokens tokens, LongSupplier nanoTime) {
        this.tokens = tokens;
        this.nanoTime = nanoTime;
    }

    @Override
    public Created create(TokenRole role, Optional<String> name) {
        return tokens.create(role, name);
    }

    @Override
    public List<ApiToken> list() {
        return tokens.list();
    }

    @Override
    public Optional<ApiToken> revoke(String idOrName) {
        Optional<ApiToken> revoked = tokens.revoke(idOrName);
        checks.clear();
        return revoked;
    }

    @Override
    public Optional<ApiToken> authenticate(String secret) {
        String key = sha256(secret);
        long now = nanoTime.getAsLong();
        Entry e = checks.get(key);
        if (e != null && now - e.until() < 0) {
            return e.token();
        }
        Optional<ApiToken> token = tokens.authenticate(secret);
        if (checks.size() >= MAX_ENTRIES) {
            checks.clear(); // many distinct bad tokens: forget rather than grow
        }
        checks.put(key, new Entry(token, now + TTL.toNanos()));
        return token;
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
