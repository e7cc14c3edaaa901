package dev.greenloop.app;

import dev.greenloop.store.ApiToken;
import dev.greenloop.store.FleetStore;
import dev.greenloop.store.TokenNameTakenException;
import dev.greenloop.store.TokenRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link Tokens} in the fleet store: only each token's SHA-256 is stored; the secret is never kept nor logged. */
final class FleetTokens implements Tokens {

    /** What every token starts with, so that one found in a log or a repository is recognised. */
    static final String PREFIX = "glt_";
    private static final int RANDOM_BYTES = 32;
    private static final int MAX_NAME_LENGTH = 64;

    private final FleetStore store;
    private final SecureRandom random = new SecureRandom();

    FleetTokens(FleetStore store) {
        this.store = store;
    }

    @Override
    public Created create(TokenRole role, Optional<String> name) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = hash(secret);
        String chosen = name.map(String::strip).filter(n -> !n.isEmpty()).orElse(role.label() + "-" + hash.substring(0, 8));
        if (chosen.length() > MAX_NAME_LENGTH || !chosen.codePoints().allMatch(c -> c > 0x20 && c != 0x7f && !Character.isISOControl(c))) {
            throw new IllegalArgumentException(("token name '%s' is not usable; give at most %d printable characters without spaces,"
                    + " such as ci-agent").formatted(FleetInput.printable(chosen), MAX_NAME_LENGTH));
        }
        try {
            return new Created(secret, store.createToken(chosen, role, hash));
        } catch (TokenNameTakenException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public List<ApiToken> list() {
        return store.tokens();
    }

    @Override
    public Optional<ApiToken> revoke(String idOrName) {
        return store.revokeToken(Objects.requireNonNull(idOrName, "idOrName").strip());
    }

    @Override
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 256) {
            return Optional.empty();
        }
        return store.tokenByHash(hash(secret)).filter(ApiToken::valid);
    }

    /** @return the lower-case hex SHA-256 of the token's UTF-8 bytes, as the store keeps it */
    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
