package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Lab}'s front door without a model: where it keeps files, and what it refuses before loading anything. */
class LabTest {

    @TempDir
    Path home;

    private Lab lab(boolean fetch) {
        return Lab.at(new LabConfig(home, Optional.of(home.resolve("empty-repo")), Optional.of("mvn"), fetch));
    }

    @Test
    void at_keepsFilesUnderHomeLab() {
        Lab lab = lab(true);
        assertEquals(home.resolve("lab/variants"), lab.variants().root());
        assertEquals(home.resolve("empty-repo"), lab.repository().mavenRepository());
    }

    @Test
    void fetchCommand_namesTheConfiguredRepository() {
        ModelCatalog.Artifact a = new ModelCatalog.Model("all-minilm-l6-v2", ModelCatalog.defaultVersion()).artifact(Variant.FP32);
        List<String> cmd = lab(true).fetchCommand(a);
        assertEquals("mvn", cmd.getFirst());
        assertEquals("-Dmaven.repo.local=" + home.resolve("empty-repo"), cmd.getLast());
    }

    @Test
    void files_static_isUnsupported() {
        assertThrows(UnsupportedVariantException.class,
                () -> lab(true).files(ModelChoice.known("all-minilm-l6-v2"), Variant.parse("static"), LabListener.silent()));
    }

    @Test
    void files_int8OfDirectory_isUnsupported() throws Exception {
        Path dir = Files.createDirectories(home.resolve("m"));
        var e = assertThrows(UnsupportedVariantException.class,
                () -> lab(true).files(ModelChoice.directory(dir, Pooling.MEAN, 512), Variant.INT8, LabListener.silent()));
        assertTrue(e.getMessage().contains("int8"), e.getMessage());
    }

    @Test
    void files_missingModelWithoutFetch_namesTheFetchCommand() {
        List<String> notes = new ArrayList<>();
        LabListener listener = new LabListener() {
            @Override
            public void note(String message) {
                notes.add(message);
            }

            @Override
            public void detail(String line) {
                notes.add(line);
            }

            @Override
            public Stages stages(String label, String unit) {
                return LabListener.silent().stages(label, unit);
            }
        };
        var e = assertThrows(LabException.class, () -> lab(false).files(ModelChoice.known("all-minilm-l6-v2"), Variant.FP32, listener));
        assertTrue(e.getMessage().contains("dependency:get") && e.getMessage().contains("-Dmaven.repo.local="), e.getMessage());
        assertEquals(List.of(), notes, "nothing fetched");
    }

    @Test
    void profilePlan_checksItsParts() {
        ModelChoice m = ModelChoice.known("all-minilm-l6-v2");
        Profiler.Options o = Profiler.Options.defaults();
        List<RunnerSettings> s = List.of(RunnerSettings.tuned());
        assertThrows(IllegalArgumentException.class, () -> new ProfilePlan(m, List.of(Variant.INT8), s, List.of("a"), List.of(), o));
        assertThrows(IllegalArgumentException.class, () -> new ProfilePlan(m, List.of(Variant.FP32), List.of(), List.of("a"), List.of(), o));
        assertThrows(IllegalArgumentException.class, () -> new ProfilePlan(m, List.of(Variant.FP32), s, List.of(), List.of(), o));
        assertThrows(IllegalArgumentException.class, () -> new ProfilePlan(m, List.of(Variant.FP32), s, List.of("a", "b"), List.of("x"), o));
        assertEquals(2, new ProfilePlan(m, List.of(Variant.FP32, Variant.INT8), s, List.of("a"), List.of(), o).variants().size());
    }
}
