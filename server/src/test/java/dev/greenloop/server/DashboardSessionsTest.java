package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.store.ApiToken;
import dev.greenloop.store.TokenRole;
import dev.greenloop.testfixtures.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sessions: random ids, sign-in rotates the id, idle and absolute expiry, CSRF comparison. */
class DashboardSessionsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final DashboardSessions sessions = new DashboardSessions(clock);
    private final ApiToken viewer = new ApiToken(1, "v", TokenRole.VIEWER, "h", clock.instant(), Optional.empty());

    @Test
    void signIn_newIdAndTheFormsSessionEnds() {
        DashboardSessions.Session form = sessions.anonymous();
        DashboardSessions.Session in = sessions.signIn(form, viewer, "glt_secret");
        assertNotEquals(form.id(), in.id());
        assertNotEquals(form.csrf(), in.csrf());
        assertTrue(sessions.find(form.id()).isEmpty());
        assertTrue(sessions.find(in.id()).orElseThrow().signedIn());
        assertTrue(in.id().length() >= 43, "32 random bytes");
    }

    @Test
    void session_expiresWhenIdle() {
        DashboardSessions.Session in = sessions.signIn(sessions.anonymous(), viewer, "glt_secret");
        clock.advance(DashboardSessions.IDLE.minusSeconds(1));
        assertTrue(sessions.find(in.id()).isPresent(), "used just before the idle limit");
        clock.advance(DashboardSessions.IDLE.minusSeconds(1));
        assertTrue(sessions.find(in.id()).isPresent(), "each use restarts the idle time");
        clock.advance(DashboardSessions.IDLE);
        assertTrue(sessions.find(in.id()).isEmpty(), "idle too long");
        assertEquals(0, sessions.size(), "an expired session is removed");
    }

    @Test
    void session_expiresAfterMaxAgeEvenWhenUsed() {
        DashboardSessions.Session in = sessions.signIn(sessions.anonymous(), viewer, "glt_secret");
        Instant end = clock.instant().plus(DashboardSessions.MAX_AGE);
        while (clock.instant().plus(Duration.ofMinutes(10)).isBefore(end)) {
            clock.advance(Duration.ofMinutes(10));
            assertTrue(sessions.find(in.id()).isPresent(), "at " + clock.instant());
        }
        clock.set(end);
        assertTrue(sessions.find(in.id()).isEmpty());
    }

    @Test
    void csrf_matchesOnlyItsOwnToken() {
        DashboardSessions.Session s = sessions.anonymous();
        assertTrue(s.csrfMatches(s.csrf()));
        assertFalse(s.csrfMatches(null));
        assertFalse(s.csrfMatches(""));
        assertFalse(s.csrfMatches(sessions.anonymous().csrf()));
        assertFalse(s.mayAct());
        assertTrue(sessions.find("unknown").isEmpty());
        assertTrue(sessions.find(null).isEmpty());
    }
}
