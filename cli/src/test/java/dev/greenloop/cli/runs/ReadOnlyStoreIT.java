package dev.greenloop.cli.runs;

import static dev.greenloop.cli.Json.flatten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that cannot be written: reading commands still read it, writing ones say it is read-only, naming the file and
 * the fix. As a user other than root, {@code chmod} makes it so (0500 on the home, 0400 on the file); root is not held
 * back by permissions, so there the CLI runs in a private mount namespace with the home (or the file) bound read-only.
 */
class ReadOnlyStoreIT {

    @TempDir
    Path home;

    private boolean root;

    @AfterEach
    void writableAgain() throws IOException {
        // @TempDir must be able to delete it.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Path db = home.resolve("greenloop.db");
        if (Files.exists(db)) {
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Stores a run, then makes {@code target} read-only for the commands {@link #run} starts. */
    private void storeOneRunThenMakeReadOnly(Path target) throws Exception {
        var measured = new Cli(home).run("measure", "--name", "kept", "--", "sh", "-c", "exit 0");
        assertEquals(0, measured.exitCode(), measured.stderr());
        root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        if (root) {
            Process probe = new ProcessBuilder("unshare", "-m", "sh", "-c", "mount --bind -o ro \"$0\" \"$0\" && ! touch \"$0\"/x 2>/dev/null",
                    home.toString()).redirectErrorStream(true).start();
            boolean works = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
            Assumptions.assumeTrue(works, "running as root, whom permissions do not hold back, and a read-only bind mount"
                    + " (unshare -m, mount --bind -o ro) is not allowed here: a read-only store cannot be made");
        } else if (target.equals(home)) {
            Files.setPosixFilePermissions(home.resolve("greenloop.db"), PosixFilePermissions.fromString("r--------"));
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("r-x------"));
        } else {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--------"));
        }
        this.readOnly = target;
    }

    private Path readOnly;

    /** Runs the CLI in a child JVM that sees {@link #readOnly} read-only. */
    private Cli.Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(List.of("unshare", "-m", "sh", "-c", "mount --bind -o ro \"$0\" \"$0\" && exec \"$@\"", readOnly.toString()));
        }
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("GREENLOOP_DB");
        pb.environment().put("GREENLOOP_HOME", home.toString());
        pb.environment().put("GREENLOOP_ZONE", "DE");
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<String> out = Cli.drain(p.getInputStream());
        String err = read(p.getErrorStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "greenloop " + String.join(" ", args) + " did not finish");
        return new Cli.Result(p.exitValue(), out.join(), err);
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void readOnlyHome_runsListShowExportRead_measureSaysReadOnlyNamingTheFileAndTheFix_exit1() throws Exception {
        storeOneRunThenMakeReadOnly(home);
        var list = run("runs", "list", "--json");
        assertEquals(0, list.exitCode(), list.stderr());
        assertEquals("kept", flatten(list.stdout()).get("[0].name"));
        var show = run("runs", "show", "1");
        assertEquals(0, show.exitCode(), show.stderr());
        assertTrue(show.stdout().contains("kept"), show.stdout());
        var export = run("runs", "export", "--format", "csv");
        assertEquals(0, export.exitCode(), export.stderr());
        assertTrue(export.stdout().lines().anyMatch(l -> l.startsWith("1,kept,finished,")), export.stdout());

        var measure = run("measure", "--", "sh", "-c", "exit 4");
        Path db = home.resolve("greenloop.db");
        assertEquals(1, measure.exitCode(), "not stored, and not kept either: " + measure.stderr());
        assertTrue(measure.stderr().contains("the store file " + db + " is read-only") && measure.stderr().contains("chmod u+w"),
                measure.stderr());
        assertTrue(measure.stderr().contains("the run could not be stored, nor kept to store later"), measure.stderr());
        assertTrue(measure.stderr().contains("'sh -c exit 4' exited 4"), "the report is still printed: " + measure.stderr());
        assertFalse(measure.stderr().contains("Exception\n\tat"), "no stack trace: " + measure.stderr());
    }

    @Test
    void readOnlyStoreFileInAWritableHome_measureSpoolsWithExit75_andTheNextCommandStoresIt() throws Exception {
        Path db = home.resolve("greenloop.db");
        storeOneRunThenMakeReadOnly(db);
        var measure = run("measure", "--name", "spooled", "--", "sh", "-c", "exit 4");
        assertEquals(75, measure.exitCode(), measure.stderr());
        assertTrue(measure.stderr().contains("the store file " + db + " is read-only")
                && measure.stderr().contains("the run is kept in " + home.toAbsolutePath().resolve("spool")), measure.stderr());
        writableAgain();
        var list = new Cli(home).run("runs", "list", "--json");
        assertEquals(0, list.exitCode(), list.stderr());
        assertTrue(list.stderr().contains("stored the run 'spooled' spooled in"), list.stderr());
        assertEquals("spooled", flatten(list.stdout()).get("[0].name"));
        assertEquals(4.0, flatten(list.stdout()).get("[0].exitCode"));
    }
}
