package dev.greenloop.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import dev.greenloop.cli.Main;
import dev.greenloop.testfixtures.SlurmCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schedule submit} then {@code schedule run --executor slurm} end to end on a real single-node Slurm
 * ({@link SlurmCluster}: the one {@code .ci/run} starts, or one this test starts): the batch script runs the
 * command under {@code greenloop measure}, and the runner records that measured run beside the plan.
 */
class ScheduleSlurmIT {

    private static SlurmCluster.Handle slurm;

    @TempDir
    Path home;

    @BeforeAll
    static void startSlurm() {
        slurm = SlurmCluster.ensure();
    }

    @AfterAll
    static void stopSlurm() {
        SlurmCluster.release(slurm);
    }

    /** A launcher as ./greenloop is one: a script that runs this build's CLI, for the batch script to call. */
    private Path launcher() throws IOException {
        Path script = home.resolve("greenloop");
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(script, "#!/bin/sh\nexec '%s' --enable-native-access=ALL-UNNAMED -cp '%s' %s \"$@\"\n"
                .formatted(java, System.getProperty("java.class.path"), Main.class.getName()));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private Cli cli() throws IOException {
        Cli cli = new Cli(home).env("GREENLOOP_LAUNCHER", launcher().toString());
        return slurm.conf() == null ? cli : cli.env("SLURM_CONF", slurm.conf().toString());
    }

    @Test
    void runSlurm_jobIsMeasuredOnTheNodeAndTheRunRecordedBesideThePlan() throws IOException {
        String id = "slurm-e2e-" + System.nanoTime();
        Cli.Result submitted = cli().run("schedule", "submit", "--id", id, "--duration", "1m", "--deadline", "2h", "--power", "50",
                "--", "sh", "-c", "echo measured on the node; i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done");
        assertEquals(0, submitted.exitCode(), submitted.stderr());

        Cli.Result run = cli().run("schedule", "run", "--executor", "slurm", "--exit-when-idle", "--interval", "1s");

        assertEquals(0, run.exitCode(), run.stderr());
        Map<String, Object> j = Json.flatten(cli().run("schedule", "show", id, "--json").stdout());
        assertEquals("done", j.get("state"), run.stderr());
        assertTrue(j.get("measured.grams") instanceof Double, j + "\n" + run.stderr());
        long runId = ((Double) j.get("runId")).longValue();
        Map<String, Object> stored = Json.flatten(cli().run("runs", "show", Long.toString(runId), "--json").stdout());
        assertEquals(id, stored.get("tags.job"));
        assertEquals("1", stored.get("tags.attempt"));
        assertTrue((Double) stored.get("energy.totalJoules") > 0, stored.toString());
    }
}
