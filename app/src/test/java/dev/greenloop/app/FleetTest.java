package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.ApiToken;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.IngestResult;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.TokenRole;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet's use cases on an SQLite store: input rules, carbon as {@code measure} accounts it, tokens. */
class FleetTest {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final NodeRegistration NODE = new NodeRegistration("node-a", "de", 1.5, "test box");

    @TempDir
    Path home;
    Fleet fleet;

    @BeforeEach
    void open() {
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        fleet = new Fleet(dev.greenloop.store.Stores.openFleet(
                dev.greenloop.store.StoreConfig.fromEnvironment(settings.effectiveEnvironment())), Clock.fixed(T0.plusSeconds(7200), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        fleet.close();
    }

    static FleetSample sample(String id, Instant end, double seconds, String component, Scope scope, double joules) {
        return new FleetSample(id, end, seconds, component, scope, Provenance.MEASURED, joules, joules / seconds);
    }

    static FleetSample good(int i) {
        return sample("s" + i, T0.plusSeconds(i + 1), 1, "psys", Scope.PSYS, 20);
    }

    private FleetInputException refused(NodeRegistration node, List<FleetSample> samples) {
        return assertThrows(FleetInputException.class, () -> fleet.ingest(node, samples));
    }

    private void assertRefused(String field, String inMessage, UnaryOperator<FleetSample> change) {
        List<FleetSample> batch = List.of(good(0), good(1), change.apply(good(2)));
        FleetInputException e = refused(NODE, batch);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(inMessage), e.getMessage());
    }

    private static FleetSample with(FleetSample s, String id, Instant time, double seconds, String component, double joules, double watts) {
        return new FleetSample(id, time, seconds, component, s.scope(), s.provenance(), joules, watts);
    }

    @Test
    void ingest_badSample_namesIndexAndFieldAndStoresNothing() {
        assertRefused("[2].id", "empty", s -> with(s, "", s.time(), 1, "psys", 1, 1));
        assertRefused("[2].id", "control character", s -> with(s, "a\nb", s.time(), 1, "psys", 1, 1));
        assertRefused("[2].id", "at most 128", s -> with(s, "x".repeat(129), s.time(), 1, "psys", 1, 1));
        assertRefused("[2].time", "clock", s -> with(s, "t", T0.plus(Duration.ofDays(1)), 1, "psys", 1, 1));
        assertRefused("[2].time", "clock", s -> with(s, "t", Instant.EPOCH, 1, "psys", 1, 1));
        assertRefused("[2].seconds", "from 0.001 to 3600", s -> with(s, "t", s.time(), 0, "psys", 1, 1));
        assertRefused("[2].seconds", "out of range", s -> with(s, "t", s.time(), 3601, "psys", 1, 1));
        assertRefused("[2].seconds", "out of range", s -> with(s, "t", s.time(), Double.NaN, "psys", 1, 1));
        assertRefused("[2].joules", "out of range", s -> with(s, "t", s.time(), 1, "psys", -1, 1));
        assertRefused("[2].joules", "out of range", s -> with(s, "t", s.time(), 1, "psys", Double.POSITIVE_INFINITY, 1));
        assertRefused("[2].joules", "out of range", s -> with(s, "t", s.time(), 2, "psys", 2_000_001, 1));
        assertRefused("[2].watts", "1000000 W", s -> with(s, "t", s.time(), 1, "psys", 1, 1e6 + 1));
        assertRefused("[2].watts", "out of range", s -> with(s, "t", s.time(), 1, "psys", 1, Double.NaN));
        assertRefused("[2].component", "cpu-package-0", s -> with(s, "t", s.time(), 1, "CPU package", 1, 1));

        assertEquals(List.of(), fleet.totals(), "nothing of a refused push is stored");
        assertEquals(List.of(), fleet.nodes());
    }

    @Test
    void ingest_badNode_namesTheField() {
        FleetInputException zone = refused(new NodeRegistration("n", "XX-NOWHERE", 1.2, "box"), List.of(good(0)));
        assertEquals("zone", zone.field());
        assertTrue(zone.getMessage().contains("XX-NOWHERE"), zone.getMessage());
        assertEquals("pue", refused(new NodeRegistration("n", "DE", 0.9, "box"), List.of(good(0))).field());
        assertEquals("pue", refused(new NodeRegistration("n", "DE", Double.NaN, "box"), List.of(good(0))).field());
        assertEquals("node", refused(new NodeRegistration(" ", "DE", 1.2, "box"), List.of(good(0))).field());
        assertEquals("hardware", refused(new NodeRegistration("n", "DE", 1.2, "a\u0000b"), List.of(good(0))).field());
        assertEquals("samples", refused(NODE, Collections.nCopies(Fleet.MAX_BATCH + 1, good(0))).field());
    }

    @Test
    void ingest_goodSamples_storedWithTheZoneAsTheTableSpellsIt() {
        assertEquals(new IngestResult(2, 1), fleet.ingest(NODE, List.of(good(0), good(1), good(1))));

        assertEquals("DE", fleet.node("node-a").orElseThrow().zone());
    }

    @Test
    void energy_gramsAsMeasureAccounts_countedScopesOnly() {
        // Two hours, one sample a minute: psys 600 J, its package 300 J (part of psys), a GPU 1200 J.
        List<FleetSample> samples = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Instant end = T0.plusSeconds(60L * (i + 1));
            samples.add(sample("p" + i, end, 60, "psys", Scope.PSYS, 600));
            samples.add(sample("c" + i, end, 60, "cpu-package-0", Scope.CPU_PACKAGE, 300));
            samples.add(sample("g" + i, end, 60, "gpu-0", Scope.GPU, 1200));
        }
        fleet.ingest(NODE, samples);

        Fleet.NodeEnergy energy = fleet.energy("node-a", T0.minusSeconds(600), T0.plusSeconds(7200)).orElseThrow();
        double counted = 120 * (600 + 1200);
        assertEquals(counted, energy.totalJoules(), 1e-6);
        assertEquals(List.of("cpu-package-0", "gpu-0", "psys"), energy.components().stream().map(c -> c.name()).toList());
        double gramsPerKWh = ZoneTable.builtIn().find("DE").orElseThrow().gramsPerKWh();
        assertEquals(counted / 3.6e6 * gramsPerKWh * 1.5, energy.grams(), 1e-9);
        assertEquals("DE", energy.zone());
        // The same carbon, kept at ingest, for every scrape.
        assertEquals(List.of("node-a DE"), fleet.emissions().stream().map(e -> e.node() + " " + e.zone()).toList());
        assertEquals(energy.grams(), fleet.emissions().getFirst().grams(), 1e-9);
    }

