package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.PlacementEstimate;
import dev.greenloop.core.Provenance;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.ProfileStore;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparingTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @TempDir
    Path home;

    private static NewProfile profile(String node, double cpuSecondsPerQuery, double joulesPerQuery) {
        return new NewProfile(T0, node, "MiniLM", "int8", "threads=1 workers=1 batch=1 spin=off", 1, 1, 1, 1, false, "ALL", 20, false, "abc", true,
                "int8", 1, cpuSecondsPerQuery, joulesPerQuery, Provenance.MEASURED, 4.5, 6.25, 5, 100, 1, 1e9, 17, 0, 1, OptionalLong.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 0, OptionalDouble.empty(), 0, "A");
    }

    private Comparing.Request request(OptionalLong profile, OptionalLong queries, OptionalLong edgeProfile) {
        return new Comparing.Request(OptionalLong.empty(), profile, queries, OptionalDouble.of(2048), List.of("aws:m5.xlarge@eu-north-1"),
                OptionalDouble.empty(), edgeProfile, OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    }

    @Test
    void compare_profile_scalesByQueriesPerDayWithCloudFromCpuSeconds() {
        try (ProfileStore store = Stores.openProfiles(new StoreConfig(Optional.empty(), home))) {
            store.save("lab profile", List.of(profile("server", 0.0123, 0.456)));
            store.save("lab profile", List.of(profile("pi", 0.05, 0.2)));
        }
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "DE"));
        var c = Comparing.compare(settings, request(OptionalLong.of(1), OptionalLong.of(10_000), OptionalLong.of(2)), note -> { });
        assertEquals(3, c.ranked().size());
        PlacementEstimate onPrem = find(c.ranked(), "on-premises");
        assertEquals(0.456 * 10_000 / 3.6e6, onPrem.energyKWh().low(), 1e-15);
        assertEquals(1.0, onPrem.pue());
        assertTrue(onPrem.sources().stream().anyMatch(s -> s.contains("assumed")), onPrem.sources().toString());
        assertEquals(4.5, onPrem.latencyMs().low());
        assertEquals(6.25, onPrem.latencyMs().high());
        assertEquals("measured", onPrem.provenance());

        PlacementEstimate cloud = find(c.ranked(), "cloud");
        double vcpuHours = 0.0123 * 10_000 / 3600;
        assertEquals(0.645 * vcpuHours / 1000, cloud.energyKWh().low(), 1e-15);
        assertEquals((4.115 * vcpuHours + 16 * 0.392 * vcpuHours / 4) / 1000, cloud.energyKWh().high(), 1e-15);
        assertEquals(2048 * 10_000 / 1e9 * 0.06, cloud.networkKWh().high(), 1e-15);

        PlacementEstimate edge = find(c.ranked(), "edge");
        assertEquals(0.2 * 10_000 / 3.6e6, edge.energyKWh().low(), 1e-15);
        assertEquals("measured", edge.provenance());
        assertTrue(edge.name().contains("pi"), edge.name());
    }

    @Test
    void compare_unknownProfile_namesItAndTheListCommand() {
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "DE"));
        var e = assertThrows(CompareInputException.class,
                () -> Comparing.compare(settings, request(OptionalLong.of(7), OptionalLong.of(10), OptionalLong.empty()), note -> { }));
        assertTrue(e.getMessage().contains("--profile 7") && e.getMessage().contains("greenloop lab profiles"), e.getMessage());
    }

    private static PlacementEstimate find(List<PlacementEstimate> ranked, String kind) {
        return ranked.stream().filter(e -> e.kind().equals(kind)).findFirst().orElseThrow();
    }
}
