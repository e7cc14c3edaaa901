package dev.greenloop.cli.recommend;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.Settings;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NodeRegistration;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seeds a store with 30 minutes of one node's CPU package drawing 90 W (one sample a minute, ending now), so that its
 * 95 W long-term RAPL limit (the fake powercap tree's) yields a cap-power recommendation at 76 W.
 */
public final class HotPackage {

    private HotPackage() {
    }

    /** Stores the samples in the store of {@code home}, as node {@code node} in zone DE. */
    public static void seed(Path home, String node) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<FleetSample> samples = new ArrayList<>();
        for (int i = 30; i >= 1; i--) {
            samples.add(new FleetSample("s" + i, end.minusSeconds(60L * (i - 1)), 60, "cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED,
                    90 * 60, 90));
        }
        try (Fleet fleet = Fleet.open(Settings.load(Map.of("GREENLOOP_HOME", home.toString())))) {
            fleet.ingest(new NodeRegistration(node, "DE", 1.0, "test box"), samples);
        }
    }
}
