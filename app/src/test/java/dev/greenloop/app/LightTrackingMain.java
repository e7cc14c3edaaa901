package dev.greenloop.app;

import dev.greenloop.meter.Greenloop;
import dev.greenloop.meter.Tracking;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.util.List;

/**
 * An application's JVM with only the light jars: tracks a busy block, then reads the stored run back from the
 * store and prints it as key=value lines. Exits 3 if a heavy library is on its class path.
 */
public final class LightTrackingMain {

    private LightTrackingMain() {
    }

    public static void main(String[] args) throws Exception {
        for (String heavy : List.of("picocli.CommandLine", "ai.onnxruntime.OrtEnvironment", "com.google.ortools.Loader",
                "ai.djl.huggingface.tokenizers.HuggingFaceTokenizer", "dev.greenloop.schedule.live.LiveScheduler", "dev.greenloop.lab.LabException")) {
            try {
                Class.forName(heavy, false, LightTrackingMain.class.getClassLoader());
                System.out.println("heavy=" + heavy);
                System.exit(3);
            } catch (ClassNotFoundException expected) {
                // Absent, as it should be.
            }
        }
        long sink = 0;
        Tracking t;
        try (Tracking tracking = Greenloop.track("light-block").tag("kind", "light")) {
            t = tracking;
            long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end) {
                sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
            }
        }
        long id = t.recorded().orElseThrow(() -> new IllegalStateException("the tracking was not recorded")).runId();
        try (Store store = Stores.open(StoreConfig.fromEnvironment(System.getenv()))) {
            var run = store.findRun(id).orElseThrow();
            System.out.println("runId=" + run.id());
            System.out.println("name=" + run.start().name());
            System.out.println("tag.kind=" + run.start().tags().get("kind"));
            System.out.println("zone=" + run.outcome().orElseThrow().carbon().zone());
            System.out.println("total=" + t.measurement().total().joules());
        }
        System.out.println("sink=" + (sink & 1));
    }
}
