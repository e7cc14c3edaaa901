package dev.greenloop.bench;

import dev.greenloop.app.Disclosure;
import dev.greenloop.app.DisclosureHtml;
import dev.greenloop.app.DisclosureJson;
import dev.greenloop.app.ReportRequest;
import dev.greenloop.app.Reporting;
import dev.greenloop.app.RunStores;
import dev.greenloop.app.Settings;
import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.report.RunJson;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.Store;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report benchmark of docs/report.md, in process on the default store (SQLite in a scratch {@code GREENLOOP_HOME}):
 * {@code NODES} nodes, each with {@code RUNS_PER_DAY} finished runs a day over {@code DAYS} days (3 components each: a
 * measured CPU package, a modelled DRAM, a derived GPU). Then it times {@link Reporting#report} of the whole span, and
 * its JSON and HTML rendering, {@code ROUNDS} times after 2 warm-up calls.
 *
 * <p>Usage: {@code ReportQueries DIR NODES DAYS RUNS_PER_DAY ROUNDS}. Run by {@code bench/report.sh}.
 */
public final class ReportQueries {

    private ReportQueries() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ReportQueries DIR NODES DAYS RUNS_PER_DAY ROUNDS");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        int nodes = Integer.parseInt(args[1]);
        int days = Integer.parseInt(args[2]);
        int perDay = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", dir.toString()));
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = from.plus(Duration.ofDays(days));
        long t0 = System.nanoTime();
        int stored = 0;
        try (Store store = RunStores.open(settings, note -> { })) {
            for (int d = 0; d < days; d++) {
                for (int n = 0; n < nodes; n++) {
                    NodeInfo node = new NodeInfo("node-" + n, n % 2 == 0 ? "DE" : "FR", "bench", 1.2);
                    for (int k = 0; k < perDay; k++) {
                        Instant start = from.plus(Duration.ofDays(d)).plus(Duration.ofMinutes((long) k * 24 * 60 / perDay));
                        long id = store.startRun(new NewRun("batch", List.of("batch"), Map.of("queries", "1000"), start, node));
                        store.finishRun(id, new RunOutcome(start.plus(Duration.ofMinutes(20)), 0, List.of(
                                comp("cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, 60_000 + n),
                                comp("dram-0", Scope.DRAM, Provenance.MODELLED, 6_000),
                                comp("gpu-0", Scope.GPU, Provenance.DERIVED, 120_000 + k)), new RunCarbon(node.zone(), 300, "average", "bench", 1.2, 16 + n % 7, 0)));
                        stored++;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "stored %,d runs (%d nodes x %d days x %d a day) in %.1f s%n", stored, nodes, days, perDay,
                (System.nanoTime() - t0) / 1e9);
        ReportRequest request = new ReportRequest(from, to, List.of(), Map.of(), ReportRequest.FunctionalUnit.QUERY, List.of(),
                Map.of("node-0", 1200.0), ReportRequest.DEFAULT_LIFE_YEARS, "bench");
        for (int i = 0; i < 2; i++) {
            render(Reporting.report(settings, request, null, note -> { }));
        }
        double[] seconds = new double[rounds];
        double[] renderSeconds = new double[rounds];
        Disclosure last = null;
        for (int i = 0; i < rounds; i++) {
            long a = System.nanoTime();
            last = Reporting.report(settings, request, null, note -> { });
            long b = System.nanoTime();
            render(last);
            seconds[i] = (b - a) / 1e9;
            renderSeconds[i] = (System.nanoTime() - b) / 1e9;
        }
        java.util.Arrays.sort(seconds);
        java.util.Arrays.sort(renderSeconds);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "report of %,d runs: median %.2f s, max %.2f s (read and compute); JSON + HTML: median %.2f s; heap used %d MiB of max %d MiB%n",
                last.runs(), seconds[rounds / 2], seconds[rounds - 1], renderSeconds[rounds / 2], (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    }

    private static RunComponent comp(String name, Scope scope, Provenance p, double joules) {
        Energy e = Energy.ofJoules(joules);
        Energy lo = p == Provenance.MODELLED ? Energy.ofJoules(joules * 0.8) : e;
        Energy hi = p == Provenance.MODELLED ? Energy.ofJoules(joules * 1.3) : e;
        return new RunComponent(name, scope, p, "", "", e, lo, hi, Energy.ofJoules(0));
    }

    private static void render(Disclosure d) throws Exception {
        StringWriter w = new StringWriter();
        try (var g = RunJson.generator(w)) {
            DisclosureJson.write(g, d);
        }
        if (w.getBuffer().isEmpty() || DisclosureHtml.render(d).isEmpty()) {
            throw new IllegalStateException("empty report");
        }
    }
}
