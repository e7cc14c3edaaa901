package dev.greenloop.carbon.live;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link LiveProvider} keeps the answers it fetched, with their fetch times, so that another provider
 * object — in this process or in another one, such as a second {@code greenloop} command — reuses an answer
 * while it is younger than that caller's cache lifetime ({@link LiveOptions}) instead of asking the service
 * again. The store's intensity archive is the usual one (the application wires the two, since this module does
 * not depend on the store). Implementations must be thread-safe.
 *
 * <p>Keys and answers are opaque text written by the providers: a key names the provider, its base URL, its
 * basis where it has several, the kind of request and its arguments; an answer is the parsed points. Neither
 * holds a credential.
 */
public interface AnswerCache {

    /** A cache that keeps nothing: every miss of a provider's own memory fetches. */
    AnswerCache NONE = new AnswerCache() {
        @Override
        public Optional<Answer> find(String key) {
            return Optional.empty();
        }

        @Override
        public void keep(String key, Answer answer) {
        }
    };

    /**
     * One fetched answer.
     *
     * @param fetchedAt when the provider's answer was fetched
     * @param body the answer as the provider encoded it
     * @throws NullPointerException if an argument is null
     */
    record Answer(Instant fetchedAt, String body) {

        /** @throws NullPointerException if an argument is null */
        public Answer {
            Objects.requireNonNull(fetchedAt, "fetchedAt");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * @return the newest answer kept under {@code key}, if any, whatever its age (the caller decides whether it is
     *     young enough)
     * @throws RuntimeException if the cache cannot be read; the provider's call then fails with it as the cause
     */
    Optional<Answer> find(String key);

    /**
     * Keeps {@code answer} under {@code key}, replacing an older one; an answer older than the one kept is ignored.
     *
     * @throws RuntimeException if it cannot be kept; the provider's call then fails with it as the cause
     */
    void keep(String key, Answer answer);
}
