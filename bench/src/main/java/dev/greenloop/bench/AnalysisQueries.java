package dev.greenloop.bench;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.PowerAnalysis;
import dev.greenloop.app.WorkSpan;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The power analysis benchmark of docs/analysis.md, in process on the default store (SQLite in a scratch
 * {@code GREENLOOP_HOME}): one node with 4 components, the 4 weeks before the analysed day at 10 s samples (967,680
 * samples) and the day itself at 1 s samples (345,600), 48 finished runs in the day. Then it times
 * {@link PowerAnalysis#analyse} of the day (with its 4-week baseline) and {@link PowerAnalysis#daily} of the day,
 * {@code ROUNDS} times each after 5 warm-up calls.
 *
 * <p>Usage: {@code AnalysisQueries DIR ROUNDS}. Run by {@code bench/analysis.sh}.
 */
public final class AnalysisQueries {

    private static final String[][] COMPONENTS = {{"cpu-package-0", "cpu-package"}, {"dram-0", "dram"}, {"cpu-package-1", "cpu-package"},
        {"gpu-0", "gpu"}};

    private AnalysisQueries() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: AnalysisQueries DIR ROUNDS");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        Instant day = Instant.parse("2026-01-15T00:00:00Z");
        Instant end = day.plus(Duration.ofDays(1));
        StoreConfig config = StoreConfig.fromEnvironment(Map.of("GREENLOOP_HOME", dir.toString()));
        try (Fleet fleet = new Fleet(Stores.openFleet(config), Clock.fixed(end, ZoneOffset.UTC))) {
            long t0 = System.nanoTime();
            int stored = store(fleet, day.minus(Duration.ofDays(28)), day, 10) + store(fleet, day, end, 1);
            System.out.printf(Locale.ROOT, "stored %,d samples in %.1f s%n", stored, (System.nanoTime() - t0) / 1e9);
            List<WorkSpan> runs = new ArrayList<>();
            for (int k = 0; k < 48; k++) {
                Instant start = day.plus(Duration.ofMinutes(30L * k));
                runs.add(new WorkSpan(WorkSpan.Kind.RUN, Integer.toString(k), "batch", start, Optional.of(start.plus(Duration.ofMinutes(12))),
                        OptionalDouble.of(40_000), Map.of("queries", "1000", "team", k % 2 == 0 ? "a" : "b")));
            }
            PowerAnalysis analysis = new PowerAnalysis(fleet);
            time("analyse one day of 1 s samples with its 4-week baseline", rounds, () -> analysis.analyse("node-0", day, end, runs).orElseThrow());
            time("daily summary of that day", rounds, () -> analysis.daily("node-0", day, end, runs).orElseThrow());
        }
    }

    /** Stores samples every {@code seconds} of 4 components over {@code [from, to)}, in batches of the ingest's limit. */
    private static int store(Fleet fleet, Instant from, Instant to, int seconds) {
        NodeRegistration node = new NodeRegistration("node-0", "DE", 1.2, "bench");
        List<FleetSample> batch = new ArrayList<>(Fleet.MAX_BATCH);
        int count = 0;
        for (long s = 0; from.plusSeconds(s).isBefore(to); s += seconds) {
            Instant t = from.plusSeconds(s + seconds);
            for (String[] c : COMPONENTS) {
                double watts = 20 + (s / 60 % 60) / 3.0 + (s % 7);
                batch.add(new FleetSample(from.getEpochSecond() + "-" + s + "-" + c[0], t, seconds, c[0], Scope.fromLabel(c[1]),
                        Provenance.MEASURED, watts * seconds, watts));
                if (batch.size() == Fleet.MAX_BATCH) {
                    count += fleet.ingest(node, batch).stored();
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            count += fleet.ingest(node, batch).stored();
        }
        return count;
    }

    private static void time(String what, int rounds, Runnable call) {
        for (int i = 0; i < 5; i++) {
            call.run();
        }
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%s: median %.0f ms, p95 %.0f ms, slowest %.0f ms (%d rounds)%n", what, ms[rounds / 2],
                ms[(int) Math.ceil(rounds * 0.95) - 1], ms[rounds - 1], rounds);
    }
}
