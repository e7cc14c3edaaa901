package dev.greenloop.cli.anomalies;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.aiops.NabScorer;
import dev.greenloop.aiops.SeriesFormatException;
import dev.greenloop.app.Anomalies;
import dev.greenloop.cli.InputFiles;
import dev.greenloop.cli.UsageException;
import dev.greenloop.core.BoundedLines;
import dev.greenloop.core.InputTooLargeException;
import dev.greenloop.report.AtomicFile;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop anomalies score|nab}: online anomaly scores of a series, and the detector's NAB score. */
@Command(name = "anomalies", description = "Score a series for anomalies, or evaluate the detector on NAB's files.",
        subcommands = {AnomaliesCommand.Score.class, AnomaliesCommand.Nab.class})
public final class AnomaliesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code anomalies score --input FILE --output FILE}. */
    @Command(name = "score", description = "Write timestamp,value,anomaly_score for a timestamp,value CSV (NAB's format); each score uses only the rows up to it.")
    static final class Score implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--input", required = true, paramLabel = "SERIES.csv", description = "timestamp,value CSV with a header, times YYYY-MM-DD HH:MM:SS UTC in order; - for standard input.")
        String input;

        @Option(names = "--output", required = true, paramLabel = "SCORES.csv", description = "Where the scored CSV goes; - for standard output.")
        String output;

        @Override
        public Integer call() throws IOException {
            String name = input.equals("-") ? "standard input" : input;
            try (InputStream in = input.equals("-") ? System.in : BoundedLines.openStream(InputFiles.require("--input", Path.of(input)))) {
                if (output.equals("-")) {
                    PrintWriter w = spec.commandLine().getOut();
                    Anomalies.score(in, name, w);
                    w.flush();
                    return 0;
                }
                Path out = Path.of(output);
                Path dir = out.toAbsolutePath().getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new UsageException("--output: cannot create %s; its directory does not exist".formatted(out));
                }
                AtomicFile.writeText(out, w -> Anomalies.score(in, name, w));
                return 0;
            } catch (SeriesFormatException | InputTooLargeException e) {
                throw new UsageException("--input: " + e.getMessage());
            } catch (NoSuchFileException e) {
                throw new UsageException("--input: no such file " + e.getFile());
            }
        }
    }

    /** {@code anomalies nab [--data DIR] [--json]}. */
    @Command(name = "nab", description = "Score the detector on NAB's labelled files with NAB's rules: each profile's normalised score, threshold and counts.")
    static final class Nab implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data", paramLabel = "DIR", description = "Folder with windows.json and the CSV files it names. Default: shared/data/anomaly found in or next to a folder above this one.")
        Path data;

        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Path dir = data != null ? data : Anomalies.findNabData(Path.of("")).orElseThrow(() -> new UsageException(
                    "--data: no shared/data/anomaly found above " + Path.of("").toAbsolutePath() + "; give the NAB folder with --data DIR"));
            if (!Files.isRegularFile(dir.resolve("windows.json"))) {
                throw new UsageException("--data: %s has no windows.json; give a folder holding NAB's windows.json and its CSV files".formatted(dir));
            }
            List<NabScorer.Result> results;
            try {
                results = Anomalies.nab(dir);
            } catch (SeriesFormatException | InputTooLargeException e) {
                throw new UsageException("--data: " + e.getMessage());
            } catch (NoSuchFileException e) {
                throw new UsageException("--data: windows.json names a missing file " + e.getFile());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                try (JsonGenerator g = RunJson.generator(out)) {
                    g.writeStartArray();
                    for (NabScorer.Result r : results) {
                        g.writeStartObject();
                        g.writeStringField("profile", r.profile().nabName());
                        g.writeNumberField("score", r.score());
                        g.writeNumberField("threshold", r.threshold());
                        g.writeNumberField("tp", r.tp());
                        g.writeNumberField("fp", r.fp());
                        g.writeNumberField("fn", r.fn());
                        g.writeNumberField("raw", r.raw());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                out.println();
                out.flush();
                return 0;
            }
            Table t = new Table("profile", ">score", ">threshold", ">TP", ">FP", ">FN");
            for (NabScorer.Result r : results) {
                t.row(r.profile().nabName(), String.format(Locale.ROOT, "%.2f", r.score()), String.format(Locale.ROOT, "%.6f", r.threshold()), r.tp(), r.fp(), r.fn());
            }
            t.print(out);
            out.println("NAB's rules, one parameter set for all files; files in " + dir);
            out.flush();
            return 0;
        }
    }
}
