package dev.greenloop.report;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Interval;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.JobEvent;
import dev.greenloop.store.JobPlan;
import dev.greenloop.store.JobProgress;
import dev.greenloop.store.JobSpec;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Small runs and jobs for the codecs' tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-22T02:15:00.120Z");

    private Fixtures() {
    }

    static NewRun start(String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "search");
        tags.put("stage", "a,b");
        return new NewRun(name, List.of("python", "train.py", "--epochs", "2"), tags, T0, new NodeInfo("node-1", "DE", "2x Xeon", 1.2));
    }

    static RunOutcome outcome() {
        List<RunComponent> components = List.of(
                new RunComponent("cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, "intel-rapl:0", "", j(100), j(100), j(100), j(40)),
                new RunComponent("core-0", Scope.CORE, Provenance.MEASURED, "intel-rapl:0:0", "cpu-package-0", j(60), j(60), j(60), j(30)),
                new RunComponent("dram-0", Scope.DRAM, Provenance.MODELLED, "DRAM model", "", j(20), j(15), j(30), j(5)));
        return new RunOutcome(T0.plusMillis(2500), 0, components,
                new RunCarbon("DE", 400, "average-lifecycle-yearly", "Ember 2023", 1.2, 0.016, 0.006));
    }

    static StoredRun finished() {
        return new StoredRun(7, start("train \"small\""), RunStatus.FINISHED, Optional.of(outcome()));
    }

    static StoredRun running() {
        return new StoredRun(8, start("serve"), RunStatus.RUNNING, Optional.empty());
    }

    static StoredJob job(boolean planned) {
        JobSpec spec = new JobSpec("j1", "nightly", T0, 90, T0.plusSeconds(86_400), 300, true, 15, 30, List.of("DE", "FR"), List.of("make", "all"));
        JobPlan plan = new JobPlan("FR", List.of(new Interval(T0.plusSeconds(3600), T0.plusSeconds(9000))), 12.5, Double.NaN, T0.plusSeconds(1));
        JobProgress progress = planned ? new JobProgress("done", plan, "local", "4242", 1, null, 5400, 7L, 0) : JobProgress.QUEUED;
        return new StoredJob(spec, progress, 3, T0);
    }

    static List<JobEvent> events() {
        return List.of(new JobEvent("j1", T0, null, "queued", "submitted"), new JobEvent("j1", T0.plusSeconds(1), "queued", "planned", "FR"));
    }

    static Energy j(double joules) {
        return Energy.ofJoules(joules);
    }

    /** @return what {@code body} prints */
    static String printed(Consumer<PrintWriter> body) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            body.accept(out);
        }
        return text.toString();
    }
}
