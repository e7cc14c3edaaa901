package dev.greenloop.cli.intensity;

import dev.greenloop.app.IntensityService;
import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.UnknownZoneException;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.UsageException;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.IntensityPoint;
import dev.greenloop.report.IntensityJson;
import dev.greenloop.report.RunJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop intensity now}: the intensity of a zone at an instant, from its trace or else the yearly table. */
@Command(name = "now", description = "The carbon intensity now (or --at T): from --provider, else the zone's --trace if it covers that time, else the built-in yearly value.")
final class IntensityNow implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IntensityOptions options;

    @Option(names = "--at", paramLabel = "TIME", description = "Ask about this instant instead of now (ISO-8601, UTC unless an offset is given).")
    String at;

    @Override
    public Integer call() throws IOException {
        if (options.live()) {
            if (at != null) {
                throw new UsageException("--at: a live provider answers for now only; drop --at, or use --trace");
            }
            return IntensityLive.now(spec, options);
        }
        String zone = options.zone();
        Instant when = at == null ? Instant.now() : IntensityOptions.time("--at", at);
        IntensityTrace trace = options.traces().get(zone.strip().toUpperCase(Locale.ROOT));
        IntensityService.Now now;
        try {
            now = IntensityService.at(trace, zone, when);
        } catch (UnknownZoneException e) {
            throw new UsageException("--zone: " + e.getMessage());
        }
        IntensityPoint point = now.point();
        CarbonSignal signal = now.signal();
        String note = now.note();
        Duration length = Duration.between(point.interval().start(), point.interval().end());
        double value = point.intensity().gramsPerKWh();
        if (options.json) {
            try (var g = RunJson.generator(spec.commandLine().getOut())) {
                g.writeStartObject();
                g.writeStringField("location", signal.zone());
                g.writeStringField("timestamp", Times.iso(point.interval().start()));
                g.writeNumberField("duration", length.toSeconds() / 60.0);
                g.writeNumberField("value", value);
                g.writeStringField("at", Times.iso(when));
                IntensityJson.signal(g, signal);
                if (note != null) {
                    g.writeStringField("note", note);
                }
                g.writeEndObject();
            }
            spec.commandLine().getOut().println();
            return 0;
        }
        if (note != null) {
            spec.commandLine().getErr().println("greenloop: " + note);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s at %s: %.1f gCO2eq/kWh (%s; %s, %s to %s)%n", signal.zone(), Times.table(when), value, signal.label(),
                signal.source(), Times.table(point.interval().start()), Times.table(point.interval().end()));
        return 0;
    }
}
