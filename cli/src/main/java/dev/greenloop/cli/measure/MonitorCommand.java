package dev.greenloop.cli.measure;

import dev.greenloop.app.Accounting;
import dev.greenloop.app.Measuring;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneChoice;
import dev.greenloop.cli.Durations;
import dev.greenloop.cli.Main;
import dev.greenloop.core.Units;
import dev.greenloop.meter.Measurement;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.Sample;
import dev.greenloop.meter.SampleListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop monitor}: samples the node into the store until stopped. */
@Command(name = "monitor", description = {"Sample this node's power into the store until stopped (Ctrl-C, SIGTERM) or for --duration.",
        "Samples are stored as the node's own series, with no run."})
public final class MonitorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--interval", paramLabel = "D", description = "Sampling interval, e.g. 500ms, 1s (default: 1s).")
    String interval;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long, e.g. 30s, 10m, 24h (default: until stopped).")
    String duration;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Grid zone of this node (default: GREENLOOP_ZONE).")
    String zone;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Settings settings = Main.settings(spec);
        Duration every = interval != null ? Durations.samplingInterval("--interval", interval) : MeterConfig.DEFAULT_INTERVAL;
        Duration limit = duration != null ? Durations.parse("--duration", duration) : null;
        ZoneChoice zoneChoice = ZoneChoice.resolve(zone, settings);
        double pue = Accounting.pue(null, "--pue", settings);
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        Signals.handle(signal -> stop.countDown());
        boolean live = Native.isatty(2);
        LiveLine line = new LiveLine(err, Instant.now(), "greenloop monitor");
        Measuring.MonitorResult result = new Measuring(settings).monitor(zoneChoice, pue, every, new SampleListener() {
            @Override
            public void onSample(Sample s) {
                if (live) {
                    line.update(s);
                }
            }
        }, sampling -> {
            err.println("greenloop: monitoring every " + Durations.format(sampling)
                    + (limit != null ? " for " + Durations.format(limit) : " until stopped (Ctrl-C)"));
            if (limit != null) {
                stop.await(limit.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                stop.await();
            }
        });
        line.clear();
        Measurement m = result.measurement();
        result.storeProblem().ifPresent(p -> err.println("greenloop: warning: samples were not stored: " + p));
        err.printf("greenloop: %d samples over %s, node energy %s (%s)%s%n", m.samples(),
                Durations.format(m.interval().duration()), Units.formatEnergy(m.total()), m.provenance().label(),
                result.storeLocation().map(l -> ", stored in " + l).orElse(""));
        return 0;
    }
}
