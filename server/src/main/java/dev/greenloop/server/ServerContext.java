package dev.greenloop.server;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneIntensities;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What handlers share: the application layer's services and the options. Holds no fleet state of its own (several
 * servers on one database answer alike).
 *
 * @param intensities the grid intensity of the options' trace files and providers, with the store's archive: read once
 *     at start; to be closed when the server stops (it holds the store's archive once opened)
 */
record ServerContext(Fleet fleet, ServerOptions options, Clock clock, ZoneIntensities intensities) {

    /**
     * Reads the options' trace files and opens their providers, with this process's settings (credentials, store).
     *
     * @throws IllegalArgumentException naming the trace file, provider or zone that cannot be served
     */
    ServerContext(Fleet fleet, ServerOptions options, Clock clock) {
        this(fleet, options, clock, intensities(options, Settings.current().effectiveEnvironment(), clock));
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
