package dev.greenloop.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.greenloop.core.Energy;
import dev.greenloop.core.PrivateFiles;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import dev.greenloop.store.SampleRow;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreException;
import dev.greenloop.store.StoredRun;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measurements that could not be stored, kept as files in {@code $GREENLOOP_HOME/spool/} until the next command
 * that opens the store writes them into it.
 *
 * <p>A spool file is one JSON document: the store it was meant for, the run's id if the run was started in the store
 * (its samples up to the failure are there), the run as started, the samples that were not stored and the outcome.
 * It is written whole or not at all (a temporary file renamed into place) and readable by its owner only
 * ({@code 0600}, in a {@code 0700} folder): it holds the command line, as the store does.
 */
final class Spool {

    /** The spool folder's name in {@code GREENLOOP_HOME}. */
    static final String FOLDER = "spool";

    private static final JsonFactory JSON = new JsonFactory();
    private static final int FORMAT = 1;

    private Spool() {
    }

    /**
     * A measured run that the store did not take.
     *
     * @param storeLocation the store it belongs to, as {@link Store#location()} describes it (or the one configured,
     *     when the store could not be opened)
     * @param runId the run's id in that store, if it was started there
     * @param run the run as started
     * @param samples the samples not stored, in time order
     * @param outcome how it ended
     */
    record SpooledRun(String storeLocation, Optional<Long> runId, NewRun run, List<SampleRow> samples, RunOutcome outcome) {
        SpooledRun {
            samples = List.copyOf(samples);
        }
    }

