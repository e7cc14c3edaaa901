package dev.greenloop.meter;

/**
 * Receives each tick of a {@link Sampler}, on the sampler's thread. Implementations must be quick
 * (they run inside the sampling budget) and must not throw.
 */
@FunctionalInterface
public interface SampleListener {

    /** Called after every tick, including the last one taken by {@link Sampler#stop()}. */
    void onSample(Sample sample);

    /**
     * Called when a source could not be read; the energy it missed is caught up at its next
     * successful read, since readings are cumulative. The default does nothing.
     *
     * @param source the source's id
     * @param error what went wrong
     */
    default void onReadError(String source, Exception error) {
    }

    /** A listener that ignores everything. */
    SampleListener NONE = sample -> { };
}
