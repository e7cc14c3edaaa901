package dev.greenloop.server;

import dev.greenloop.store.ApiToken;
import dev.greenloop.store.TokenRole;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every matched route: checks the bearer token against the route's {@link Access}, then the token's
 * request rate. A route that declares no access is for admins only. Tokens are never logged nor echoed.
 */
final class Guard {

    /** The request attribute that holds the caller's {@link ApiToken}, once checked. */
    static final String TOKEN = "greenloop.token";

    private final ServerContext context;
    private final RateLimiter limiter;

    Guard(ServerContext context) {
        this.context = context;
        ServerOptions.Limits limits = context.options().limits();
        this.limiter = new RateLimiter(limits.requestsPerSecond(), limits.burst(), System::nanoTime);
    }

    void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Access.PUBLIC) || roles.contains(Access.SESSION)) {
            return;
        }
        if (!context.options().auth()) {
            // Loopback only (checked at start): the caller's address stands for the token.
            limit(ctx, "ip:" + ctx.ip());
            return;
        }
        ApiToken token = authenticate(ctx);
        if (!allows(roles, token.role())) {
            throw new ProblemException(403, "Forbidden", "the token '%s' is a%s %s token, which may not %s %s; %s".formatted(
                    token.name(), token.role() == TokenRole.ADMIN || token.role() == TokenRole.AGENT ? "n" : "", token.role().label(),
                    ctx.method(), ctx.path(), needed(roles)));
        }
        ctx.attribute(TOKEN, token);
        limit(ctx, token.hash());
    }

    private ApiToken authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthorized(ctx, null, "this route needs a bearer token: send 'Authorization: Bearer <token>'; an admin creates one with"
                    + " 'greenloop server token create --role viewer|agent|admin'");
        }
        String h = header.strip();
        if (!h.toLowerCase(Locale.ROOT).startsWith("bearer ") || h.substring(7).isBlank()) {
            throw unauthorized(ctx, "invalid_request", "the Authorization header must be 'Bearer <token>' (RFC 6750)");
        }
        Optional<ApiToken> token = context.tokens().authenticate(h.substring(7).strip());
        return token.orElseThrow(() -> unauthorized(ctx, "invalid_token", "the bearer token is unknown or was revoked; 'greenloop server"
                + " token list' shows the tokens"));
    }

    private static ProblemException unauthorized(Context ctx, String error, String detail) {
        // RFC 6750 section 3: a request without credentials gets the bare challenge, a bad one names the error.
        ctx.header("WWW-Authenticate", error == null ? "Bearer realm=\"greenloop\"" : "Bearer realm=\"greenloop\", error=\"" + error + "\"");
        return new ProblemException(401, "Unauthorized", detail, "Authorization");
    }

    /** Admins may do all; otherwise the route must name the token's role. A route naming no role is for admins. */
    static boolean allows(Set<RouteRole> roles, TokenRole role) {
        return switch (role) {
            case ADMIN -> true;
            case VIEWER -> roles.contains(Access.VIEWER);
            case AGENT -> roles.contains(Access.AGENT);
        };
    }

    private static String needed(Set<RouteRole> roles) {
        if (roles.contains(Access.VIEWER)) {
            return "it needs a viewer or admin token";
        }
        if (roles.contains(Access.AGENT)) {
            return "it needs an agent or admin token (agents only ingest)";
        }
        return "it needs an admin token";
    }

    private void limit(Context ctx, String key) {
        Optional<Duration> wait = limiter.acquire(key);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (long) Math.ceil(wait.get().toNanos() / 1e9));
            ctx.header("Retry-After", Long.toString(seconds));
            ServerOptions.Limits limits = context.options().limits();
            throw new ProblemException(429, "Too Many Requests", ("more than %s requests a second (bursts of %d) with this token; retry after"
                    + " %d s").formatted(stripZeros(limits.requestsPerSecond()), limits.burst(), seconds));
        }
    }

    private static String stripZeros(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