    /**
     * Writes a spool file for {@code spooled}, atomically, owner-only.
     *
     * @return the file written: {@code <home>/spool/<runId>.json}, or {@code <home>/spool/unstored-<start>-<pid>.json}
     *     when the run has no id
     * @throws IOException if it cannot be written (nothing is left behind)
     */
    static Path write(Path home, SpooledRun spooled) throws IOException {
        Path folder = home.toAbsolutePath().resolve(FOLDER);
        PrivateFiles.createDirectories(folder);
        String name = spooled.runId().map(id -> id + ".json")
                .orElse("unstored-" + spooled.run().startedAt().toEpochMilli() + "-" + ProcessHandle.current().pid() + ".json");
        Path file = folder.resolve(name);
        Path partial = Files.createTempFile(folder, name, ".partial", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8); JsonGenerator g = JSON.createGenerator(out)) {
                writeRun(g, spooled);
            }
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return file;
    }

    /**
     * Stores every spooled run meant for {@code store} and deletes its file once stored. A run started in the store is
     * completed there (its samples appended, then finished); one that never was is stored as a new run.
     *
     * @return one line per file, saying what was done with it: stored (as which run), left for another store, or left
     *     because it cannot be read or stored (with the reason)
     */
    static List<String> importAll(Path home, Store store) {
        Path folder = home.toAbsolutePath().resolve(FOLDER);
        List<String> notes = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return notes;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.json")) {
            entries.forEach(files::add);
        } catch (IOException e) {
            notes.add("cannot list the spooled runs in %s: %s".formatted(folder, e.getMessage()));
            return notes;
        }
        files.sort(null);
        for (Path file : files) {
            SpooledRun spooled;
            try {
                spooled = read(file);
            } catch (IOException | RuntimeException e) {
                notes.add("cannot read the spooled run %s, left there: %s".formatted(file, e.getMessage()));
                continue;
            }
            if (!spooled.storeLocation().equals(store.location())) {
                continue; // Meant for another store (another GREENLOOP_DB): left for a command that opens that one.
            }
            long id;
            try {
                id = store(store, spooled);
            } catch (StoreException e) {
                notes.add("the spooled run %s is not stored yet, left there: %s".formatted(file, e.getMessage()));
                continue;
            }
            try {
                Files.delete(file);
                notes.add("stored the run '%s' spooled in %s as run %d".formatted(spooled.run().name(), file, id));
            } catch (IOException e) {
                notes.add("stored the run '%s' spooled in %s as run %d, but cannot delete the file (delete it, or it is"
                        .formatted(spooled.run().name(), file, id) + " skipped as stored next time): " + e.getMessage());
            }
        }
        return notes;
    }

    /** @return the id of the run stored; a run already finished in the store (an earlier import) is left as it is */
    private static long store(Store store, SpooledRun spooled) {
        Optional<StoredRun> existing = spooled.runId().flatMap(store::findRun);
        if (existing.isPresent() && existing.get().status() == RunStatus.FINISHED) {
            return existing.get().id();
        }
        long id = existing.isPresent() ? existing.get().id() : store.startRun(spooled.run());
        store.appendSamples(spooled.run().node(), Optional.of(id), spooled.samples());
        store.finishRun(id, spooled.outcome());
        return id;
    }

    private static void writeRun(JsonGenerator g, SpooledRun s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("format", FORMAT);
        g.writeStringField("store", s.storeLocation());
        if (s.runId().isPresent()) {
            g.writeNumberField("runId", s.runId().get());
        } else {
            g.writeNullField("runId");
        }
        NewRun run = s.run();
        g.writeStringField("name", run.name());
        g.writeArrayFieldStart("command");
        for (String arg : run.command()) {
            g.writeString(arg);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> tag : run.tags().entrySet()) {
            g.writeStringField(tag.getKey(), tag.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("startedAt", run.startedAt().toEpochMilli());
        g.writeObjectFieldStart("node");
        g.writeStringField("name", run.node().name());
        g.writeStringField("zone", run.node().zone());
        g.writeStringField("hardware", run.node().hardware());
        g.writeFieldName("pue");
        number(g, run.node().pue());
        g.writeEndObject();
        g.writeArrayFieldStart("samples");
        for (SampleRow sample : s.samples()) {
            g.writeStartArray();
            g.writeNumber(sample.time().toEpochMilli());
            g.writeString(sample.component());
            number(g, sample.powerWatts());
            number(g, sample.cumulativeJoules());
            g.writeString(sample.provenance().label());
            g.writeEndArray();
        }
        g.writeEndArray();
        RunOutcome o = s.outcome();
        g.writeObjectFieldStart("outcome");
        g.writeNumberField("endedAt", o.endedAt().toEpochMilli());
        g.writeNumberField("exitCode", o.exitCode());
        g.writeArrayFieldStart("components");
        for (RunComponent c : o.components()) {
            g.writeStartArray();
            g.writeString(c.name());
            g.writeString(c.scope().label());
            g.writeString(c.provenance().label());
            g.writeString(c.description());
            g.writeString(c.partOf());
            number(g, c.energy().joules());
            number(g, c.min().joules());
            number(g, c.max().joules());
            number(g, c.processEnergy().joules());
            g.writeEndArray();
        }
        g.writeEndArray();
        RunCarbon c = o.carbon();
        g.writeObjectFieldStart("carbon");
        g.writeStringField("zone", c.zone());
        g.writeFieldName("gramsPerKWh");
        number(g, c.gramsPerKWh());
        g.writeStringField("signal", c.signal());
        g.writeStringField("source", c.source());
        g.writeFieldName("pue");
        number(g, c.pue());
        g.writeFieldName("grams");
        number(g, c.grams());
        g.writeFieldName("processGrams");
        number(g, c.processGrams());
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Doubles as JSON numbers; NaN and the infinities, which JSON has not, as strings that {@link #number(JsonParser)} reads. */
    private static void number(JsonGenerator g, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumber(value);
        } else {
            g.writeString(Double.toString(value));
        }
    }

    private static double number(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_STRING ? Double.parseDouble(p.getText()) : p.getDoubleValue();
    }

    /**
     * @throws IOException if the file cannot be read or is not a spool file of this format
     */
    static SpooledRun read(Path file) throws IOException {
        try (JsonParser p = JSON.createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            expect(p, JsonToken.START_OBJECT);
            String store = null;
            Optional<Long> runId = Optional.empty();
            String name = null;
            List<String> command = new ArrayList<>();
            Map<String, String> tags = new LinkedHashMap<>();
            Instant startedAt = null;
            NodeInfo node = null;
            List<SampleRow> samples = new ArrayList<>();
            RunOutcome outcome = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "format" -> {
                        if (p.getIntValue() != FORMAT) {
                            throw new IOException("spool format %d is not %d: written by another Greenloop".formatted(p.getIntValue(), FORMAT));
                        }
                    }
                    case "store" -> store = p.getText();
                    case "runId" -> runId = p.currentToken() == JsonToken.VALUE_NULL ? Optional.empty() : Optional.of(p.getLongValue());
                    case "name" -> name = p.getText();
                    case "command" -> {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            command.add(p.getText());
                        }
                    }
                    case "tags" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            p.nextToken();
                            tags.put(key, p.getText());
                        }
                    }
                    case "startedAt" -> startedAt = Instant.ofEpochMilli(p.getLongValue());
                    case "node" -> node = readNode(p);
                    case "samples" -> {
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            p.nextToken();
                            Instant time = Instant.ofEpochMilli(p.getLongValue());
                            p.nextToken();
                            String component = p.getText();
                            p.nextToken();
                            double power = number(p);
                            p.nextToken();
                            double joules = number(p);
                            p.nextToken();
                            Provenance provenance = Provenance.fromLabel(p.getText());
                            expect(p, JsonToken.END_ARRAY);
                            samples.add(new SampleRow(time, component, power, joules, provenance));
                        }
                    }
                    case "outcome" -> outcome = readOutcome(p);
                    default -> p.skipChildren();
                }
            }
            if (store == null || name == null || startedAt == null || node == null || outcome == null) {
                throw new IOException("not a complete spool file");
            }
            return new SpooledRun(store, runId, new NewRun(name, command, tags, startedAt, node), samples, outcome);
        }
    }

    private static NodeInfo readNode(JsonParser p) throws IOException {
        String name = null;
        String zone = null;
        String hardware = null;
        double pue = Double.NaN;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = p.getText();
                case "zone" -> zone = p.getText();
                case "hardware" -> hardware = p.getText();
                case "pue" -> pue = number(p);
                default -> p.skipChildren();
            }
        }
        return new NodeInfo(name, zone, hardware, pue);
    }

    private static RunOutcome readOutcome(JsonParser p) throws IOException {
        Instant endedAt = null;
        int exitCode = 0;
        List<RunComponent> components = new ArrayList<>();
        RunCarbon carbon = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "endedAt" -> endedAt = Instant.ofEpochMilli(p.getLongValue());
                case "exitCode" -> exitCode = p.getIntValue();
                case "components" -> {
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        String[] text = new String[5];
                        for (int i = 0; i < text.length; i++) {
                            p.nextToken();
                            text[i] = p.getText();
                        }
                        double[] joules = new double[4];
                        for (int i = 0; i < joules.length; i++) {
                            p.nextToken();
                            joules[i] = number(p);
                        }
                        expect(p, JsonToken.END_ARRAY);
                        components.add(new RunComponent(text[0], Scope.fromLabel(text[1]), Provenance.fromLabel(text[2]), text[3],
                                text[4], Energy.ofJoules(joules[0]), Energy.ofJoules(joules[1]), Energy.ofJoules(joules[2]),
                                Energy.ofJoules(joules[3])));
                    }
                }
                case "carbon" -> carbon = readCarbon(p);
                default -> p.skipChildren();
            }
        }
        if (endedAt == null || carbon == null) {
            throw new IOException("the spooled outcome is incomplete");
        }
        return new RunOutcome(endedAt, exitCode, components, carbon);
    }

    private static RunCarbon readCarbon(JsonParser p) throws IOException {
        Map<String, String> text = new LinkedHashMap<>();
        Map<String, Double> numbers = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "zone", "signal", "source" -> text.put(field, p.getText());
                default -> numbers.put(field, number(p));
            }
        }
        return new RunCarbon(text.get("zone"), numbers.getOrDefault("gramsPerKWh", Double.NaN), text.get("signal"), text.get("source"),
                numbers.getOrDefault("pue", Double.NaN), numbers.getOrDefault("grams", Double.NaN),
                numbers.getOrDefault("processGrams", Double.NaN));
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        if (p.nextToken() != token) {
            throw new IOException("expected %s at %s, found %s".formatted(token, p.currentLocation(), p.currentToken()));
        }
    }
}
