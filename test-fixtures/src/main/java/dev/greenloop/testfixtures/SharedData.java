package dev.greenloop.testfixtures;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a file of the project's shared data ({@code ../shared/data}: carbon-intensity traces, job traces,
 * labelled anomaly series), read in place. Fails the test clearly when the file is missing.
 */
public final class SharedData {

    private SharedData() {
    }

    /** @return {@code shared/data/carbon/name} */
    public static Path carbon(String name) {
        return file("carbon", name);
    }

    /** @return {@code shared/data/jobs/name} */
    public static Path jobs(String name) {
        return file("jobs", name);
    }

    /** @return {@code shared/data/anomaly/name} */
    public static Path anomaly(String name) {
        return file("anomaly", name);
    }

    /**
     * @param folder a folder of the shared data, such as {@code carbon}
     * @param name a file in it
     * @return the file, found under {@code -Dgreenloop.shared.data=DIR} or in {@code shared/data} next to any
     *     folder above the working directory
     */
    public static Path file(String folder, String name) {
        String rel = "shared/data/" + folder + "/" + name;
        String override = System.getProperty("greenloop.shared.data");
        if (override != null && Files.isRegularFile(Path.of(override, folder, name))) {
            return Path.of(override, folder, name);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve(rel), dir.resolve("..").resolve(rel))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        return fail("shared data file " + rel + " not found above " + Path.of("").toAbsolutePath()
                + "; check out the shared data next to the project, or pass -Dgreenloop.shared.data=<dir containing " + folder + "/>");
    }
}
