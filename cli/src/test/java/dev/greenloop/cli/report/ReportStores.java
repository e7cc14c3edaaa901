package dev.greenloop.cli.report;

import dev.greenloop.app.RunStores;
import dev.greenloop.app.Settings;
import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.ServedTraffic;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The stores the report's tests report on, written into a Greenloop home: five runs from 2026-03-01 to 2026-03-02 (on
 * node {@code a}, DE, PUE 1.2: two overlapping runs on 2026-03-01, measured CPU and modelled DRAM, then measured CPU; on
 * node {@code b}, FR: one derived GPU run on 2026-03-02; one run of {@code a} before the period and one still running),
 * and the disclosure's extras: lab profiles, served traffic and a training run. For {@code ReportCommandTest} and the
 * dashboard's report page test.
 */
public final class ReportStores {

    /** The start of the first run. */
    public static final Instant T = Instant.parse("2026-03-01T01:00:00Z");

    private ReportStores() {
    }

    /** Stores the five runs. */
    public static void seedRuns(Path home) {
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        NodeInfo a = new NodeInfo("a", "DE", "box a", 1.2);
        NodeInfo b = new NodeInfo("b", "FR", "box b", 1.0);
        try (Store store = RunStores.open(settings, note -> { })) {
            run(store, a, T, 3600, Map.of("team", "search", "queries", "1000"), 400, 1.2,
                    comp("cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, "", 3.6e6, 3.6e6, 3.6e6),
                    comp("core-0", Scope.CORE, Provenance.MEASURED, "cpu-package-0", 2e6, 2e6, 2e6),
                    comp("dram-0", Scope.DRAM, Provenance.MODELLED, "", 0.36e6, 0.3e6, 0.5e6));
            run(store, a, T.plusSeconds(1800), 5400, Map.of("team", "search", "queries", "500"), 200, 1.2,
                    comp("cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, "", 1.8e6, 1.8e6, 1.8e6));
            run(store, b, Instant.parse("2026-03-02T00:00:00Z"), 7200, Map.of("team", "ads"), 100, 1.0,
                    comp("gpu-0", Scope.GPU, Provenance.DERIVED, "", 7.2e6, 7.2e6, 7.2e6));
            run(store, a, Instant.parse("2026-02-28T12:00:00Z"), 600, Map.of("team", "search"), 50, 1.2,
                    comp("cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, "", 1e6, 1e6, 1e6));
            store.startRun(new NewRun("still going", List.of("sleep"), Map.of(), T.plusSeconds(600), a));
        }
    }

    /**
     * Stores lab profiles of MiniLM measured in the period (fp32 at 36 J, int8 at 9 J, int4 at 18 J per query, one result),
     * 1,000 queries served with int8 and 100 with fp32, and a training run on b tagged with its FLOPs.
     */
    public static void seedDisclosure(Path home) {
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        StoreConfig config = StoreConfig.fromEnvironment(settings.effectiveEnvironment());
        Instant at = Instant.parse("2026-03-01T06:00:00Z");
        try (var profiles = Stores.openProfiles(config)) {
            profiles.save("lab profile", List.of(profile(at, "fp32", 36), profile(at, "int8", 9), profile(at, "int4", 18)));
        }
        try (var traffic = Stores.openServedTraffic(config)) {
            traffic.record(List.of(new ServedTraffic("a", "MiniLM", "int8", at, at.plusSeconds(300), 1000, 10, 9000,
                    Provenance.MEASURED, 1, 1000), new ServedTraffic("a", "MiniLM", "fp32", at, at.plusSeconds(300), 100, 1, 3600,
                    Provenance.MEASURED, 0.4, 100)));
        }
        try (Store store = RunStores.open(settings, note -> { })) {
            run(store, new NodeInfo("b", "FR", "box b", 1.0), Instant.parse("2026-03-02T06:00:00Z"), 3 * 3600, Map.of("kind", "training", "flops", "2.5e18"), 50, 1.0,
                    comp("gpu-0", Scope.GPU, Provenance.DERIVED, "", 3.6e6, 3.6e6, 3.6e6));
        }
    }

    static NewProfile profile(Instant at, String variant, double joulesPerQuery) {
        return new NewProfile(at, "a", "MiniLM", variant, "threads=1", 1, 1, 1, 1, false, "ALL", 20, false, "abc", variant.equals("fp32"),
                variant, 1, 0.01, joulesPerQuery, Provenance.MEASURED, 4.5, 6.25, 5, 100, 1, 1e9, 17, 0, 1, OptionalLong.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 0, OptionalDouble.empty(), 0, "A");
    }

    public static RunComponent comp(String name, Scope scope, Provenance p, String partOf, double j, double min, double max) {
        return new RunComponent(name, scope, p, "", partOf, Energy.ofJoules(j), Energy.ofJoules(min), Energy.ofJoules(max), Energy.ofJoules(0));
    }

    static void run(Store store, NodeInfo node, Instant start, long seconds, Map<String, String> tags, double grams, double pue, RunComponent... cs) {
        long id = store.startRun(new NewRun("job", List.of("job"), tags, start, node));
        store.finishRun(id, new RunOutcome(start.plusSeconds(seconds), 0, List.of(cs),
                new RunCarbon(node.zone(), 300, "average-lifecycle-hourly", "test trace 2026", pue, grams, 0)));
    }
}
