package dev.greenloop.meter.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcfsTest {

    @TempDir
    Path dir;

    /** init(1) ─ root(100) ─ child(200, odd comm) ─ grandchild(300) ─ great-grandchild(400); 500 and 600 unrelated. */
    private FakeProcfs tree() throws IOException {
        return new FakeProcfs(dir)
                .process(1, "systemd", 0, 1000, 1000, 5000, 5000)
                .process(100, "java", 1, 300, 100, 50, 50)
                .process(200, "my proc) (x y", 100, 200, 100, 0, 0)
                .process(300, "a b)", 200, 40, 10, 25, 25)
                .process(400, ") ) )", 300, 7, 3, 0, 0)
                .process(500, "unrelated", 1, 9000, 9000, 0, 0)
                .process(600, "child of unrelated", 500, 800, 0, 0, 0);
    }

    @Test
    void treeCpuSeconds_threeGenerations_sumsRootAndDescendantsOnly() throws IOException {
        Procfs procfs = new Procfs(tree().root());
        // root 500 + child 300 + grandchild 100 + great-grandchild 10 ticks
        assertEquals(9.10, procfs.treeCpuSeconds(100), 1e-9);
    }

    @Test
    void treeCpuSeconds_subtree_excludesAncestors() throws IOException {
        assertEquals((40 + 10 + 25 + 25 + 10) / 100.0, new Procfs(tree().root()).treeCpuSeconds(300), 1e-9);
    }

    @Test
    void treeCpuSeconds_childListedBeforeParent_stillFound() throws IOException {
        // pid 50 has parent 400: a re-used low pid appears before its parent in the listing.
        Procfs procfs = new Procfs(tree().process(50, "wrapped", 400, 90, 0, 0, 0).root());
        assertEquals(10.00, procfs.treeCpuSeconds(100), 1e-9);
    }

    @Test
    void treeCpuSeconds_newChildOfMemberOnLaterScan_isCounted() throws IOException {
        FakeProcfs fake = tree();
        Procfs procfs = new Procfs(fake.root());
        assertEquals(9.10, procfs.treeCpuSeconds(100), 1e-9);
        fake.process(800, "late child", 300, 100, 0, 0, 0);
        assertEquals(10.10, procfs.treeCpuSeconds(100), 1e-9);
    }

    @Test
    void treeCpuSeconds_processOutsideTree_isNotReadAgain() throws IOException {
        FakeProcfs fake = tree();
        Procfs procfs = new Procfs(fake.root());
        assertEquals(9.10, procfs.treeCpuSeconds(100), 1e-9);
        // A live outside process whose stat would now claim a tree parent: only pid re-use could do
        // that, and the remembered set skips it until the next full rescan.
        fake.process(600, "pid re-used", 300, 800, 0, 0, 0);
        assertEquals(9.10, procfs.treeCpuSeconds(100), 1e-9);
        for (int i = 2; i < Procfs.FULL_SCAN_EVERY; i++) {
            procfs.treeCpuSeconds(100);
        }
        assertEquals(17.10, procfs.treeCpuSeconds(100), 1e-9, "the periodic full rescan reads it again");
    }

    @Test
    void treeCpuSeconds_outsidePidDiesAndIsReused_isReadAgain() throws IOException {
        FakeProcfs fake = tree();
        Procfs procfs = new Procfs(fake.root());
        assertEquals(9.10, procfs.treeCpuSeconds(100), 1e-9);
        Files.delete(dir.resolve("600/stat"));
        Files.delete(dir.resolve("600"));
        assertEquals(9.10, procfs.treeCpuSeconds(100), 1e-9);
        fake.process(600, "new in tree", 300, 50, 0, 0, 0);
        assertEquals(9.60, procfs.treeCpuSeconds(100), 1e-9);
    }

    @Test
    void treeCpuSeconds_otherRoot_startsAfresh() throws IOException {
        Procfs procfs = new Procfs(tree().root());
        assertEquals(9.10, procfs.treeCpuSeconds(100), 1e-9);
        assertEquals((9000 + 9000 + 800) / 100.0, procfs.treeCpuSeconds(500), 1e-9);
    }

    @Test
    void treeCpuSeconds_vanishedProcess_isSkipped() throws IOException {
        FakeProcfs fake = tree();
        Files.createDirectories(dir.resolve("700")); // a process directory whose stat is gone
        Files.writeString(dir.resolve("self"), "not a process directory");
        assertEquals(9.10, new Procfs(fake.root()).treeCpuSeconds(100), 1e-9);
    }

    @Test
    void treeCpuSeconds_garbledStat_isSkipped() throws IOException {
        FakeProcfs fake = tree();
        Files.createDirectories(dir.resolve("900"));
        Files.writeString(dir.resolve("900/stat"), "900 (truncated");
        assertEquals(9.10, new Procfs(fake.root()).treeCpuSeconds(100), 1e-9);
    }

    @Test
    void treeCpuSeconds_missingRoot_returnsZero() throws IOException {
        assertEquals(0.0, new Procfs(tree().root()).treeCpuSeconds(4242));
    }

    @Test
    void treeCpuSeconds_missingProcfs_throws() {
        assertThrows(IOException.class, () -> new Procfs(dir.resolve("nope")).treeCpuSeconds(1));
    }

    @Test
    void childrenCpuSeconds_oddComm_readsCutimeAndCstime() throws IOException {
        Procfs procfs = new Procfs(tree().root());
        assertEquals(0.50, procfs.childrenCpuSeconds(300), 1e-9);
        assertEquals(1.00, procfs.childrenCpuSeconds(100), 1e-9);
    }

    @Test
    void processCpuSeconds_oddComm_readsUtimeAndStime() throws IOException {
        Procfs procfs = new Procfs(tree().root());
        assertEquals(3.00, procfs.processCpuSeconds(200), 1e-9);
        assertEquals(0.10, procfs.processCpuSeconds(400), 1e-9);
    }

    @Test
    void processCpuSeconds_missingProcess_throwsNoSuchFile() throws IOException {
        Procfs procfs = new Procfs(tree().root());
        assertThrows(NoSuchFileException.class, () -> procfs.processCpuSeconds(4242));
    }

    @Test
    void nodeCpu_guestTimeAndSteal_guestNotCountedTwiceStealNotBusy() throws IOException {
        Procfs procfs = new Procfs(new FakeProcfs(dir).stat(4, 1000, 200, 300, 5000, 100, 10, 20, 30, 400, 50).root());
        NodeCpu cpu = procfs.nodeCpu();
        assertEquals((1000 + 200 + 300 + 10 + 20) / 100.0, cpu.busySeconds(), 1e-9);
        assertEquals((5000 + 100) / 100.0, cpu.idleSeconds(), 1e-9);
        assertEquals(4, cpu.logicalCpus());
    }

    @Test
    void nodeCpu_oldKernelWithFourFields_parses() throws IOException {
        Files.writeString(dir.resolve("stat"), "cpu  10 20 30 40\ncpu0 10 20 30 40\n");
        NodeCpu cpu = new Procfs(dir).nodeCpu();
        assertEquals(0.60, cpu.busySeconds(), 1e-9);
        assertEquals(0.40, cpu.idleSeconds(), 1e-9);
        assertEquals(1, cpu.logicalCpus());
    }

    @Test
    void nodeCpu_notACpuLine_throws() throws IOException {
        Files.writeString(dir.resolve("stat"), "intr 1 2 3\n");
        assertThrows(IOException.class, () -> new Procfs(dir).nodeCpu());
    }

    @Test
    void memTotalBytes_kibibytes_convertsToBytes() throws IOException {
        assertEquals(24683656L * 1024, new Procfs(new FakeProcfs(dir).meminfo(24683656).root()).memTotalBytes());
    }

    @Test
    void cpuModelName_present_returnsFirstTrimmed() throws IOException {
        Procfs procfs = new Procfs(new FakeProcfs(dir).cpuinfo("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", 2).root());
        assertEquals(Optional.of("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz"), procfs.cpuModelName());
    }

    @Test
    void cpuModelName_armWithoutModelName_isEmpty() throws IOException {
        Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nBogoMIPS\t: 243.75\nCPU part\t: 0xd0c\n");
        assertEquals(Optional.empty(), new Procfs(dir).cpuModelName());
    }

    @Test
    void treeCpuSeconds_realProcOfThisJvm_countsBurnedCpu() throws IOException {
        Path proc = Path.of("/proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(proc.resolve("self/stat")), "needs Linux procfs");
        org.junit.jupiter.api.Assumptions.assumeTrue(cpuNanos() >= 0, "needs the JVM's process CPU time");
        Procfs procfs = new Procfs(proc);
        long self = ProcessHandle.current().pid();
        double before = procfs.treeCpuSeconds(self);
        // Burn 300 ms of this process's CPU time, not of wall time: on a loaded machine 300 ms of wall
        // time can hold much less CPU time (this failed at load 7.6). The wall limit only bounds the loop.
        long cpuStart = cpuNanos();
        long wallEnd = System.nanoTime() + 30_000_000_000L;
        long x = 0;
        while (cpuNanos() - cpuStart < 300_000_000L && System.nanoTime() < wallEnd) {
            for (int i = 0; i < 10_000; i++) {
                x += Long.numberOfTrailingZeros(x * 31 + 7);
            }
        }
        double burned = (cpuNanos() - cpuStart) / 1e9;
        double own = procfs.processCpuSeconds(self); // read first: both only grow, and the tree holds the root
        double after = procfs.treeCpuSeconds(self);
        assertTrue(x != 42, "keeps the loop");
        assertTrue(burned >= 0.3, "could not burn 300 ms of CPU in 30 s of wall time: " + burned + " s");
        assertTrue(after > 0, "tree CPU of the test JVM was " + after);
        // procfs counts in 10 ms clock ticks: allow two ticks of rounding.
        assertTrue(after - before >= burned - 0.02, burned + " s of CPU burned, procfs counted only " + (after - before) + " s");
        assertTrue(after >= own, "tree includes the root");
    }

    /** @return this JVM's CPU time so far as the JDK reads it (not through Procfs), or -1 if it cannot */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    /**
     * This JVM (pgrp and session 10, under a shell 5 under init) measures command 100, started after 1000 s of uptime
     * (ticks 100000). 200 is the command's child; 300 a process of the same shell started earlier; 400 a later
     * process of another process group.
     */
    private FakeProcfs measuring() throws IOException {
        long self = ProcessHandle.current().pid();
        return new FakeProcfs(dir).uptime(1000)
                .process(1, 'S', 0, 1, 1, 1)
                .process(5, 'S', 1, 5, 5, 50)
                .process(self, 'S', 5, 10, 10, 90_000)
                .process(100, 'S', self, 10, 10, 100_001)
                .process(200, 'S', 100, 10, 10, 100_010)
                .process(300, 'S', 5, 10, 10, 80_000)
                .process(400, 'S', 5, 40, 40, 100_020);
    }

    @Test
    void liveStrays_childReparentedToInitWhileAlive_isNamedOthersAreNot() throws IOException {
        FakeProcfs fake = measuring();
        Procfs procfs = new Procfs(fake.root());
        assertTrue(procfs.watchStrays());
        procfs.treeCpuSeconds(100);
        assertEquals(java.util.List.of(), procfs.liveStrays());
        fake.process(200, 'S', 1, 10, 10, 100_010); // its parent left it: the kernel gave it to init
        procfs.treeCpuSeconds(100);
        assertEquals(java.util.List.of(200L), procfs.liveStrays());
    }

    @Test
    void liveStrays_orphanNeverSeenInTheTree_foundByProcessGroupSessionAndStartTime_evenAfterTheCommandEnded() throws IOException {
        FakeProcfs fake = measuring();
        Procfs procfs = new Procfs(fake.root());
        assertTrue(procfs.watchStrays());
        // The double fork happened between two scans: the intermediate is gone, its child belongs to init, and the
        // command itself has ended and been reaped by the time of the last scan.
        fake.gone(200).gone(100)
                .process(210, 'S', 1, 10, 10, 100_011)
                .process(211, 'S', 210, 77, 77, 100_012) // the daemon's worker, in its own session
                .process(220, 'S', 300, 10, 10, 100_013); // started by a process outside the tree: not the command's
        assertEquals(0, procfs.treeCpuSeconds(100), 1e-9);
        assertEquals(java.util.List.of(210L, 211L), procfs.liveStrays().stream().sorted().toList());
    }

    @Test
    void liveStrays_strayThatEndedOrIsAZombieOrWhosePidWasReused_isNotNamed() throws IOException {
        FakeProcfs fake = measuring();
        Procfs procfs = new Procfs(fake.root());
        assertTrue(procfs.watchStrays());
        fake.process(210, 'S', 1, 10, 10, 100_011).process(230, 'S', 1, 10, 10, 100_014).process(240, 'S', 1, 10, 10, 100_015);
        procfs.treeCpuSeconds(100);
        fake.gone(210).process(230, 'Z', 1, 10, 10, 100_014).process(240, 'S', 1, 10, 10, 200_000);
        assertEquals(java.util.List.of(), procfs.liveStrays());
        assertEquals(java.util.List.of(210L, 230L, 240L), procfs.seenStrays().stream().sorted().toList(),
                "none of them was counted after it left, running or not");
    }

    @Test
    void watchStrays_procfsWithoutThisProcess_watchesNothing() throws IOException {
        Procfs procfs = new Procfs(tree().uptime(1000).root());
        assertEquals(false, procfs.watchStrays());
        procfs.treeCpuSeconds(100);
        assertEquals(java.util.List.of(), procfs.liveStrays());
    }
}
