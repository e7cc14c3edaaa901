package dev.greenloop.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.core.Provenance;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.ProfileStore;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop serve replay}: a day of requests on a trace, from stored profiles; and its usage errors. */
class ServeReplayCommandTest {

    @TempDir
    Path home;
    private Path trace;
    private Path counts;

    private static NewProfile profile(String variant, boolean reference, double joules, double cosine) {
        return new NewProfile(Instant.parse("2026-12-01T00:00:00Z"), "lab-box", "all-minilm-l6-v2", variant, "threads=1 workers=1 batch=1 spin=off", 1,
                1, 1, 1, false, "ALL", 200, false, "abc", reference, variant, 3, 0.004, joules, Provenance.MODELLED, 4.5, 6.25, 200, 180, 1, 1e9, 17, 0,
                1_000_000, OptionalLong.empty(), OptionalDouble.of(cosine), OptionalDouble.of(cosine - 0.01), OptionalDouble.empty(), 0,
                OptionalDouble.empty(), 0, "C");
    }

    @BeforeEach
    void data() throws Exception {
        try (ProfileStore profiles = Stores.openProfiles(StoreConfig.fromEnvironment(Map.of("GREENLOOP_HOME", home.toString())))) {
            profiles.save("lab profile", List.of(profile("fp32", true, 0.05, 1.0), profile("int8", false, 0.02, 0.995)));
        }
        // 100 g/kWh but 500 from 12:00 to 14:00; 6 requests an hour.
        StringBuilder t = new StringBuilder("Time,Carbon Intensity\n");
        StringBuilder c = new StringBuilder("timestamp,value\n");
        for (int h = 0; h <= 24; h++) {
            t.append("2020-06-%02d %02d:00:00,%d\n".formatted(10 + h / 24, h % 24, h == 12 || h == 13 ? 500 : 100));
            if (h < 24) {
                c.append("2014-04-16 %02d:00:00,6\n".formatted(h));
            }
        }
        trace = Files.writeString(home.resolve("de.csv"), t);
        counts = Files.writeString(home.resolve("counts.csv"), c);
    }

    private Cli.Result replay(String... more) {
        return replayOf("fp32,int8", more);
    }

    private Cli.Result replayOf(String variants, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("serve", "replay", "--model", "all-minilm-l6-v2", "--variants", variants, "--zone", "DE",
                "--trace", trace.toString(), "--day", "2020-06-10", "--requests", counts.toString(), "--requests-day", "2014-04-16"));
        args.addAll(List.of(more));
        return Cli.inProcess(home).run(args.toArray(String[]::new));
    }

    @Test
    void replay_dirtyMiddayOnInt8_printsBothAndTheSaving() {
        Cli.Result r = replay("--quality-floor", "0.99", "--dirty-above", "300");
        assertEquals(0, r.exitCode(), r.stderr());
        // always fp32: 144 × 0.05 J = 7.2 J = 2e-6 kWh; carbon-aware: 132 × 0.05 + 12 × 0.02 = 6.84 J = 1.9e-6 kWh
        assertTrue(r.stdout().matches("(?s).*always best\\s+144\\s+fp32=144\\s+0\\.000002000\\s.*"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*carbon-aware\\s+144\\s+fp32=\\d+ int8=12\\s+0\\.000001900\\s.*"), r.stdout());
        // carbon, × 3.6e6: always fp32 132 × 0.05 × 100 + 12 × 0.05 × 500 = 960; carbon-aware 660 + 12 × 0.02 × 500 = 780; saved 180 / 960
        assertTrue(r.stdout().contains("saved: 5.00 % of the energy, 18.75 % of the carbon; 2 switches"), r.stdout());
        assertTrue(r.stdout().contains("modelled"), r.stdout());
    }

    @Test
    void replay_badInput_exit2NamingIt() {
        Cli.Result inert = replay("--quality-floor", "0.999", "--dirty-above", "300");
        assertEquals(0, inert.exitCode(), inert.stderr());
        assertTrue(inert.stdout().contains("note: no variant cheaper than fp32 keeps mean cosine to fp32 >= 0.999"), inert.stdout());
        Cli.Result floor = replayOf("int8", "--quality-floor", "0.999", "--dirty-above", "300");
        assertEquals(2, floor.exitCode(), floor.stderr());
        assertTrue(floor.stderr().contains("--quality-floor 0.999: no served variant keeps it; the best, int8, has mean cosine to fp32 0.99500"),
                floor.stderr());
        Cli.Result day = Cli.inProcess(home).run("serve", "replay", "--model", "all-minilm-l6-v2", "--variants", "fp32,int8", "--zone", "DE", "--trace",
                trace.toString(), "--day", "June", "--requests", counts.toString(), "--requests-day", "2014-04-16", "--quality-floor", "0.99",
                "--dirty-above", "300");
        assertEquals(2, day.exitCode());
        assertTrue(day.stderr().contains("--day 'June'"), day.stderr());
        Cli.Result rule = replay("--quality-floor", "0.99");
        assertEquals(2, rule.exitCode());
        assertTrue(rule.stderr().contains("either --dirty-above G"), rule.stderr());
        assertFalse(rule.stderr().contains("Exception"), rule.stderr());
    }
}
