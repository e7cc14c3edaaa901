package dev.greenloop.store;

import java.time.Instant;
import java.util.Optional;

/**
 * An API token as stored: never the token itself, only its hash.
 *
 * @param id the token's id, which {@code token list} shows and {@code token revoke} takes
 * @param name a name for people
 * @param role what it may do
 * @param hash the SHA-256 of the token, in lower-case hex
 * @param createdAt when it was created
 * @param revokedAt when it was revoked, empty while it is valid
 */
public record ApiToken(long id, String name, TokenRole role, String hash, Instant createdAt, Optional<Instant> revokedAt) {

    /** @return true unless it was revoked */
    public boolean valid() {
        return revokedAt.isEmpty();
    }
}
