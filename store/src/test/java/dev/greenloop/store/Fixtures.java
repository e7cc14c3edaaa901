package dev.greenloop.store;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs, outcomes and samples with awkward values: unicode, quotes, spaces, millisecond times, inexact doubles. */
final class Fixtures {

    static final NodeInfo NODE = new NodeInfo("gpu-box-01", "DE", "AMD EPYC 7B13, 2 CPUs, 24 GiB", 1.58);
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

    private Fixtures() {
    }

    static NewRun newRun(String name, Instant startedAt) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("zeta", "last key first");
        tags.put("model", "llama-3.1-8b");
        tags.put("équipe", "vision ✓");
        tags.put("alpha", "");
        return new NewRun(name, List.of("python", "train.py", "--name", "it's a \"quoted\" run", "  spaced  ",
                "日本語 ünïcödé 🚀", "", "back\\slash", "tab\tand\nnewline"), tags, startedAt, NODE);
    }

    static RunOutcome outcome(Instant endedAt, int exitCode) {
        return new RunOutcome(endedAt, exitCode, List.of(
                new RunComponent("psys", Scope.PSYS, Provenance.MEASURED, "/sys/class/powercap/intel-rapl:1", "",
                        Energy.ofJoules(0.1 + 0.2), Energy.ofJoules(0.1 + 0.2), Energy.ofJoules(0.1 + 0.2),
                        Energy.ofJoules(1e-300)),
                new RunComponent("cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED,
                        "/sys/class/powercap/intel-rapl:0", "psys", Energy.ofJoules(Math.PI), Energy.ofJoules(Math.PI),
                        Energy.ofJoules(Math.PI), Energy.ofJoules(Math.E)),
                new RunComponent("gpu-0", Scope.GPU, Provenance.MODELLED, "NVIDIA H100 80GB HBM3 (TDP model)", "",
                        Energy.ofJoules(123456.789), Energy.ofJoules(100000.5), Energy.ofJoules(1.7976931348623157e308),
                        Energy.ofJoules(98765.4321))),
                new RunCarbon("DE", 380.123456789, "average-lifecycle-yearly", "Ember 2024", 1.58, 0.0123456789,
                        1.0 / 3.0));
    }

    static List<SampleRow> samples(Instant start, String component, int count) {
        SampleRow[] rows = new SampleRow[count];
        for (int i = 0; i < count; i++) {
            rows[i] = new SampleRow(start.plusMillis(100L * i + 7), component, 41.5 + i / 3.0, 0.1 * i,
                    i % 2 == 0 ? Provenance.MEASURED : Provenance.DERIVED);
        }
        return List.of(rows);
    }
}
