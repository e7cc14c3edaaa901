package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurveTest {

    @TempDir
    Path dir;

    @Test
    void writeThenRead_sameCurve_nanQualityKept() throws Exception {
        TrainingCurve c = new TrainingCurve("wordnet-glosses", 900, 100, List.of(
                new TrainingCurve.Point(0, "teacher over the vocabulary, PCA, Zipf weights", 80.5, 90.25, 1.9e12, Double.NaN),
                new TrainingCurve.Point(1, "training epoch 1", 150, 160, 3.5e12, 0.75)), 1, "reached 30 epochs", "modelled");
        c.write(dir);
        TrainingCurve back = TrainingCurve.read(dir).orElseThrow();
        assertEquals(c, back);
        assertTrue(Double.isNaN(back.points().getFirst().heldOutCosine()));
    }

    @Test
    void read_noFile_empty_brokenFile_labExceptionNamingIt() throws Exception {
        assertTrue(TrainingCurve.read(dir).isEmpty());
        Files.writeString(dir.resolve(TrainingCurve.FILE), "{not json");
        var e = assertThrows(LabException.class, () -> TrainingCurve.read(dir));
        assertTrue(e.getMessage().contains(TrainingCurve.FILE), e.getMessage());
    }
}
