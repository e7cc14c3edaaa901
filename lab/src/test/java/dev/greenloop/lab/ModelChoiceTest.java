package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelChoiceTest {

    @Test
    void known_labelIsTheName() {
        ModelChoice m = ModelChoice.known("all-minilm-l6-v2");
        assertFalse(m.isDirectory());
        assertEquals("all-minilm-l6-v2", m.label());
    }

    @Test
    void directory_labelIsThePath() {
        ModelChoice m = ModelChoice.directory(Path.of("models/mine"), Pooling.CLS, 256);
        assertTrue(m.isDirectory());
        assertEquals(Path.of("models/mine").toString(), m.label());
    }

    @Test
    void construct_badCombinations_nameThem() {
        assertThrows(IllegalArgumentException.class, () -> new ModelChoice(null, null, null, 512));
        assertThrows(IllegalArgumentException.class, () -> new ModelChoice("m", Path.of("d"), null, 512));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModelChoice("m", null, Pooling.MEAN, 512)).getMessage().contains("m"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelChoice.directory(Path.of("d"), null, 1)).getMessage().contains("1"));
    }
}
