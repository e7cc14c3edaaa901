package dev.greenloop.cli;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.InvalidTraceException;
import dev.greenloop.carbon.TraceArguments;
import dev.greenloop.carbon.TraceFiles;
import dev.greenloop.carbon.live.LiveProviders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --trace ZONE=FILE} (repeatable) and {@code --signal lifecycle|lca|direct}, the same in every command
 * that reads intensity traces; the parsing is {@link TraceArguments}'s. Zones are upper-cased.
 */
public final class TraceOptions {

    static {
        // Help texts list the live providers from the registry: --provider descriptions say ${greenloop.providers}.
        System.setProperty("greenloop.providers", LiveProviders.described());
    }

    @Option(names = "--trace", paramLabel = "ZONE=FILE",
            description = "A zone's intensity trace or forecast: Electricity Maps CSV export, time,value CSV, or Carbon Aware SDK emissions JSON (.json). Repeatable.")
    public List<String> traces = new ArrayList<>();

    @Option(names = "--signal", paramLabel = "BASIS", defaultValue = "lifecycle",
            description = "Column of Electricity Maps exports, or Electricity Maps' emission factors with --provider: lifecycle (or lca; default) or direct.")
    public String signal;

    private Map<String, IntensityTrace> loaded;

    /** @return true if no {@code --trace} was given */
    public boolean isEmpty() {
        return traces.isEmpty();
    }

    /** @return the basis {@code --signal} names; a usage error naming it otherwise */
    public TraceFiles.Basis basis() {
        try {
            return TraceArguments.basis(signal);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--signal: " + e.getMessage());
        }
    }

    /** @return the files by zone (upper case), in the order given, not read; usage errors name the bad pair */
    public Map<String, Path> files() {
        basis();
        try {
            return TraceArguments.files(traces);
        } catch (NoSuchFileException e) {
            throw missing(e);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--trace: " + e.getMessage());
        }
    }

    /** A trace file that is not a readable file: said as for every input file (missing, a folder, unreadable). */
    private static UsageException missing(NoSuchFileException e) {
        try {
            InputFiles.require("--trace", Path.of(e.getFile()));
        } catch (UsageException said) {
            return said;
        }
        return new UsageException("--trace: no such file " + e.getFile());
    }

    /** @return the traces by zone (upper case), in the order given; files are read once */
    public Map<String, IntensityTrace> read() {
        if (loaded != null) {
            return loaded;
        }
        TraceFiles.Basis basis = basis();
        try {
            loaded = TraceArguments.read(traces, basis);
        } catch (NoSuchFileException e) {
            throw missing(e);
        } catch (InvalidTraceException e) {
            throw new UsageException("--trace " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--trace: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + String.join(", ", traces), e);
        }
        return loaded;
    }
}
