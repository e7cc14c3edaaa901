package dev.greenloop.schedule.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorRegistryTest {

    private final ExecutorRegistry.Context context = ExecutorRegistry.Context.of(Path.of("/tmp/greenloop-jobs"));

    @Test
    void names_localFirstThenSlurm() {
        assertEquals(List.of("local", "slurm"), ExecutorRegistry.names());
    }

    @Test
    void create_knownNameInAnyCase_buildsThatExecutor() {
        assertInstanceOf(LocalExecutor.class, ExecutorRegistry.create("local", context));
        assertInstanceOf(SlurmExecutor.class, ExecutorRegistry.create(" SLURM ", context));
        assertEquals("slurm", ExecutorRegistry.create("slurm", context).name());
        assertTrue(ExecutorRegistry.has("Local"));
    }

    @Test
    void create_unknownName_namesItAndTheKnownOnes() {
        assertFalse(ExecutorRegistry.has("kubernetes"));
        var e = assertThrows(IllegalArgumentException.class, () -> ExecutorRegistry.create("kubernetes", context));
        assertEquals("'kubernetes' is not local or slurm", e.getMessage());
    }
}
