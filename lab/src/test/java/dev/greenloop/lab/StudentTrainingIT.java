package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static student of the real all-MiniLM-L6-v2 trained on a small corpus (the hand-written
 * sentences and 300 generated ones), once for the class: the curve is metered and stored, training
 * beats the per-token start on held-out texts, the cache is reused for the same corpus and replaced
 * for another (or none).
 */
class StudentTrainingIT {

    @TempDir
    static Path home;

    static ModelFiles fp32;
    static VariantBuilder builder;
    static StudentCorpus corpus;
    static Distiller.Result trained;

    @BeforeAll
    static void train() throws Exception {
        fp32 = new ModelRepository(ModelRepository.defaultMavenRepository(), home.resolve("models")).resolve("all-minilm-l6-v2", Variant.FP32);
        builder = new VariantBuilder(home.resolve("variants"));
        List<String> lines = new ArrayList<>(TestTexts.SENTENCES.stream().filter(s -> !s.isBlank()).toList());
        lines.addAll(TestTexts.generated(300, 20, 11));
        Path file = Files.write(home.resolve("corpus.txt"), lines);
        corpus = StudentCorpus.read(file.toString(), home);
        trained = builder.distilled(fp32, 64, corpus, RunnerSettings.tuned(), VariantBuilder.Progress.none());
    }

    @Test
    void distilled_withCorpus_curveStored_trainingBeatsThePerTokenStart() {
        TrainingCurve c = TrainingCurve.read(trained.dir()).orElseThrow();
        assertEquals(corpus.name(), c.corpus());
        int held = Math.max(1, corpus.texts().size() / 10);
        assertEquals(held, c.heldOutTexts());
        assertEquals(corpus.texts().size() - held, c.trainTexts());
        List<TrainingCurve.Point> p = c.points();
        assertTrue(Double.isNaN(p.get(0).heldOutCosine()), "point 0 is the per-token distillation, before any target exists");
        double start = p.get(1).heldOutCosine();
        assertTrue(p.size() >= 3, "at least one epoch: " + p);
        assertTrue(c.keptEpoch() >= 1, "an epoch beat the start: " + c.stopReason());
        double kept = p.get(1 + c.keptEpoch()).heldOutCosine();
        assertTrue(kept > start, "held-out cosine %.4f -> %.4f".formatted(start, kept));
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.get(i).joules() >= p.get(i - 1).joules() && p.get(i).flops() > p.get(i - 1).flops()
                    && p.get(i).seconds() >= p.get(i - 1).seconds(), "totals grow: " + p.get(i));
        }
        assertTrue(p.getFirst().joules() > 0, "the teacher's pass over the vocabulary is metered: " + p.getFirst());
        assertTrue(List.of("measured", "modelled", "derived").contains(c.provenance()), c.provenance());
        assertFalse(c.stopReason().isBlank());
    }

    @Test
    void distilled_trainedStudent_runsThroughStaticEncoder() {
        try (StaticEncoder s = StaticEncoder.open(trained.dir())) {
            List<float[]> v = s.embed(List.of("The cat sat on the mat.", "A cat was sitting on the rug.", "Quarterly tax filing deadline.")).vectors();
            assertEquals(64, v.getFirst().length);
            assertTrue(TestTexts.cosine(v.get(0), v.get(1)) > TestTexts.cosine(v.get(0), v.get(2)));
        }
    }

    @Test
    void distilled_sameCorpusAgain_reused_noCorpusAsked_takesTheCached() throws Exception {
        Distiller.Result again = builder.distilled(fp32, 64, corpus, RunnerSettings.tuned(), VariantBuilder.Progress.none());
        assertEquals(trained.seconds(), again.seconds(), "read back from the cache, not trained again");
        assertTrue(Distiller.trainedOn(trained.dir(), corpus));
        assertFalse(Distiller.trainedOn(trained.dir(), StudentCorpus.none()));
        Distiller.Result any = builder.distilled(fp32, 64, RunnerSettings.tuned(), VariantBuilder.Progress.none());
        assertEquals(trained.seconds(), any.seconds(), "no corpus asked: whatever is cached");
    }
}
