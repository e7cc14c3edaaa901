package dev.greenloop.app;

import dev.greenloop.lab.Lab;
import dev.greenloop.lab.LabConfig;
import dev.greenloop.lab.LabException;
import dev.greenloop.lab.LabListener;
import dev.greenloop.lab.LabResult;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.lab.ModelFiles;
import dev.greenloop.lab.Pareto;
import dev.greenloop.lab.ProfilePlan;
import dev.greenloop.lab.Recommendation;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.StudentCorpus;
import dev.greenloop.lab.TextEncoder;
import dev.greenloop.lab.UnsupportedVariantException;
import dev.greenloop.lab.Variant;
import dev.greenloop.report.AtomicFile;
import dev.greenloop.report.LabResultsJson;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.ProfileStore;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoreException;
import dev.greenloop.store.StoredProfile;
import dev.greenloop.store.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The lab's use cases: open a model variant and embed with it, profile variants at settings (a
 * profile or a sweep), keep a result in the store and read stored ones back, read and write a
 * result's JSON, and choose from a result (its Pareto frontier, a recommendation). A front end parses
 * its input, calls a method here and renders what it returns. Safe for one caller at a time.
 */
public final class LabService {

    private final Lab lab;
    private final StoreConfig store;
    private final String node;

    /**
     * @param lab where the lab's files live and how it fetches models
     * @param store the store profiles are kept in
     * @param node this machine's name, kept with every stored profile
     * @throws NullPointerException if an argument is null
     */
    public LabService(LabConfig lab, StoreConfig store, String node) {
        this.lab = Lab.at(Objects.requireNonNull(lab, "lab"));
        this.store = Objects.requireNonNull(store, "store");
        this.node = Objects.requireNonNull(node, "node");
    }

    /** The lab itself: its model repository, variant cache and fetch commands (for listings). */
    public Lab lab() {
        return lab;
    }

    /**
     * Opens a variant to embed with (fetching, building or distilling it on first use); the caller closes it.
     *
     * @throws UnsupportedVariantException for {@code int8} of a model directory
     * @throws LabException if the model is missing and not fetched, or cannot be built or loaded
     */
    public TextEncoder open(ModelChoice model, Variant variant, RunnerSettings settings, LabListener listener) {
        return lab.open(model, variant, settings, listener);
    }

    /**
     * The files of an ONNX variant, built on first use ({@link Lab#files}).
     *
     * @throws UnsupportedVariantException for {@code static} or {@code int8} of a model directory
     * @throws LabException as {@link Lab#files} does
     */
    public ModelFiles files(ModelChoice model, Variant variant, LabListener listener) {
        return lab.files(model, variant, listener);
    }

    /**
     * The static student, distilled on first use ({@link Lab#distilled}).
     *
     * @throws IllegalArgumentException if {@code dimension} is negative or above the teacher's
     * @throws LabException as {@link Lab#distilled} does
     */
    public Lab.Distilled distilled(ModelChoice model, int dimension, RunnerSettings settings, LabListener listener) {
        return lab.distilled(model, dimension, settings, listener);
    }

    /**
     * The static student trained on {@code corpus} ({@link Lab#distilled(ModelChoice, int, StudentCorpus, RunnerSettings, LabListener)}).
     *
     * @throws IllegalArgumentException if {@code dimension} is negative or above the teacher's
     * @throws LabException as {@link Lab#distilled} does
     */
    public Lab.Distilled distilled(ModelChoice model, int dimension, StudentCorpus corpus, RunnerSettings settings, LabListener listener) {
        return lab.distilled(model, dimension, corpus, settings, listener);
    }

    /**
     * A measured result with what the store keeps beside it.
     *
     * @param result the result
     * @param input the texts' fingerprint: the SHA-256, in lower-case hex, of every text in UTF-8 followed by a newline
     * @param measuredAt when measuring ended
     */
    public record Profiled(LabResult result, String input, Instant measuredAt) {
    }

