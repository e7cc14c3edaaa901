package dev.greenloop.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A process to be killed mid-run by {@link CrashRecoveryIT}: starts a run in the store under
 * {@code args[0]}, prints {@code RUN <id>}, then appends batches of {@value #BATCH} samples forever,
 * printing {@code BATCH <n>} after each.
 */
public final class CrashingWriterMain {

    static final int BATCH = 100;

    private CrashingWriterMain() {
    }

    public static void main(String[] args) {
        Store store = Stores.open(new StoreConfig(Optional.empty(), Path.of(args[0])));
        long runId = store.startRun(Fixtures.newRun("doomed", Fixtures.T0.plusSeconds(3_600)));
        System.out.println("RUN " + runId);
        System.out.flush();
        for (int n = 1; ; n++) {
            store.appendSamples(Fixtures.NODE, Optional.of(runId),
                    Fixtures.samples(Fixtures.T0.plusSeconds(3_600L + n * 60L), "gpu-0", BATCH));
            System.out.println("BATCH " + n);
            System.out.flush();
        }
    }
}
