package dev.greenloop.bench;

import dev.greenloop.app.AnomalyRules;
import dev.greenloop.app.AnomalyWatch;
import dev.greenloop.core.Provenance;
import dev.greenloop.store.AnomalyStore;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.StoredAnomaly;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of the server's online anomaly detection on the ingest path: {@link AnomalyWatch#observe} of one node's
 * batch of 4 samples (two CPU packages, DRAM, a GPU: one second of the node at 1 Hz), cycling over 1,000 nodes, so
 * that one invocation in 1,000 moves the fleet one second on. The series are noisy levels with a rare spike, so the
 * open and close paths run too; the anomaly store does nothing (its writes are on a thread of their own in the
 * server). The samples are made in the benchmark, as ingest parses them. docs/anomalies.md turns the time per batch
 * into a share of a core ({@code bench/anomaly-watch.sh}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AnomalyWatchBenchmark {

    static final int NODES = 1000;
    private static final String[] COMPONENTS = {"cpu-package-0", "cpu-package-1", "dram-0", "gpu-0"};
    private static final dev.greenloop.core.Scope[] SCOPES = {dev.greenloop.core.Scope.CPU_PACKAGE, dev.greenloop.core.Scope.CPU_PACKAGE,
        dev.greenloop.core.Scope.DRAM, dev.greenloop.core.Scope.GPU};
    private static final double[] LEVELS = {80, 75, 12, 250};

    private final double[] noise = new double[1 << 16];
    private final String[] names = new String[NODES];
    private AnomalyWatch watch;
    private int node;
    private long second;
    private int k;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(1);
        for (int i = 0; i < noise.length; i++) {
            // About one point in 5,000 is a spike of 3x; the rest a few percent of noise.
            noise[i] = r.nextInt(5000) == 0 ? 2.0 : 0.03 * r.nextGaussian();
        }
        for (int n = 0; n < NODES; n++) {
            names[n] = "node-" + n;
        }
        watch = new AnomalyWatch(new NoStore(), AnomalyRules.POWER, node -> AnomalyWatch.Activity.UNKNOWN, Optional.empty(), line -> { },
                Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        watch.close();
    }

    @Benchmark
    public int observeOneNodeSecond() {
        Instant end = Instant.ofEpochSecond(1_765_000_000L + second);
        FleetSample[] batch = new FleetSample[COMPONENTS.length];
        for (int c = 0; c < COMPONENTS.length; c++) {
            double w = LEVELS[c] * (1 + noise[k++ & (noise.length - 1)]);
            batch[c] = new FleetSample("s", end, 1, COMPONENTS[c], SCOPES[c], Provenance.MEASURED, w, w);
        }
        watch.observe(names[node], List.of(batch));
        if (++node == NODES) {
            node = 0;
            second++;
        }
        return node;
    }

    /** A store that keeps nothing. */
    static final class NoStore implements AnomalyStore {
        @Override
        public void save(StoredAnomaly anomaly) {
        }

        @Override
        public Optional<StoredAnomaly> find(String id) {
            return Optional.empty();
        }

        @Override
        public List<StoredAnomaly> list(Optional<String> node, Optional<Instant> from, Optional<Instant> to, Optional<Boolean> open, int limit) {
            return List.of();
        }

        @Override
        public String location() {
            return "nowhere";
        }

        @Override
        public void close() {
        }
    }
}
