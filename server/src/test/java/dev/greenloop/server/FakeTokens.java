package dev.greenloop.server;

import dev.greenloop.app.Tokens;
import dev.greenloop.store.ApiToken;
import dev.greenloop.store.FleetStore;
import dev.greenloop.store.TokenRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link Tokens} over a fleet store, with predictable secrets ({@code glt_test_<n>}), hashing as the real ones do. */
final class FakeTokens implements Tokens {

    private final FleetStore store;
    private final AtomicInteger next = new AtomicInteger();

    FakeTokens(FleetStore store) {
        this.store = store;
    }

    @Override
    public Created create(TokenRole role, Optional<String> name) {
        String secret = "glt_test_" + next.incrementAndGet();
        ApiToken token = store.createToken(name.orElse(role.label() + "-" + next.get()), role, sha256(secret));
        return new Created(secret, token);
    }

    @Override
    public List<ApiToken> list() {
        return store.tokens();
    }

    @Override
    public Optional<ApiToken> revoke(String idOrName) {
        return store.revokeToken(idOrName);
    }

    @Override
    public Optional<ApiToken> authenticate(String secret) {
        return store.tokenByHash(sha256(secret)).filter(ApiToken::valid);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