    /**
     * Profiles the plan now ({@link Lab#profile}).
     *
     * @param title what to call the run in progress notes, such as {@code lab sweep}
     * @throws UnsupportedVariantException for {@code int8} of a model directory
     * @throws LabException when a model cannot be opened, or the meter attributed no energy to the reference
     */
    public Profiled profile(ProfilePlan plan, String title, LabListener listener) {
        LabResult result = lab.profile(plan, title, listener);
        return new Profiled(result, LabRows.fingerprint(plan.texts()), Instant.now());
    }

    /**
     * Where a result was kept.
     *
     * @param profiles how many rows
     * @param resultId the result's number ({@link #stored})
     * @param location the store, without secrets
     */
    public record Stored(int profiles, long resultId, String location) {
    }

    /**
     * Keeps a result's rows in the store as one result.
     *
     * @param command what measured it, such as {@code lab profile}
     * @throws StoreException if the store cannot be opened or written
     */
    public Stored store(String command, Profiled profiled) {
        List<NewProfile> rows = LabRows.toStore(profiled.result(), profiled.input(), profiled.measuredAt(), node);
        try (ProfileStore profiles = Stores.openProfiles(store)) {
            long id = profiles.save(command, rows);
            return new Stored(rows.size(), id, profiles.location());
        }
    }

    /**
     * A result kept in the store, looked up.
     *
     * @param result the result; empty if the store has no result of that number
     * @param location the store, without secrets
     */
    public record Lookup(Optional<LabResult> result, String location) {
    }

    /**
     * The result of this number, as {@link #store} kept it.
     *
     * @throws StoreException if the store cannot be opened or read
     */
    public Lookup stored(long resultId) {
        try (ProfileStore profiles = Stores.openProfiles(store)) {
            List<StoredProfile> rows = profiles.result(resultId);
            if (rows.isEmpty()) {
                return new Lookup(Optional.empty(), profiles.location());
            }
            NewProfile first = rows.getFirst().profile();
            return new Lookup(Optional.of(new LabResult(first.model(), first.texts(), first.labelled(),
                    rows.stream().map(r -> LabRows.fromStore(r.profile())).toList())), profiles.location());
        }
    }

    /**
     * A stored profile and its row as a result row.
     *
     * @param stored as the store keeps it
     * @param row as a result row
     */
    public record StoredRow(StoredProfile stored, LabResult.Row row) {
    }

