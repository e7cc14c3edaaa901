package dev.greenloop.server;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.Settings;
import dev.greenloop.app.Tokens;
import dev.greenloop.app.ZoneIntensities;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * @param intensities the grid intensity of the options' trace files and providers, with the store's archive: read once
 *     at start, closed when the server stops
 * @param metrics the server's own metrics (requests, ingest), per process
 */
record ServerContext(Fleet fleet, ServerOptions options, Clock clock, Tokens tokens, Records records,
        Supplier<String> agentStatus, Consumer<String> log, ZoneIntensities intensities, ServerMetrics metrics) {

    /**
     * The fleet's own tokens, runs and jobs, traces and providers from the options with the settings of this process,
     * no agent status, logging to stderr.
     *
     * @throws IllegalArgumentException naming the trace file, provider or zone that cannot be served
     */
    ServerContext(Fleet fleet, ServerOptions options, Clock clock) {
        this(fleet, options, clock, new CachedTokens(fleet.tokens(), System::nanoTime), new StoreRecords(Settings.current(), System.err::println),
                () -> options.localAgent() ? "starting" : "disabled", System.err::println);
    }

    /** With the options' traces and providers, and new server metrics. */
    ServerContext(Fleet fleet, ServerOptions options, Clock clock, Tokens tokens, Records records, Supplier<String> agentStatus,
            Consumer<String> log) {
        this(fleet, options, clock, tokens, records, agentStatus, log, intensities(options, Settings.current().effectiveEnvironment(), clock),
                new ServerMetrics());
    }

    /** A context with only grid intensity, for the intensity routes' tests. */
    static ServerContext intensityOnly(Clock clock, ZoneIntensities intensities) {
        return new ServerContext(null, null, clock, null, null, () -> "disabled", s -> { }, intensities, new ServerMetrics());
    }

    /**
     * @param environment provider credentials and base URLs, and the store whose archive holds fetched values
     * @throws IllegalArgumentException naming what cannot be served: a trace file that cannot be read, a zone given twice
     */
    static ZoneIntensities intensities(ServerOptions options, Map<String, String> environment, Clock clock) {
        Map<String, Path> traces = new LinkedHashMap<>();
        for (ServerOptions.Trace t : options.traces()) {
            if (traces.put(t.zone(), t.file()) != null) {
                throw new IllegalArgumentException("--trace: zone %s is given twice; give one file per zone".formatted(t.zone()));
            }
        }
        Map<String, String> providers = new LinkedHashMap<>();
        for (ServerOptions.Provider p : options.providers()) {
            if (providers.put(p.zone(), p.name()) != null) {
                throw new IllegalArgumentException("--zone %s is given two providers; give one provider per zone".formatted(p.zone()));
            }
        }
        try {
            return ZoneIntensities.open(traces, providers, environment, clock);
        } catch (IOException e) {
            throw new IllegalArgumentException("--trace: cannot read " + e.getMessage(), e);
        }
    }
}
