package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds a file of the project's shared data (../shared/data), read in place; fails clearly when missing. */
final class SharedData {

    private SharedData() {
    }

    static Path carbon(String name) {
        String rel = "shared/data/carbon/" + name;
        String override = System.getProperty("greenloop.shared.data");
        if (override != null && Files.isRegularFile(Path.of(override, "carbon", name))) {
            return Path.of(override, "carbon", name);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve(rel), dir.resolve("..").resolve(rel))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        return fail("shared data file " + rel + " not found above " + Path.of("").toAbsolutePath()
                + "; check out the shared data next to the project, or pass -Dgreenloop.shared.data=<dir containing carbon/>");
    }
}
