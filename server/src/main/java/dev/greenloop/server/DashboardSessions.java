package dev.greenloop.server;

import dev.greenloop.store.ApiToken;
import dev.greenloop.store.TokenRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sessions, held in this process's memory (a restart signs everyone out; replicas behind one address
 * need sticky sessions). A session id and its CSRF token are 32 random bytes each (base64url); only the id travels in
 * the cookie, the CSRF token travels in the page. A session ends on sign-out, after {@link #IDLE} without a request, or
 * {@link #MAX_AGE} after sign-in, whichever comes first. A session not yet signed in (the sign-in form's, which holds
 * the form's CSRF token) lasts {@link #IDLE}.
 */
final class DashboardSessions {

    /** A session unused this long ends. */
    static final Duration IDLE = Duration.ofMinutes(30);
    /** A signed-in session ends this long after sign-in, used or not. */
    static final Duration MAX_AGE = Duration.ofHours(8);
    /** At most this many sessions are held; the oldest expired ones go first, then new sign-in forms are refused. */
    static final int MAX_SESSIONS = 10_000;

    /**
     * One session.
     *
     * @param id the cookie's value
     * @param csrf the synchroniser token every POST must send back
     * @param token the signed-in token, null before sign-in
     * @param secret the signed-in token's secret, kept in this process only so that each request checks it again (a
     *     revoked token's sessions end); null before sign-in
     * @param created when it began
     * @param lastUsed when it was last used
     */
    record Session(String id, String csrf, ApiToken token, String secret, Instant created, Instant lastUsed) {

        /** Names the session's token and role, never its id, CSRF token or secret. */
        @Override
        public String toString() {
            return signedIn() ? "Session[" + token.name() + ", " + token.role().label() + "]" : "Session[not signed in]";
        }

        boolean signedIn() {
            return token != null;
        }

        /** @return whether this session may act (change state): admins only */
        boolean mayAct() {
            return signedIn() && token.role() == TokenRole.ADMIN;
        }

        /** @return whether {@code sent} is this session's CSRF token, compared in constant time */
        boolean csrfMatches(String sent) {
            return sent != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DashboardSessions(Clock clock) {
        this.clock = clock;
    }

    /**
     * @return a new session not yet signed in, for the sign-in form
     * @throws ProblemException 503 when {@link #MAX_SESSIONS} live sessions are held
     */
    Session anonymous() {
        return put(null, null);
    }

    /**
     * Signs a token in: a new session id (the sign-in form's session ends, so an id set before sign-in is never a
     * signed-in one).
     */
    Session signIn(Session before, ApiToken token, String secret) {
        end(before.id());
        return put(token, secret);
    }

    /** @return the live session with this id, its last use now; empty if none or expired (and then it is removed) */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session used = new Session(s.id(), s.csrf(), s.token(), s.secret(), s.created(), now);
        sessions.replace(id, s, used);
        return Optional.of(used);
    }

    /** Ends a session; no-op for an unknown id. */
    void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    int size() {
        return sessions.size();
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed().plus(IDLE)) || (s.signedIn() && !now.isBefore(s.created().plus(MAX_AGE)));
    }

    private Session put(ApiToken token, String secret) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> expired(s, now));
            if (sessions.size() >= MAX_SESSIONS) {
                throw new ProblemException(503, "Service Unavailable", "too many dashboard sessions are open (%d); try again in %d minutes"
                        .formatted(MAX_SESSIONS, IDLE.toMinutes()), null);
            }
        }
        Session s = new Session(randomId(), randomId(), token, secret, now, now);
        sessions.put(s.id(), s);
        return s;
    }

    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
