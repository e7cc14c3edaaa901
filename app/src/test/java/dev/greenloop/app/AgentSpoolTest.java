package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NodeRegistration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentSpoolTest {

    private static final NodeRegistration NODE = new NodeRegistration("n1", "DE", 1.2, "test CPU");

    @TempDir
    Path home;

    private final List<String> notes = new ArrayList<>();

    private static List<FleetSample> samples(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> new FleetSample("n1-1-" + i + "-cpu-package-0",
                Instant.ofEpochSecond(1_700_000_000L + i), 1.0, "cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, i + 0.125, i + 0.125))
                .toList();
    }

    private AgentSpool open(AgentSpool.Limits limits) throws Exception {
        return AgentSpool.tryOpen(home, limits, notes::add).orElseThrow();
    }

    @Test
    void next_returnsSamplesInOrderAsWritten_ackRemovesThem() throws Exception {
        try (AgentSpool spool = open(AgentSpool.Limits.DEFAULT)) {
            spool.append(NODE, samples(0, 3));
            spool.append(NODE, samples(3, 2));
            assertEquals(5, spool.pending());
            AgentSpool.Batch b = spool.next(4).orElseThrow();
            assertEquals(NODE, b.node());
            assertEquals(samples(0, 4), b.samples(), "every field survives the spool exactly");
            spool.ack(b);
            AgentSpool.Batch rest = spool.next(4).orElseThrow();
            assertEquals(samples(4, 1), rest.samples());
            spool.ack(rest);
            assertTrue(spool.next(4).isEmpty());
            assertEquals(0, spool.pending());
        }
    }

    @Test
    void reopen_afterACrashThatCutALineShort_replaysTheWholeLinesOnly_thenRemovesTheSegment() throws Exception {
        try (AgentSpool spool = open(AgentSpool.Limits.DEFAULT)) {
            spool.append(NODE, samples(0, 3));
            spool.ack(spool.next(1).orElseThrow());
        }
        Path segment;
        try (var files = Files.list(home.resolve(AgentSpool.FOLDER))) {
            segment = files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        Files.writeString(segment, "{\"id\":\"n1-1-3-cpu-pack", StandardOpenOption.APPEND); // killed mid-write

        try (AgentSpool spool = open(AgentSpool.Limits.DEFAULT)) {
            assertEquals(2, spool.pending(), "the acknowledged sample and the cut line are not pending");
            AgentSpool.Batch b = spool.next(10).orElseThrow();
            assertEquals(samples(1, 2), b.samples());
            spool.ack(b);
            assertTrue(spool.next(10).isEmpty());
            assertFalse(Files.exists(segment), "a segment acknowledged to its end is removed");
        }
    }

    @Test
    void append_overTheSizeCap_dropsTheOldestSegmentsAndSaysSo() throws Exception {
        AgentSpool.Limits tiny = new AgentSpool.Limits(4_000, Duration.ofDays(7), 1_000);
        try (AgentSpool spool = open(tiny)) {
            for (int i = 0; i < 40; i++) {
                spool.append(NODE, samples(i * 5, 5));
            }
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("dropped ") && n.contains("oldest spooled samples")), notes.toString());
            AgentSpool.Batch first = spool.next(1).orElseThrow();
            assertTrue(first.samples().getFirst().time().isAfter(samples(0, 1).getFirst().time()), "the oldest went first");
            assertTrue(spool.pending() < 200);
            assertEquals(samples(195, 5).getLast(), lastPending(spool));
        }
    }

    private static FleetSample lastPending(AgentSpool spool) throws Exception {
        FleetSample last = null;
        for (var b = spool.next(1000); b.isPresent(); b = spool.next(1000)) {
            last = b.get().samples().getLast();
            spool.ack(b.get());
        }
        return last;
    }

    @Test
    void tryOpen_whileAnotherAgentHoldsIt_isEmpty_andTheFilesArePrivate() throws Exception {
        try (AgentSpool spool = open(AgentSpool.Limits.DEFAULT)) {
            assertTrue(AgentSpool.tryOpen(home, AgentSpool.Limits.DEFAULT, notes::add).isEmpty());
            spool.append(NODE, samples(0, 1));
            Path dir = home.resolve(AgentSpool.FOLDER);
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
                try (var files = Files.list(dir)) {
                    files.forEach(f -> {
                        try {
                            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }
            }
        }
    }

    @Test
    void handOver_whileTheAgentRuns_isPushedByIt() throws Exception {
        try (AgentSpool spool = open(AgentSpool.Limits.DEFAULT)) {
            AgentSpool.handOver(home, NODE, samples(10, 2));
            assertEquals(samples(10, 2), spool.next(10).orElseThrow().samples());
        }
    }
}