    @Test
    void energy_badPeriod_namesTheField() {
        assertEquals("from", assertThrows(FleetInputException.class, () -> fleet.energy("n", T0, T0)).field());
        assertEquals("to", assertThrows(FleetInputException.class, () -> fleet.energy("n", T0, T0.plus(Duration.ofDays(367)))).field());
        assertEquals(Optional.empty(), fleet.energy("nobody", T0, T0.plusSeconds(60)));
    }

    @Test
    void power_stepBounds_andUnknownNode() {
        assertEquals("step", assertThrows(FleetInputException.class,
                () -> fleet.power("n", T0, T0.plusSeconds(60), Duration.ofMillis(500))).field());
        assertEquals("step", assertThrows(FleetInputException.class,
                () -> fleet.power("n", T0, T0.plus(Duration.ofDays(1)), Duration.ofSeconds(1))).field());
        assertEquals(Optional.empty(), fleet.power("nobody", T0, T0.plusSeconds(60), Duration.ofSeconds(10)));
        fleet.ingest(NODE, List.of(good(0), good(1)));
        assertEquals(40, fleet.power("node-a", T0, T0.plusSeconds(60), Duration.ofSeconds(60)).orElseThrow().getFirst().steps().getFirst().joules(), 1e-9);
    }

    @Test
    void tokens_secretShownOnceOnlyItsHashStored() {
        Tokens tokens = fleet.tokens();
        Tokens.Created created = tokens.create(TokenRole.AGENT, Optional.of("ci"));

        assertTrue(created.secret().matches("glt_[A-Za-z0-9_-]{43}"), created.secret());
        assertEquals(FleetTokens.hash(created.secret()), created.token().hash());
        assertFalse(tokens.list().toString().contains(created.secret().substring(4)));
        assertEquals(Optional.of(created.token()), tokens.authenticate(created.secret()));
        assertEquals(Optional.empty(), tokens.authenticate(created.secret() + "x"));
        assertEquals(Optional.empty(), tokens.authenticate("Bearer " + created.secret()));
        assertThrows(IllegalArgumentException.class, () -> tokens.create(TokenRole.ADMIN, Optional.of("ci")));
        assertThrows(IllegalArgumentException.class, () -> tokens.create(TokenRole.ADMIN, Optional.of("a b")));

        ApiToken revoked = tokens.revoke("ci").orElseThrow();
        assertFalse(revoked.valid());
        assertEquals(Optional.empty(), tokens.authenticate(created.secret()));
        Tokens.Created unnamed = tokens.create(TokenRole.VIEWER, Optional.empty());
        assertTrue(unnamed.token().name().startsWith("viewer-"), unnamed.token().name());
        assertTrue(unnamed.token().valid());
    }

    @Test
    void open_settings_opensTheStoreInTheHome() {
        try (Fleet other = Fleet.open(Settings.load(Map.of("GREENLOOP_HOME", home.toString())))) {
            other.ping();
            assertTrue(other.location().endsWith("greenloop.db"), other.location());
        }
    }
}
