package dev.greenloop.cli.intensity;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.IntensityJson;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
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

/** {@code greenloop intensity history}: the points of a zone's trace that overlap a time range. */
@Command(name = "history", description = "The points of the zone's --trace that overlap [--from, --to) (default: the whole trace), or the --provider's points starting in it (default: the last 24 h; actuals are archived).")
final class IntensityHistory implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IntensityOptions options;

    @Option(names = "--from", paramLabel = "TIME", description = "Start of the range (default: the trace's start).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End of the range, exclusive (default: the trace's end).")
    String to;

    @Override
    public Integer call() throws IOException {
        if (options.live()) {
            return IntensityLive.history(spec, options, from, to);
        }
        String zone = options.zone();
        IntensityTrace trace = options.trace(zone);
        Instant a = from == null ? trace.start() : IntensityOptions.time("--from", from);
        Instant b = to == null ? trace.end() : IntensityOptions.time("--to", to);
        if (!a.isBefore(b)) {
            throw new UsageException("--from %s is not before --to %s".formatted(a, b));
        }
        if (a.isBefore(trace.start()) || b.isAfter(trace.end())) {
            throw new UsageException("%s to %s is not within the %s trace, which covers %s to %s; narrow --from/--to"
                    .formatted(a, b, trace.zone(), trace.start(), trace.end()));
        }
        int first = trace.indexAt(a);
        int last = trace.indexAt(b.minusNanos(1));
        if (options.json) {
            try (var g = RunJson.generator(spec.commandLine().getOut())) {
                g.writeStartObject();
                g.writeStringField("location", trace.zone());
                IntensityJson.signal(g, trace.signal());
                g.writeArrayFieldStart("data");
                for (int i = first; i <= last; i++) {
                    IntensityJson.point(g, trace.zone(), trace.time(i), Duration.between(trace.time(i), trace.pointEnd(i)), trace.value(i));
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            spec.commandLine().getOut().println();
            return 0;
        }
        spec.commandLine().getOut().println(trace.zone() + ": " + trace.signal().label() + ", " + trace.signal().source());
        Table t = new Table("start (UTC)", ">minutes", ">gCO2eq/kWh");
        for (int i = first; i <= last; i++) {
            t.row(Times.table(trace.time(i)), Duration.between(trace.time(i), trace.pointEnd(i)).toMinutes(),
                    String.format(Locale.ROOT, "%.1f", trace.value(i)));
        }
        t.print(spec.commandLine().getOut());
        return 0;
    }
}
