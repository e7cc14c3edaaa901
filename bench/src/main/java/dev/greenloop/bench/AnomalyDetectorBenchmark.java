package dev.greenloop.bench;

import dev.greenloop.aiops.AnomalyDetector;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one point of {@link AnomalyDetector#score} with the default parameters, on a noisy daily-like power
 * series: what the server pays per series and second at 1 Hz (docs/anomalies.md; {@code bench/anomaly.sh}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AnomalyDetectorBenchmark {

    private final double[] values = new double[1 << 16];
    private AnomalyDetector detector;
    private int i;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        for (int k = 0; k < values.length; k++) {
            values[k] = 150 + 60 * Math.sin(2 * Math.PI * k / 86_400.0 * 300) + 5 * r.nextGaussian();
        }
        detector = new AnomalyDetector();
    }

    @Benchmark
    public double score() {
        return detector.score(Instant.EPOCH, values[i++ & (values.length - 1)]);
    }
}
