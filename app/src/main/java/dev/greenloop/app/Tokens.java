package dev.greenloop.app;

import dev.greenloop.store.ApiToken;
import dev.greenloop.store.TokenRole;
import java.util.List;
import java.util.Optional;

/**
 * The server's API tokens: a token is shown once when created and only its SHA-256 is stored; a bearer token is
 * checked by its hash.
 */
public interface Tokens {

    /** A new token: the secret, shown once, and what is stored. */
    record Created(String secret, ApiToken token) {
    }

    /**
     * Creates a token: {@code glt_} followed by 32 random bytes (base64url).
     *
     * @param name a name for people; a default one when empty
     * @throws IllegalArgumentException if the name is taken or not printable
     */
    Created create(TokenRole role, Optional<String> name);

    /** @return every token, revoked ones too */
    List<ApiToken> list();

    /** @return the revoked token, empty if none has that id or name */
    Optional<ApiToken> revoke(String idOrName);

    /** @return the valid token whose secret this is, empty if none (unknown or revoked) */
    Optional<ApiToken> authenticate(String secret);
}
