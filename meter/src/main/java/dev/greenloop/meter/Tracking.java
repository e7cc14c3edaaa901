package dev.greenloop.meter;

import dev.greenloop.meter.spi.EnergySource;

import dev.greenloop.core.Energy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * One in-process measurement, started by {@link Greenloop#track(String)} and ended by
 * {@link #close()}. Not thread-safe: open and close it on one thread.
 */
public final class Tracking implements AutoCloseable {

    private final String name;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Discovery discovery;
    private final Sampler sampler;
    private Measurement measurement;
    private Optional<RunRecorder.Recorded> recorded = Optional.empty();
    private boolean failed;

    Tracking(String name, Discovery discovery, Sampler sampler) {
        this.name = name;
        this.discovery = discovery;
        this.sampler = sampler;
    }

    /**
     * Adds a tag to the run that will be recorded.
     *
     * @return this tracking
     */
    public Tracking tag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    /** Marks the tracked work as failed; it is recorded with exit code 1. */
    public void failed() {
        failed = true;
    }

    /** @return the node energy so far (live), or the total after {@link #close()} */
    public Energy energySoFar() {
        if (measurement != null) {
            return measurement.total();
        }
        Sample s = sampler.latest();
        return s == null ? Energy.ZERO : s.nodeEnergy();
    }

    /**
     * Stops measuring, and records the run when a {@link RunRecorder} is on the class path.
     * Calling it again does nothing.
     */
    @Override
    public void close() {
        if (measurement != null) {
            return;
        }
        measurement = sampler.stop();
        for (EnergySource s : discovery.sources()) {
            s.close();
        }
        for (RunRecorder recorder : ServiceLoader.load(RunRecorder.class)) {
            try {
                recorded = Optional.of(recorder.record(name, tags, measurement, failed));
            } catch (RuntimeException e) {
                // The measurement is the caller's result; a store that cannot be written must not
                // turn their finished work into a failure. Say so on stderr, once.
                System.err.println("greenloop: tracking '" + name + "' was measured but not stored: " + e.getMessage());
            }
            break;
        }
    }

    /**
     * @return what was measured
     * @throws IllegalStateException before {@link #close()}
     */
    public Measurement measurement() {
        if (measurement == null) {
            throw new IllegalStateException("tracking '" + name + "' is still running: close it first");
        }
        return measurement;
    }

    /** @return what the recorder stored, once closed; empty without a recorder or when storing failed */
    public Optional<RunRecorder.Recorded> recorded() {
        return recorded;
    }

    /** @return the tracking's name */
    public String name() {
        return name;
    }
}
