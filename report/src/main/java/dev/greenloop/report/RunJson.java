package dev.greenloop.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.core.Energy;
import dev.greenloop.store.Interruption;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import dev.greenloop.store.StoredRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of a run: what {@code measure --json} prints, and what {@code runs show --json}
 * and {@code runs export --format json} print for stored runs. One shape for all three.
 *
 * <p>{@code energy.components[]} holds the counted components only, so they add up to
 * {@code energy.totalJoules}; components contained in another ({@code core-0} in
 * {@code cpu-package-0}) are listed under {@code energy.breakdown[]}.
 *
 * <p>Where the run's idle split is known ({@code measure}; not stored, so not for stored runs), keys that
 * come after the older ones say which energy is idle power (attributed to no process) and which is dynamic
 * (attributed by CPU time): {@code energy.idleJoules} and {@code dynamicJoules}, the same and
 * {@code idleRule} on each component, {@code process.idleJoules} and {@code otherProcessesJoules}, and an
 * {@code attribution} object naming the method and where idle power came from. See docs/measure.md.
 */
public final class RunJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private RunJson() {
    }

    /**
     * Opens the generator every JSON output of Greenloop uses: pretty-printed (Jackson's default printer), leaving
     * {@code out} open when the generator closes. It never writes NaN or infinity: writing one throws
     * {@link IllegalStateException} naming the key (a bug, not an output), where Jackson would write a string.
     *
     * @param out where to write
     * @return a new generator; close it to flush
     * @throws UncheckedIOException if Jackson cannot create it
     */
    public static JsonGenerator generator(OutputStream out) {
        try {
            JsonGenerator g = FACTORY.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            return FiniteNumbers.of(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens the same generator as {@link #generator(OutputStream)} on a character stream: the same characters,
     * encoded by {@code out}. Leaves {@code out} open when the generator closes.
     *
     * @param out where to write
     * @return a new generator; close it to flush it to {@code out}
     * @throws UncheckedIOException if Jackson cannot create it
     */
    public static JsonGenerator generator(Writer out) {
        try {
            JsonGenerator g = FACTORY.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            return FiniteNumbers.of(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes one run as a JSON object: its id, name, kind ({@code measure} or {@code monitor}), status, times, command, tags and node, then, once finished, its
     * exit code, energy, process share and carbon.
     *
     * @param g where to write, positioned where a value may start
     * @param runId the stored run's id, or null when the run was not stored ({@code "runId": null})
     * @param start what was started
     * @param status the run's status
     * @param outcome the result, or null while the run has not finished (then {@code endedAt}, {@code durationSeconds}
     *        and {@code exitCode} are null and nothing follows)
     * @throws IOException if the generator fails
     */
    public static void write(JsonGenerator g, Long runId, NewRun start, RunStatus status, RunOutcome outcome) throws IOException {
        write(g, runId, start, status, outcome, Optional.empty(), null);
    }

    /**
     * Writes one run as {@link #write(JsonGenerator, Long, NewRun, RunStatus, RunOutcome)} does, saying in
     * {@code attribution.cpuTimeFrom} where the process tree's CPU time came from.
     *
     * @param cpuTimeFrom {@code cgroup PATH} or {@code process tree (why no cgroup)}; null when not known (not written)
     * @throws IOException if the generator fails
     */
    public static void write(JsonGenerator g, Long runId, NewRun start, RunStatus status, RunOutcome outcome, String cpuTimeFrom)
            throws IOException {
        write(g, runId, start, status, outcome, Optional.empty(), cpuTimeFrom);
    }

    /**
     * As {@link #write(JsonGenerator, Long, NewRun, RunStatus, RunOutcome, String)}; an interrupted run has a null
     * {@code exitCode} (its end was not seen), then {@code note} (what is known) and, when its command was left running,
     * {@code orphanPid}.
     */
    private static void write(JsonGenerator g, Long runId, NewRun start, RunStatus status, RunOutcome outcome,
            Optional<Interruption> interruption, String cpuTimeFrom) throws IOException {
        g.writeStartObject();
        if (runId == null) {
            g.writeNullField("runId");
        } else {
            g.writeNumberField("runId", runId);
        }
        g.writeStringField("name", start.name());
        g.writeStringField("kind", start.kind().label());
        g.writeStringField("status", status.label());
        g.writeStringField("startedAt", Iso.format(start.startedAt()));
        if (outcome != null) {
            g.writeStringField("endedAt", Iso.format(outcome.endedAt()));
            g.writeNumberField("durationSeconds", Duration.between(start.startedAt(), outcome.endedAt()).toMillis() / 1000.0);
        } else {
            g.writeNullField("endedAt");
            g.writeNullField("durationSeconds");
        }
        g.writeArrayFieldStart("command");
        for (String arg : start.command()) {
            g.writeString(arg);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> t : start.tags().entrySet()) {
            g.writeStringField(t.getKey(), t.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("node");
        g.writeStringField("name", start.node().name());
        g.writeStringField("hardware", start.node().hardware());
        g.writeEndObject();
        if (outcome == null) {
            g.writeNullField("exitCode");
            g.writeEndObject();
            return;
        }
        if (interruption.isPresent()) {
            g.writeNullField("exitCode");
            g.writeStringField("note", interruption.get().note());
            if (interruption.get().orphanPid().isPresent()) {
                g.writeNumberField("orphanPid", interruption.get().orphanPid().getAsLong());
            }
        } else {
            g.writeNumberField("exitCode", outcome.exitCode());
        }
        writeEnergy(g, outcome);
        writeProcess(g, outcome);
        writeCarbon(g, outcome.carbon());
        if (outcome.idleEnergy().isPresent()) {
            writeAttribution(g, outcome, cpuTimeFrom);
        }
        g.writeEndObject();
    }

    private static void writeEnergy(JsonGenerator g, RunOutcome outcome) throws IOException {
        List<RunComponent> components = outcome.components();
        double total = outcome.total().joules();
        double min = outcome.totalMin().joules();
        double max = outcome.totalMax().joules();
        g.writeObjectFieldStart("energy");
        g.writeNumberField("totalJoules", total);
        g.writeNumberField("totalKWh", outcome.total().kilowattHours());
        g.writeStringField("provenance", outcome.provenance().label());
        if (min != total || max != total) {
            g.writeNumberField("minJoules", min);
            g.writeNumberField("maxJoules", max);
        }
        g.writeArrayFieldStart("components");
        for (RunComponent c : components) {
            if (c.counted()) {
                writeComponent(g, c);
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("breakdown");
        for (RunComponent c : components) {
            if (!c.counted()) {
                writeComponent(g, c);
            }
        }
        g.writeEndArray();
        if (outcome.idleEnergy().isPresent()) {
            double idle = outcome.idleEnergy().get().joules();
            g.writeNumberField("idleJoules", idle);
            g.writeNumberField("dynamicJoules", Math.max(0, total - idle));
        }
        g.writeEndObject();
    }

    private static void writeComponent(JsonGenerator g, RunComponent c) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("scope", c.scope().label());
        g.writeStringField("provenance", c.provenance().label());
        g.writeNumberField("joules", c.energy().joules());
        if (c.provenance() == dev.greenloop.core.Provenance.MODELLED) {
            g.writeNumberField("minJoules", c.min().joules());
            g.writeNumberField("maxJoules", c.max().joules());
        }
        g.writeNumberField("processJoules", c.processEnergy().joules());
        if (!c.counted()) {
            g.writeStringField("partOf", c.partOf());
        }
        g.writeStringField("description", c.description());
        if (c.idle().isPresent()) {
            g.writeNumberField("idleJoules", c.idle().get().energy().joules());
            g.writeNumberField("dynamicJoules", c.dynamicEnergy().orElseThrow().joules());
            g.writeStringField("idleRule", c.idle().get().rule());
        }
        g.writeEndObject();
    }

    private static void writeProcess(JsonGenerator g, RunOutcome outcome) throws IOException {
        double total = outcome.total().joules();
        double process = outcome.processEnergy().joules();
        g.writeObjectFieldStart("process");
        g.writeNumberField("joules", process);
        g.writeNumberField("share", total > 0 ? process / total : 0);
        g.writeNumberField("unattributedJoules", Math.max(0, total - process));
        g.writeStringField("rule", "each interval: dynamic (above idle) CPU and memory energy x (process-tree CPU seconds / node busy CPU seconds);"
                + " GPU energy x the tree's share of the processes running on that GPU (by GPU memory); idle power is not attributed,"
                + " see docs/attribution.md and docs/gpu.md");
        if (outcome.idleEnergy().isPresent()) {
            double idle = outcome.idleEnergy().get().joules();
            g.writeNumberField("idleJoules", idle);
            g.writeNumberField("otherProcessesJoules", Math.max(0, total - idle - process));
        }
        g.writeEndObject();
    }

    /** What the attribution did: its method, and for idle power its rules and where it came from. */
    private static void writeAttribution(JsonGenerator g, RunOutcome outcome, String cpuTimeFrom) throws IOException {
        java.util.Set<String> rules = new java.util.LinkedHashSet<>();
        java.util.Set<String> from = new java.util.LinkedHashSet<>();
        for (RunComponent c : outcome.components()) {
            if (c.counted() && c.idle().isPresent()) {
                rules.add(c.idle().get().rule());
                if (!c.idle().get().from().equals("none")) {
                    from.add(c.idle().get().from());
                }
            }
        }
        g.writeObjectFieldStart("attribution");
        g.writeStringField("method", "dynamic-by-cpu-time");
        g.writeStringField("processJoulesAre", "the process tree's share of dynamic energy; idle power is not the process's");
        g.writeStringField("idleFrom", from.isEmpty() ? "none" : String.join(" and ", from));
        g.writeArrayFieldStart("idleRules");
        for (String r : rules) {
            g.writeString(r);
        }
        g.writeEndArray();
        if (cpuTimeFrom != null) {
            g.writeStringField("cpuTimeFrom", cpuTimeFrom);
        }
        g.writeStringField("doc", "docs/attribution.md");
        g.writeEndObject();
    }

    private static void writeCarbon(JsonGenerator g, RunCarbon c) throws IOException {
        g.writeObjectFieldStart("carbon");
        g.writeStringField("zone", c.zone());
        g.writeNumberField("gramsPerKWh", c.gramsPerKWh());
        g.writeStringField("signal", c.signal());
        g.writeStringField("source", c.source());
        g.writeNumberField("pue", c.pue());
        g.writeNumberField("grams", c.grams());
        g.writeNumberField("processGrams", c.processGrams());
        g.writeEndObject();
    }

    /**
     * Writes a stored run, as {@link #write(JsonGenerator, Long, NewRun, RunStatus, RunOutcome)} does.
     *
     * @param g where to write, positioned where a value may start
     * @param run the run
     * @throws IOException if the generator fails
     */
    public static void write(JsonGenerator g, StoredRun run) throws IOException {
        write(g, run.id(), run.start(), run.status(), run.outcome().orElse(null), run.interruption(), null);
    }

    /**
     * Prints runs as one JSON array (each as {@link #write(JsonGenerator, StoredRun)} writes it), then a line end.
     *
     * @param out where to print
     * @param runs the runs, in the order wanted
     * @throws IOException if the generator fails
     */
    public static void printArray(PrintWriter out, List<StoredRun> runs) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartArray();
            for (StoredRun r : runs) {
                write(g, r);
            }
            g.writeEndArray();
        }
        out.println();
    }
}
