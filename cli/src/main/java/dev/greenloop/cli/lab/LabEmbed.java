package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.InputFiles;
import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.Embedder;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.TextEncoder;
import dev.greenloop.lab.Variant;
import dev.greenloop.report.AtomicFile;
import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop lab embed}: one text per input line, one JSON array of floats per output line,
 * same order. Texts longer than the model takes are truncated (the count is reported); empty lines
 * are embedded as the empty text, so line N of the output is always line N of the input.
 */
@Command(name = "embed", description = "Embed one text per line of TEXTS with a model variant; write one JSON array of floats per line, same order.")
final class LabEmbed implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /**
     * Texts read, embedded and written at a time: bounds memory whatever the input's size (the
     * tokenizer's encodings of 1,024 texts of 512 tokens take about 50 MB of the launcher's 256 MB heap).
     */
    static final int CHUNK = 1024;

    @Mixin
    LabModelOptions modelOptions;

    @Option(names = "--variant", paramLabel = "V", defaultValue = "fp32", description = "${greenloop.variants} (the lab's own are built on first use); default ${DEFAULT-VALUE}.")
    String variant;

    @Option(names = "--input", paramLabel = "TEXTS", required = true, description = "UTF-8 text file, one text per line; - for standard input.")
    String input;

    @Option(names = "--output", paramLabel = "VECTORS.jsonl", required = true, description = "Where to write the vectors; - for standard output.")
    String output;

    @Mixin
    LabRunnerOptions runnerOptions;

    @Override
    public Integer call() throws IOException {
        RunnerSettings settings = runnerOptions.settings();
        Variant chosen = LabModelOptions.parseVariant("--variant", variant);
        Path in = input.equals("-") ? null : Path.of(input);
        Path out = output.equals("-") ? null : Path.of(output);
        if (in != null) {
            InputFiles.require("--input", in);
        }
        if (out != null && out.toAbsolutePath().getParent() != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new UsageException("--output %s: no directory %s".formatted(output, out.toAbsolutePath().getParent()));
        }
        ModelChoice model = modelOptions.choice();
        LabService service = LabServices.create(Main.settings(spec), !modelOptions.noFetch);
        // Only a regular file can be read twice: counting a pipe's or a device's lines would drain it (or never end).
        long total = in == null || !Files.isRegularFile(in) ? 0 : countLines(in);
        long cpu0 = 0;
        long t0 = System.nanoTime();
        double loadSeconds = 0;
        Tally tally = new Tally();
        int dimension;
        int maxTokens;
        String label;
        try (TextEncoder embedder = LabServices.call(() -> service.open(model, chosen, settings, new LabStderr(spec.commandLine().getErr())));
                InputStream source = in == null ? System.in : Files.newInputStream(in);
                TextLines lines = new TextLines(source, in == null ? "standard input" : input)) {
            loadSeconds = (System.nanoTime() - t0) / 1e9;
            cpu0 = cpuNanos();
            t0 = System.nanoTime();
            dimension = embedder.dimension();
            maxTokens = embedder.maxTokens();
            label = embedder.label();
            Progress progress = new Progress(spec.commandLine().getErr(), "lab embed", total);
            if (out == null) {
                Writer w = new BufferedWriter(leftOpen(spec.commandLine().getOut()), 1 << 16);
                embedAll(embedder, lines, w, progress, tally);
                w.flush();
            } else {
                // Whole or not at all: a failed run leaves no partial VECTORS.jsonl (nor the old one half replaced).
                AtomicFile.writeText(out, w -> embedAll(embedder, lines, w, progress, tally));
            }
            progress.finish();
        }
        long texts = tally.texts;
        long empty = tally.empty;
        long truncated = tally.truncated;
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
        spec.commandLine().getErr().printf(Locale.ROOT, "greenloop: embedded %d texts with %s (%d dimensions, loaded in %.2f s) in %.2f s: %.1f texts/s, %.2f ms CPU per text%s%s%n",
                texts, label, dimension, loadSeconds, seconds, texts / seconds, texts == 0 ? 0 : 1000 * cpuSeconds / texts,
                empty > 0 ? "; empty lines embedded as the empty text: %d".formatted(empty) : "",
                truncated > 0 ? "; truncated to their first %d tokens: %d texts".formatted(maxTokens, truncated) : "");
        return 0;
    }

    /** What was embedded. */
    private static final class Tally {
        long texts;
        long empty;
        long truncated;
    }

    private static void embedAll(TextEncoder embedder, TextLines lines, Writer w, Progress progress, Tally tally) throws IOException {
        StringBuilder sb = new StringBuilder(embedder.dimension() * 12);
        for (List<String> chunk = lines.next(CHUNK); !chunk.isEmpty(); chunk = lines.next(CHUNK)) {
            long before = tally.texts;
            Embedder.Result r = embedder.embed(chunk, done -> progress.update(before + done, "texts"));
            for (String t : chunk) {
                if (t.isEmpty()) {
                    tally.empty++;
                }
            }
            for (float[] v : r.vectors()) {
                sb.setLength(0);
                sb.append('[');
                for (int d = 0; d < v.length; d++) {
                    sb.append(d == 0 ? "" : ",").append(v[d]);
                }
                w.append(sb.append("]\n"));
            }
            tally.texts += chunk.size();
            tally.truncated += r.truncated();
        }
    }

    private static long countLines(Path file) throws IOException {
        long lines = 0;
        byte last = '\n';
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
            while (ch.read(buf) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    last = buf.get();
                    if (last == '\n') {
                        lines++;
                    }
                }
                buf.clear();
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("--input %s: no such file".formatted(file));
        }
        return last == '\n' ? lines : lines + 1;
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /** {@code w}, flushed but left open on close: standard output outlives this command. */
    private static Writer leftOpen(Writer w) {
        return new FilterWriter(w) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
