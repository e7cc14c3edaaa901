package dev.greenloop.server;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.Tokens;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What handlers share: the application layer's services and the options. Holds no fleet state of its own (several
 * servers on one database answer alike).
 *
 * @param fleet the fleet's use cases
 * @param options how the server runs
 * @param clock the time
 * @param tokens the API tokens that bearer tokens are checked against (the fleet's, or a test double)
 * @param records the stored runs and jobs
 * @param agentStatus the built-in agent's status for {@code /health}: {@code disabled}, {@code running}, or what
 *     went wrong
 * @param log where the request log and the server's messages go, one line each (standard error); never a token
 */
record ServerContext(Fleet fleet, ServerOptions options, Clock clock, Tokens tokens, Records records,
        Supplier<String> agentStatus, Consumer<String> log) {

    /** The fleet's own tokens, runs and jobs from the settings of this process, no agent status, logging to stderr. */
    ServerContext(Fleet fleet, ServerOptions options, Clock clock) {
        this(fleet, options, clock, fleetTokens(fleet), new StoreRecords(dev.greenloop.app.Settings.current(), System.err::println),
                () -> options.localAgent() ? "starting" : "disabled", System.err::println);
    }

    /** The fleet's tokens, looked up on each call. */
    static Tokens fleetTokens(Fleet fleet) {
        return new Tokens() {
            @Override
            public Created create(dev.greenloop.store.TokenRole role, java.util.Optional<String> name) {
                return fleet.tokens().create(role, name);
            }

            @Override
            public java.util.List<dev.greenloop.store.ApiToken> list() {
                return fleet.tokens().list();
            }

            @Override
            public java.util.Optional<dev.greenloop.store.ApiToken> revoke(String idOrName) {
                return fleet.tokens().revoke(idOrName);
            }

            @Override
            public java.util.Optional<dev.greenloop.store.ApiToken> authenticate(String secret) {
                return fleet.tokens().authenticate(secret);
            }
        };
    }
}
