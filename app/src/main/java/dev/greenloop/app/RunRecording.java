package dev.greenloop.app;

import dev.greenloop.meter.Measurement;
import dev.greenloop.meter.RunRecorder;
import java.util.Map;

/**
 * Records {@code Greenloop.track(...)} measurements as runs in the Greenloop store, with their carbon, using the
 * process's {@link Settings} ({@code GREENLOOP_ZONE}, {@code GREENLOOP_PUE}, {@code GREENLOOP_DB},
 * {@code GREENLOOP_HOME}, the config file). The meter finds it through {@link java.util.ServiceLoader}: the app
 * jar registers it, so an application with the core, meter, carbon, store and app jars on its class path stores
 * its trackings, listed by {@code greenloop runs list}.
 */
public final class RunRecording implements RunRecorder {

    /** Creates the recorder; the service loader calls this. */
    public RunRecording() {
    }

    /**
     * {@inheritDoc}
     *
     * @throws ConfigException if the settings are bad (config file, zone, PUE)
     * @throws dev.greenloop.store.StoreException if the store cannot be opened or written
     */
    @Override
    public Recorded record(String name, Map<String, String> tags, Measurement measurement, boolean failed) {
        return new Measuring(Settings.current()).record(name, tags, measurement, failed);
    }
}
