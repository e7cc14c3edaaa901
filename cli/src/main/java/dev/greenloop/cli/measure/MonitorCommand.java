package dev.greenloop.cli.measure;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.app.Accounting;
import dev.greenloop.app.Measuring;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneChoice;
import dev.greenloop.cli.Durations;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.Times;
import dev.greenloop.core.Emissions;
import dev.greenloop.core.Units;
import dev.greenloop.meter.Measurement;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.Sample;
import dev.greenloop.meter.SampleListener;
import dev.greenloop.report.RunJson;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop monitor}: samples the node until stopped and stores the session as a run of kind {@code monitor}
 * with its samples, energy and carbon. What it prints while it runs depends on where standard output goes: with
 * {@code --json}, one JSON object per sample and a final summary object (JSON Lines); to a terminal, an updating
 * line on standard error; elsewhere (a file, a pipe), one plain line per sample and a final total line.
 */
@Command(name = "monitor", description = {"Sample this node's power until stopped (Ctrl-C, SIGTERM) or for --duration, and store the"
        + " session as a run of kind 'monitor' with its samples, energy and carbon ('greenloop runs list', 'runs show ID').",
        "On a terminal an updating line shows the power; to a file or pipe one plain line per sample is printed (time, watts,"
        + " joules so far), then a total line; --json prints JSON Lines instead."},
        footer = {"", "Examples:", "  greenloop monitor --duration 10m", "  greenloop monitor --json --interval 5s > node.jsonl"})
public final class MonitorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--interval", paramLabel = "D", description = "Sampling interval, e.g. 500ms, 1s (default: 1s).")
    String interval;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long, e.g. 30s, 10m, 24h (default: until stopped).")
    String duration;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Grid zone of this node, for the carbon (default: GREENLOOP_ZONE).")
    String zone;

    @Option(names = "--json", description = {"Print JSON Lines on stdout: one object per sample {\"type\":\"sample\",\"time\",\"seconds\","
            + "\"watts\",\"joules\"} (joules so far), then one {\"type\":\"summary\",...,\"run\":{...}} as 'runs show --json' prints the run."})
    boolean json;

    /** How the samples are shown while monitoring. */
    private enum Display { JSON, PLAIN, TERMINAL, NONE }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Settings settings = Main.settings(spec);
        Duration every = interval != null ? Durations.samplingInterval("--interval", interval) : MeterConfig.DEFAULT_INTERVAL;
        Duration limit = duration != null ? Durations.parse("--duration", duration) : null;
        ZoneChoice zoneChoice = ZoneChoice.resolve(zone, settings);
        double pue = Accounting.pue(null, "--pue", settings);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        Signals.handle(signal -> stop.countDown());
        Display display = json ? Display.JSON : !Native.isatty(1) ? Display.PLAIN : Native.isatty(2) ? Display.TERMINAL : Display.NONE;
        Instant begun = Instant.now();
        LiveLine line = new LiveLine(err, begun, "greenloop monitor");
        Measuring.MonitorResult result = new Measuring(settings).monitor(zoneChoice, pue, every, new SampleListener() {
            private Instant first;

            @Override
            public void onSample(Sample s) {
                if (first == null) {
                    first = s.time();
                }
                switch (display) {
                    case JSON -> out.println(sampleJson(s, Duration.between(first, s.time())));
                    case PLAIN -> out.println(plain(s, Duration.between(first, s.time())));
                    case TERMINAL -> line.update(s);
                    case NONE -> { }
                }
                // A reader that went away (monitor --json | head -3) ends the session: nothing would read the rest.
                if ((display == Display.JSON || display == Display.PLAIN) && out.checkError()) {
                    stop.countDown();
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
        report(result, zoneChoice, display, out, err);
        return 0;
    }

    private void report(Measuring.MonitorResult result, ZoneChoice zoneChoice, Display display, PrintWriter out, PrintWriter err) {
        Measurement m = result.measurement();
        RunOutcome o = result.outcome();
        result.storeProblem().ifPresent(p -> err.println("greenloop: warning: the session was measured but not stored: " + p));
        if (zoneChoice.guessed()) {
            err.println("greenloop: zone " + zoneChoice.zone().code() + ": " + zoneChoice.origin());
        }
        String carbon = "%s CO2eq in %s".formatted(Units.formatEmissions(Emissions.ofGrams(o.carbon().grams())), o.carbon().zone());
        if (display == Display.JSON) {
            out.println(summaryJson(result));
        } else if (display == Display.PLAIN) {
            out.printf(Locale.ROOT, "total %s  %d samples  %s  %s  %s%s%n", Durations.format(m.interval().duration()), m.samples(),
                    Units.formatEnergy(m.total()), m.provenance().label(), carbon, result.runId().map(id -> "  run " + id).orElse(""));
        }
        out.flush();
        err.printf("greenloop: %d samples over %s, node energy %s (%s), %s%s%n", m.samples(), Durations.format(m.interval().duration()),
                Units.formatEnergy(m.total()), m.provenance().label(), carbon,
                result.runId().map(id -> "; stored as run " + id + result.storeLocation().map(l -> " in " + l).orElse("")
                        + " (greenloop runs show " + id + ")").orElse(""));
    }

    /** @return the plain line of one sample: time, time since the first sample, power, energy so far */
    static String plain(Sample s, Duration elapsed) {
        return "%s  %s  %s  %s".formatted(Times.iso(s.time()), Durations.format(elapsed), Units.formatPower(s.nodePower()),
                Units.formatEnergy(s.nodeEnergy()));
    }

    /** @return one JSON Lines object for a sample, without a line end */
    static String sampleJson(Sample s, Duration elapsed) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("type", "sample");
            g.writeStringField("time", Times.iso(s.time()));
            g.writeNumberField("seconds", elapsed.toMillis() / 1000.0);
            g.writeNumberField("watts", s.nodePower().watts());
            g.writeNumberField("joules", s.nodeEnergy().joules());
            g.writeEndObject();
        });
    }

    /** @return the final JSON Lines object: the session's totals, and the run as 'runs show --json' prints it */
    static String summaryJson(Measuring.MonitorResult result) {
        Measurement m = result.measurement();
        RunOutcome o = result.outcome();
        double seconds = m.interval().duration().toMillis() / 1000.0;
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("type", "summary");
            g.writeStringField("time", Times.iso(m.endedAt()));
            g.writeNumberField("seconds", seconds);
            g.writeNumberField("samples", m.samples());
            g.writeNumberField("joules", m.total().joules());
            g.writeNumberField("watts", seconds > 0 ? m.total().joules() / seconds : 0);
            g.writeStringField("provenance", m.provenance().label());
            g.writeNumberField("grams", o.carbon().grams());
            g.writeStringField("zone", o.carbon().zone());
            if (result.runId().isPresent()) {
                g.writeNumberField("runId", result.runId().get());
            } else {
                g.writeNullField("runId");
            }
            g.writeFieldName("run");
            RunJson.write(g, result.runId().orElse(null), result.run(), RunStatus.FINISHED, o);
            g.writeEndObject();
        });
    }

    @FunctionalInterface
    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(JsonBody body) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = RunJson.generator(w)) {
            g.setPrettyPrinter(null); // one object per line
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }
}
