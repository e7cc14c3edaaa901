package dev.greenloop.bench;

import dev.greenloop.meter.Discovery;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.Meter;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.Sample;
import dev.greenloop.meter.SampleListener;
import dev.greenloop.meter.Sampler;
import dev.greenloop.meter.Workload;
import dev.greenloop.meter.proc.Procfs;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one sampler tick on this node, as {@code greenloop measure} runs it: read every
 * source the meter discovers here, scan procfs for the measured process tree, attribute, and build
 * the sample. At the default one-second interval, the steady-state share of one core is this time
 * divided by one second; the target is at most 0.5 %, i.e. 5 ms per tick.
 *
 * <p>{@code workload=child} measures a real child process ({@code sleep}), which makes every tick
 * scan all of {@code /proc}; {@code workload=self} is the in-process {@code Greenloop.track} case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SamplerTickBenchmark {

    @Param({"child", "self"})
    public String workload;

    private Discovery discovery;
    private Sampler sampler;
    private Process child;

    @Setup
    public void setUp() throws IOException {
        MeterConfig config = MeterConfig.fromEnvironment();
        discovery = Meter.discover(config);
        Workload w;
        if (workload.equals("child")) {
            child = new ProcessBuilder("sleep", "3600").start();
            w = new Workload.ChildProcess(child.pid());
        } else {
            w = new Workload.ThisProcess();
        }
        // An hour-long interval: the background thread stays parked, only the benchmark ticks.
        sampler = Sampler.start(discovery, new Procfs(config.procfsRoot()), w, Duration.ofHours(1), SampleListener.NONE);
    }

    @Benchmark
    public Sample tick() {
        return sampler.sampleNow();
    }

    @TearDown
    public void tearDown() {
        sampler.stop();
        discovery.sources().forEach(EnergySource::close);
        if (child != null) {
            child.destroy();
        }
    }
}
