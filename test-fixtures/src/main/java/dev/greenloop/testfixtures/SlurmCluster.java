package dev.greenloop.testfixtures;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The single-node Slurm the Slurm tests run against: one already reachable (as {@code .ci/run} starts it), else
 * one this test starts with {@code scripts/slurm-test-setup.sh} (root on Debian). Without either the tests fail,
 * saying how to get one; {@code GREENLOOP_SLURM_TESTS=0} skips them on purpose.
 */
public final class SlurmCluster {

    public static final Path DEFAULT_CONF = Path.of("/tmp/greenloop-slurm/slurm.conf");

    /** The slurm.conf to use (null: the commands' default), and whether this test started the daemons. */
    public record Handle(Path conf, boolean startedHere) {
    }

    private SlurmCluster() {
    }

    /** @return the cluster to test against; fails the test when none can be had, skips it with GREENLOOP_SLURM_TESTS=0 */
    public static Handle ensure() {
        Assumptions.assumeFalse("0".equals(System.getenv("GREENLOOP_SLURM_TESTS")), "GREENLOOP_SLURM_TESTS=0: Slurm tests skipped on purpose");
        String env = System.getenv("SLURM_CONF");
        Path conf = env != null ? Path.of(env) : DEFAULT_CONF;
        if (Files.exists(conf) && reachable(conf)) {
            return new Handle(conf, false);
        }
        if (env == null && reachable(null)) {
            return new Handle(null, false);
        }
        Path script = repositoryRoot().resolve("scripts/slurm-test-setup.sh");
        Result r = run(List.of(script.toString(), "start"), Map.of());
        if (r.exitCode() != 0 || !r.out().startsWith("export SLURM_CONF=")) {
            fail(("no Slurm to test the Slurm executor against: none is reachable (sinfo) and %s start failed (exit %d): %s%n"
                    + "Run the tests as root on Debian (the script installs slurm-wlm and munge and starts munged, slurmctld and"
                    + " slurmd), or start it yourself with 'eval \"$(sudo scripts/slurm-test-setup.sh start)\"', or set"
                    + " GREENLOOP_SLURM_TESTS=0 to skip these tests.").formatted(script, r.exitCode(), r.err()));
        }
        return new Handle(Path.of(r.out().substring("export SLURM_CONF=".length()).strip()), true);
    }

    /** Stops the daemons if {@link #ensure()} started them. */
    public static void release(Handle h) {
        if (h != null && h.startedHere()) {
            run(List.of(repositoryRoot().resolve("scripts/slurm-test-setup.sh").toString(), "stop"), Map.of());
        }
    }

    private static boolean reachable(Path conf) {
        Result r = run(List.of("sinfo", "-h", "-o", "%T"), conf == null ? Map.of() : Map.of("SLURM_CONF", conf.toString()));
        return r.exitCode() == 0 && r.out().lines().anyMatch(l -> l.matches("(idle|mixed|allocated|completing).*"));
    }

    /** What a helper command printed; exit code 127 when it could not start (such as sinfo not installed). */
    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(environment);
            Path err = Files.createTempFile("slurm-fixture", ".err");
            try {
                Process p = pb.redirectError(err.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int code = p.waitFor();
                return new Result(code, out, Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Result(127, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "", "interrupted");
        }
    }

    /** @return the repository's root: the first folder above the working directory that holds scripts/slurm-test-setup.sh */
    public static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/slurm-test-setup.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find scripts/slurm-test-setup.sh above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** @return the file's text (a job's output) */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