    /**
     * Stored profiles, newest result first.
     *
     * @param model only this model's; empty for all
     * @param limit the most rows, at least 1
     * @throws IllegalArgumentException if {@code limit} is below 1
     * @throws StoreException if the store cannot be opened or read
     */
    public List<StoredRow> profiles(Optional<String> model, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit %d: must be at least 1".formatted(limit));
        }
        try (ProfileStore profiles = Stores.openProfiles(store)) {
            return profiles.list(model, Instant.EPOCH, limit).stream().map(s -> new StoredRow(s, LabRows.fromStore(s.profile()))).toList();
        }
    }

    /**
     * Starts keeping what {@code service} answers in this lab's store ({@link ServedTrafficLog}), so that reports count
     * the savings of the variants served. Close it after the service.
     *
     * @param notes told when a write fails
     */
    public ServedTrafficLog servedTrafficLog(EmbeddingService service, java.util.function.Consumer<String> notes) {
        return ServedTrafficLog.start(store, node, service, ServedTrafficLog.DEFAULT_EVERY, notes);
    }

    /**
     * Reads a result's JSON ({@link LabResultsJson}).
     *
     * @throws LabResultsJson.MalformedResultException naming the file when it is missing or not a result
     * @throws IOException if it cannot be read
     */
    public LabResult read(Path file) throws IOException {
        return LabResultsJson.read(file);
    }

    /**
     * Writes a result's JSON to {@code file} through a temporary name next to it: a failed write leaves no partial file.
     *
     * @throws dev.greenloop.report.WriteException naming the file if it cannot be written ({@link AtomicFile})
     */
    public void write(LabResult result, Path file) throws IOException {
        AtomicFile.write(file, out -> LabResultsJson.write(result, out));
    }

    /**
     * A result on the energy-versus-quality plane.
     *
     * @param quality the quality axis: {@code kNN accuracy} for a labelled result, else {@code mean cosine to fp32}
     * @param points every row that has that figure, named by {@link LabResult.Row#name()}
     * @param without the names of rows without it
     * @param frontier the points no other point beats on both axes ({@link Pareto#frontier})
     */
    public record Frontier(String quality, List<Pareto.Point> points, List<String> without, List<Pareto.Point> frontier) {
    }

    /** The energy-versus-quality frontier of a result. */
    public Frontier pareto(LabResult result) {
        String quality = result.labelled() ? "kNN accuracy" : "mean cosine to fp32";
        List<Pareto.Point> points = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (LabResult.Row r : result.rows()) {
            OptionalDouble q = result.labelled() ? r.quality().knnAccuracy() : r.quality().meanCosine();
            if (q.isPresent()) {
                points.add(new Pareto.Point(r.name(), r.profile().joulesPerQuery(), q.getAsDouble()));
            } else {
                without.add(r.name());
            }
        }
        return new Frontier(quality, List.copyOf(points), List.copyOf(without), Pareto.frontier(points));
    }

    /**
     * The outcome of a recommendation.
     *
     * @param requirement the requirement in words
     * @param choice the chosen row and why; empty when no row meets the requirement
     * @param best the best row on the requirement's figure and that figure, in words, for when none meets it
     */
    public record Recommended(String requirement, Optional<Chosen> choice, String best) {
    }

    /**
     * A chosen row.
     *
     * @param row the row
     * @param why why it was chosen
     */
    public record Chosen(LabResult.Row row, String why) {
    }

    /** The lowest-energy row whose mean cosine to fp32 is at least {@code minCosine}. */
    public Recommended recommendWithMinCosine(LabResult result, double minCosine) {
        List<Recommendation.Candidate> candidates = candidates(result);
        String requirement = String.format(Locale.ROOT, "mean cosine to fp32 >= %s", minCosine);
        Optional<Recommendation> choice = Recommendation.withMinCosine(candidates, minCosine, result.reference().profile().joulesPerQuery());
        return recommended(result, requirement, choice, bestOf(candidates, Recommendation.Candidate::meanCosine, "mean cosine %.5f", 1));
    }

    /**
     * The lowest-energy row whose kNN accuracy is at most {@code maxDropPoints} percentage points below fp32's.
     *
     * @throws IllegalArgumentException if the result has no kNN accuracy (it was profiled without labels)
     */
    public Recommended recommendWithMaxAccuracyDrop(LabResult result, double maxDropPoints) {
        LabResult.Row ref = result.reference();
        if (!result.labelled() || ref.quality().knnAccuracy().isEmpty()) {
            throw new IllegalArgumentException("the result has no kNN accuracy: it was profiled without labels");
        }
        List<Recommendation.Candidate> candidates = candidates(result);
        double refAccuracy = ref.quality().knnAccuracy().getAsDouble();
        String requirement = String.format(Locale.ROOT, "kNN accuracy at most %s points below fp32's %.2f %%", maxDropPoints, 100 * refAccuracy);
        Optional<Recommendation> choice = Recommendation.withMaxAccuracyDrop(candidates, refAccuracy, maxDropPoints, ref.profile().joulesPerQuery());
        return recommended(result, requirement, choice, bestOf(candidates, Recommendation.Candidate::knnAccuracy, "kNN accuracy %.2f %%", 100));
    }

    private static List<Recommendation.Candidate> candidates(LabResult result) {
        return result.rows().stream()
                .map(r -> new Recommendation.Candidate(r.name(), r.profile().joulesPerQuery(), r.quality().meanCosine(), r.quality().knnAccuracy())).toList();
    }

    private static Recommended recommended(LabResult result, String requirement, Optional<Recommendation> choice, String best) {
        return new Recommended(requirement, choice.map(r -> new Chosen(result.row(r.chosen().name()).orElseThrow(), r.why())), best);
    }

    private static String bestOf(List<Recommendation.Candidate> candidates, Function<Recommendation.Candidate, OptionalDouble> figure,
            String format, double scale) {
        return candidates.stream().filter(c -> figure.apply(c).isPresent()).max(Comparator.comparingDouble(c -> figure.apply(c).getAsDouble()))
                .map(c -> c.name() + " with " + String.format(Locale.ROOT, format, scale * figure.apply(c).getAsDouble())).orElse("none has the figure");
    }
}
