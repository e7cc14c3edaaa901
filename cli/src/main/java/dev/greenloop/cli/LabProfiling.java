package dev.greenloop.cli;

import dev.greenloop.app.Settings;
import dev.greenloop.lab.EnergyLabel;
import dev.greenloop.lab.LabException;
import dev.greenloop.lab.Profile;
import dev.greenloop.lab.Profiler;
import dev.greenloop.lab.Quality;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.Sweep;
import dev.greenloop.lab.Variant;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Profiles every variant at every setting on the same texts, fp32 at the first setting being the
 * reference, and turns the profiles into a {@link LabReport}. Progress and one summary line per
 * profile go to stderr; stdout is left to the result.
 */
final class LabProfiling {

    private LabProfiling() {
    }

    /**
     * Measures now.
     *
     * @param command the command's name for progress lines, such as {@code lab profile}
     * @throws UsageException for bad flags or input
     * @throws LabException when a model cannot be opened, or the reference's energy is zero
     */
    static LabReport measure(String command, LabModelOptions model, LabProfileOptions options, List<RunnerSettings> settings, PrintStream err)
            throws IOException {
        return measured(command, model, options, settings, err).report();
    }

    /**
     * A report with what the store keeps beside it.
     *
     * @param report the result
     * @param input the texts' fingerprint, {@link LabProfileOptions.Inputs#fingerprint()}
     * @param measuredAt when measuring ended
     */
    record Measured(LabReport report, String input, Instant measuredAt) {
    }

    /** Measures now, as {@link #measure} does, keeping the texts' fingerprint and the time. */
    static Measured measured(String command, LabModelOptions model, LabProfileOptions options, List<RunnerSettings> settings, PrintStream err)
            throws IOException {
        List<Variant> variants = options.variants(model.modelDir != null);
        Profiler.Options profilerOptions = options.profilerOptions();
        LabProfileOptions.Inputs in = options.read();
        if (options.out != null && options.out.toAbsolutePath().getParent() != null && !Files.isDirectory(options.out.toAbsolutePath().getParent())) {
            throw new UsageException("--out %s: there is no directory %s".formatted(options.out, options.out.toAbsolutePath().getParent()));
        }
        List<String> texts = in.texts();
        List<String> labels = in.labels();
        LabSetup setup = new LabSetup(Settings.current());
        err.printf(Locale.ROOT, "greenloop: %s: %d texts%s, %d variant(s) × %d setting(s), %d round(s) each%n", command, texts.size(),
                labels.isEmpty() ? "" : " with labels", variants.size(), settings.size(), profilerOptions.rounds());
        List<float[]> reference = null;
        double referenceJoules = 0;
        List<Profiled> done = new ArrayList<>();
        for (RunnerSettings s : settings) {
            for (Variant v : variants) {
                String name = v + " " + Sweep.describe(s);
                StageProgress progress = StageProgress.labelled(err, command + " " + name);
                Profiler.Result r = Profiler.profile(() -> model.open(setup, v, s, err), texts, profilerOptions, progress);
                progress.finish();
                Profile p = r.profile();
                if (reference == null) {
                    reference = r.vectors();
                    referenceJoules = p.joulesPerQuery();
                    if (!(referenceJoules > 0)) {
                        throw new LabException("the meter attributed no energy to fp32's pass (%s J per query): profile more texts (--input) or more rounds"
                                .formatted(referenceJoules));
                    }
                }
                Quality q = Quality.measure(reference, r.vectors(), labels);
                done.add(new Profiled(v.name(), s, p, q));
                err.printf(Locale.ROOT, "greenloop: %s: %.3f ms CPU/query, %.3f mJ/query (%s), p50 %.2f ms, %.1f texts/s%s%n", name,
                        1000 * p.cpuSecondsPerQuery(), 1000 * p.joulesPerQuery(), p.provenance().label(), p.latencyMsP50(), p.throughputPerSecond(),
                        q.meanCosine().isPresent() ? String.format(Locale.ROOT, ", mean cosine to fp32 %.5f", q.meanCosine().getAsDouble()) : "");
            }
        }
        Quality first = done.getFirst().quality();
        if (first.overlapNeighbours() < Quality.OVERLAP_K) {
            err.printf("greenloop: %s: only %d texts: the neighbour overlap compares %d nearest neighbours, not 10%s%n", command, texts.size(),
                    first.overlapNeighbours(), first.overlapNeighbours() == 0 ? " (none: too few texts)" : "");
        }
        if (!labels.isEmpty() && first.knnNeighbours() < Quality.KNN_K) {
            err.printf("greenloop: %s: only %d texts: the kNN vote uses %d neighbours, not 5%n", command, texts.size(), first.knnNeighbours());
        }
        List<LabReport.Row> rows = new ArrayList<>();
        for (Profiled p : done) {
            rows.add(new LabReport.Row(p.variant, p.settings, p.profile, p.quality, EnergyLabel.of(p.profile.joulesPerQuery(), referenceJoules)));
        }
        LabReport report = new LabReport(model.name(), texts.size(), !labels.isEmpty(), rows);
        Instant measuredAt = Instant.now();
        if (options.out != null) {
            write(report, options.out);
            err.println("greenloop: wrote " + options.out);
        }
        return new Measured(report, in.fingerprint(), measuredAt);
    }

    private record Profiled(String variant, RunnerSettings settings, Profile profile, Quality quality) {
    }

    /** Writes the report's JSON to a file through a temporary name: a failed run leaves no partial file. */
    static void write(LabReport report, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                report.writeJson(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
