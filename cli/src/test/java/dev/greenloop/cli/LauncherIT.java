package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's launcher ({@code ./greenloop}) on a build it did not make itself, as after {@code ./mvnw install}: a
 * copy of the launcher and {@code scripts/jdk.sh} in a scratch root, over the jar Maven packaged before the integration
 * tests, so the real build folder's JDK cache is not touched.
 */
class LauncherIT {

    @TempDir
    Path root;

    private Path jdk;
    private Path cache;

    @BeforeEach
    void copyTheLauncher() throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path jar = repo.resolve("cli/target/greenloop-cli.jar");
        assertTrue(Files.isRegularFile(jar), "no packaged jar at " + jar + "; run from the cli module after package");
        Files.copy(repo.resolve("greenloop"), root.resolve("greenloop"));
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(repo.resolve("scripts/jdk.sh"), root.resolve("scripts/jdk.sh"));
        Path target = Files.createDirectories(root.resolve("cli/target"));
        Files.createSymbolicLink(target.resolve("greenloop-cli.jar"), jar);
        Files.createSymbolicLink(target.resolve("lib"), repo.resolve("cli/target/lib"));
        jdk = Path.of(ProcessHandle.current().info().command().orElseThrow()).toRealPath().getParent().getParent();
        cache = target.resolve(".java");
    }

    /** Removes the links out of the scratch root first, so that cleaning it up does not warn about them. */
    @AfterEach
    void removeTheLinks() throws IOException {
        for (String link : List.of("cli/target/greenloop-cli.jar", "cli/target/lib", "other-jdk")) {
            Files.deleteIfExists(root.resolve(link));
        }
    }

    private String launch(Path javaHome, Path marker) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("greenloop").toString(), "--version").redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("GREENLOOP_JAVA");
        env.put("JAVA_HOME", javaHome.toString());
        env.put("PATH", "/usr/bin:/bin");
        env.put("GREENLOOP_NO_AOT", "1");
        env.put("GREENLOOP_HOME", root.resolve("home").toString());
        env.put("MARKER", marker.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not end in 60 s");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("greenloop "), out);
        return out;
    }

    /** A java that notes each start in {@code $MARKER}: no JDK search would find it, only the launcher's cache. */
    private Path javaThatNotesItsStarts() throws IOException {
        Path wrapper = root.resolve("noting-java");
        Files.writeString(wrapper, "#!/bin/sh\necho started >> \"$MARKER\"\nexec '" + jdk.resolve("bin/java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        return wrapper;
    }

    @Test
    void buildMadeByMaven_firstStartKeepsTheJdkItFound_laterStartsUseItWithoutSearching() throws Exception {
        // The cache was written only when the launcher built the project itself: after ./mvnw install every start
        // searched again, one more JVM start each time (the issue measured 0.90 s where 0.44 s was usual).
        Path marker = root.resolve("marker");
        launch(jdk, marker);
        List<String> kept = Files.readAllLines(cache);
        assertEquals(2, kept.size(), kept.toString());
        assertTrue(kept.getFirst().startsWith(jdk + "|"), kept.toString());
        assertEquals(jdk.resolve("bin/java").toString(), kept.get(1));

        Files.write(cache, List.of(kept.getFirst(), javaThatNotesItsStarts().toString()));
        launch(jdk, marker);
        assertEquals(List.of("started"), Files.readAllLines(marker), "the second start did not use the kept JDK");
    }

    @Test
    void javaHomeChanged_searchesAgainAndKeepsTheNewOne() throws Exception {
        Path marker = root.resolve("marker");
        launch(jdk, marker);
        List<String> kept = Files.readAllLines(cache);
        Files.write(cache, List.of(kept.getFirst(), javaThatNotesItsStarts().toString()));

        Path otherJdk = Files.createSymbolicLink(root.resolve("other-jdk"), jdk);
        launch(otherJdk, marker);
        assertFalse(Files.exists(marker), "a JDK kept for another JAVA_HOME was used");
        assertEquals(List.of(otherJdk + "|" + kept.getFirst().substring(kept.getFirst().indexOf('|') + 1),
                otherJdk.resolve("bin/java").toString()), Files.readAllLines(cache));
    }

    @Test
    void oldOneLineCache_searchedAgainAndRewritten() throws Exception {
        // The launcher before this one wrote the java path alone; it is not trusted, as its JAVA_HOME is unknown.
        Files.writeString(cache, javaThatNotesItsStarts() + "\n");
        Path marker = root.resolve("marker");
        launch(jdk, marker);
        assertFalse(Files.exists(marker));
        assertEquals(jdk.resolve("bin/java").toString(), Files.readAllLines(cache).get(1));
    }
}
