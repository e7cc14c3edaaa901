package dev.greenloop.lab;

/**
 * Told what {@link Lab} is doing, for a user to see: one-line notes (a model being fetched, a
 * variant being built on first use, a profile's summary), lines of a fetching tool's output, and the
 * stages of long work. A front end renders them; nothing here writes to a stream itself.
 */
public interface LabListener {

    /** A line for the user, such as {@code building int4 of all-minilm-l6-v2 fp32 on first use, once, into DIR}. */
    void note(String message);

    /** A line of a tool's output worth showing (Maven's download line of a model, its errors), as it was written. */
    void detail(String line);

    /**
     * The stages of one piece of work; closed when the work is done.
     *
     * @param label what is done, such as {@code lab profile int8 threads=1 workers=1 batch=32 spin=off} for a
     *     profile, or null for a variant's build or distillation (each stage is then announced)
     * @param unit what the counted stages count: {@code steps}, {@code tokens}, {@code texts}
     */
    Stages stages(String label, String unit);

    /** Progress of one piece of work in stages. */
    interface Stages extends VariantBuilder.Progress, Profiler.Listener, AutoCloseable {

        @Override
        default void progress(String stage, long done, long total) {
            update(stage, done, total);
        }

        /** The work is done (or failed). */
        @Override
        void close();
    }

    /** A listener that tells nobody. */
    static LabListener silent() {
        return new LabListener() {
            @Override
            public void note(String message) {
            }

            @Override
            public void detail(String line) {
            }

            @Override
            public Stages stages(String label, String unit) {
                return new Stages() {
                    @Override
                    public void update(String stage, long done, long total) {
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }
}
