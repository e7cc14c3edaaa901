package dev.greenloop.cli.measure;

import dev.greenloop.app.Settings;
import dev.greenloop.cli.Main;
import dev.greenloop.core.Units;
import dev.greenloop.meter.Discovery;
import dev.greenloop.meter.Meter;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.spi.GpuInfo;
import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.spi.Finding;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop sources}: what this node can measure, what it cannot and why, and what to do. */
@Command(name = "sources", description = "Show what this node can measure, what it cannot and why, and what to do about it.")
public final class SourcesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Settings settings = Main.settings(spec);
        MeterConfig config = MeterConfig.fromEnvironment(settings.effectiveEnvironment());
        Discovery d = Meter.discover(config);
        try {
            if (json) {
                writeJson(spec.commandLine().getOut(), d, config);
            } else {
                writeText(d, config, spec.commandLine().getOut());
            }
        } finally {
            d.sources().forEach(EnergySource::close);
        }
        return 0;
    }

    private static void writeText(Discovery d, MeterConfig config, PrintWriter out) {
        out.println("Components measured on this node (sysfs " + config.sysfsRoot() + ", procfs " + config.procfsRoot() + "):");
        Table c = new Table("component", "scope", "provenance", "counted", "source");
        for (Component comp : d.components()) {
            c.row(comp.name(), comp.scope().label(), comp.provenance().label(), comp.counted() ? "yes" : "in " + comp.partOf(),
                    comp.description());
        }
        c.print(out);
        if (!d.gpus().isEmpty()) {
            out.println();
            out.println("NVIDIA GPUs (NVML):");
            Table g = new Table(">gpu", "name", "uuid", "driver", ">power", ">limit", "capabilities");
            for (GpuInfo gpu : d.gpus()) {
                g.row(gpu.index(), gpu.name(), gpu.uuid(), gpu.driverVersion(), gpu.power().map(Units::formatPower).orElse("n/a"),
                        gpu.powerLimit().map(Units::formatPower).orElse("n/a"), capabilities(gpu));
            }
            g.print(out);
        }
        out.println();
        out.println("Findings:");
        for (Finding f : d.findings()) {
            out.printf("  [%s] %s: %s%n", f.status().name().toLowerCase(java.util.Locale.ROOT), f.source(), f.subject());
            out.println("      " + f.detail());
            if (!f.fix().isEmpty()) {
                out.println("      fix: " + f.fix());
            }
        }
    }

    private static String capabilities(GpuInfo gpu) {
        StringBuilder sb = new StringBuilder();
        gpu.capabilities().forEach((name, state) -> {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(name).append(state.equals("yes") ? "" : " (" + state + ")");
        });
        return sb.toString();
    }

    private static void writeJson(PrintWriter out, Discovery d, MeterConfig config) throws IOException {
        try (var g = RunJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("sysfsRoot", config.sysfsRoot().toString());
            g.writeStringField("procfsRoot", config.procfsRoot().toString());
            g.writeArrayFieldStart("components");
            for (Component comp : d.components()) {
                g.writeStartObject();
                g.writeStringField("name", comp.name());
                g.writeStringField("scope", comp.scope().label());
                g.writeStringField("provenance", comp.provenance().label());
                g.writeBooleanField("counted", comp.counted());
                if (!comp.counted()) {
                    g.writeStringField("partOf", comp.partOf());
                }
                g.writeStringField("description", comp.description());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("gpus");
            for (GpuInfo gpu : d.gpus()) {
                g.writeStartObject();
                g.writeNumberField("index", gpu.index());
                g.writeStringField("name", gpu.name());
                g.writeStringField("uuid", gpu.uuid());
                g.writeStringField("driverVersion", gpu.driverVersion());
                if (gpu.power().isPresent()) {
                    g.writeNumberField("powerWatts", gpu.power().get().watts());
                }
                if (gpu.powerLimit().isPresent()) {
                    g.writeNumberField("powerLimitWatts", gpu.powerLimit().get().watts());
                }
                g.writeObjectFieldStart("capabilities");
                for (var e : gpu.capabilities().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Finding f : d.findings()) {
                g.writeStartObject();
                g.writeStringField("source", f.source());
                g.writeStringField("status", f.status().name().toLowerCase(java.util.Locale.ROOT));
                g.writeStringField("subject", f.subject());
                g.writeStringField("detail", f.detail());
                g.writeStringField("fix", f.fix());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }
}
