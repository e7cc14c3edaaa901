package dev.greenloop.lab;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a static student's training went: quality on held-out texts against the energy, time and
 * FLOPs spent so far, one point per stage, and why training stopped. Immutable; stored as
 * {@code training.json} in the student's cache folder ({@link #read}).
 *
 * <p>Point 0 is the per-token distillation (its teacher pass over the vocabulary, PCA and weights);
 * with a corpus, point 1 adds the teacher's pass over the corpus (the targets) and the quality does
 * not change; each later point is one training epoch. Energy is this process's share of the node's
 * energy as the meter measures it ({@link #provenance}: {@code measured} with RAPL, else
 * {@code modelled}); FLOPs are counted from the arithmetic, not read from counters.
 *
 * @param corpus the corpus's name or file, or {@code none} for the per-token student
 * @param trainTexts corpus texts fitted on
 * @param heldOutTexts corpus texts kept out to measure quality on (0 without a corpus)
 * @param points the curve, in order
 * @param keptEpoch the epoch whose matrix was kept (0: no epoch; the per-token matrix)
 * @param stopReason why training stopped, in words
 * @param provenance the weakest provenance of the energy figures ({@code measured}, {@code modelled})
 */
public record TrainingCurve(String corpus, int trainTexts, int heldOutTexts, List<Point> points, int keptEpoch, String stopReason,
        String provenance) {

    /** The file in the student's folder. */
    public static final String FILE = "training.json";

    /** @throws NullPointerException if a reference is null */
    public TrainingCurve {
        Objects.requireNonNull(corpus, "corpus");
        points = List.copyOf(points);
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * One point of the curve: totals since distillation began.
     *
     * @param epoch the training epoch (0 before training)
     * @param stage what this point added, such as {@code teacher over vocabulary, PCA, weights} or {@code epoch 3}
     * @param seconds wall seconds so far
     * @param joules energy so far, this process's share
     * @param flops floating-point operations so far, counted
     * @param heldOutCosine mean cosine between the student's vector and the teacher's (in the student's
     *     space) over the held-out texts; NaN without a corpus
     */
    public record Point(int epoch, String stage, double seconds, double joules, double flops, double heldOutCosine) {
    }

    /** The student's curve, if its folder has one (students distilled before curves were stored have none). */
    public static Optional<TrainingCurve> read(Path dir) {
        try {
            return Optional.of(gson().fromJson(Files.readString(dir.resolve(FILE)), TrainingCurve.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | JsonParseException e) {
            throw new LabException("cannot read %s: %s".formatted(dir.resolve(FILE), e.getMessage()), e);
        }
    }

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), gson().toJson(this));
    }

    private static Gson gson() {
        return new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();
    }
}
