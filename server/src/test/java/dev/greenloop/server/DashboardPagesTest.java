package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneIntensities;
import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Energy;
import dev.greenloop.core.Interval;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.JobPlan;
import dev.greenloop.store.JobProgress;
import dev.greenloop.store.JobSpec;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.ProfileStore;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunKind;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import dev.greenloop.store.Stores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs, grid, models and compare pages over HTTP, on stored data set up here; auth off (loopback), so no sign-in. */
class DashboardPagesTest {

    private static final Instant NOW = TestServer.NOW;

    @TempDir
    Path home;

    private final FakeRecords records = new FakeRecords();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private GreenloopServer server;
    private ZoneIntensities intensities;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** DE hourly from 24 h before now to 24 h after: 300 g/kWh, but 100 from 6 h to 4 h before now and from 5 h to 7 h after. */
    private static IntensityTrace trace() {
        long[] t = new long[48];
        double[] v = new double[48];
        for (int i = 0; i < 48; i++) {
            Instant at = NOW.minus(Duration.ofHours(24 - i));
            t[i] = at.getEpochSecond();
            long h = Duration.between(NOW, at).toHours();
            v[i] = h >= -6 && h < -4 || h >= 5 && h < 7 ? 100 : 300;
        }
        return IntensityTrace.of(new CarbonSignal("DE", "average", "lifecycle", "hourly", "test trace"), t, v, "test", null);
    }

    private void start(boolean withTrace) {
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "DE"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        intensities = ZoneIntensities.of(withTrace ? Map.of("DE", trace()) : Map.of(), Map.of(),
                () -> Stores.openArchive(StoreConfig.fromEnvironment(Map.of("GREENLOOP_HOME", home.toString()))), clock);
        FakeFleetStore store = new FakeFleetStore();
        server = GreenloopServer.start(new ServerContext(new Fleet(store), TestServer.options(false, "127.0.0.1", ServerOptions.Limits.DEFAULT), clock,
                new FakeTokens(store), records, () -> "disabled", System.err::println, intensities, new ServerMetrics()), settings);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static StoredRun run(long id, String node, Map<String, String> tags, Instant start, Instant end, double joules, RunCarbon carbon) {
        NewRun s = new NewRun("train-" + id, List.of("python", "train.py"), tags, start, new NodeInfo(node, "DE", "x86", 1.0), RunKind.MEASURE);
        RunComponent c = new RunComponent("cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, "RAPL", "", Energy.ofJoules(joules),
                Energy.ofJoules(joules), Energy.ofJoules(joules), Energy.ofJoules(joules));
        return new StoredRun(id, s, RunStatus.FINISHED, Optional.of(new RunOutcome(end, 0, List.of(c), carbon)));
    }

    @Test
    void runs_listsJobWithPlannedAndActualStart_intensityAtRunTime_andSavings() throws Exception {
        // The job ran 6 h to 5 h before now at 100 g/kWh, 1 kWh; at submission (10 h before now) it would have run at 300.
        Instant ran = NOW.minus(Duration.ofHours(6));
        StoredRun jobRun = run(7, "node-a", Map.of("team", "search"), ran, ran.plus(Duration.ofHours(1)), 3.6e6,
                new RunCarbon("DE", 100, "average-lifecycle-hourly", "test trace", 1.0, 100, 90));
        JobSpec spec = new JobSpec("job-1", "nightly-train", NOW.minus(Duration.ofHours(10)), 60, NOW, 1000, false, 0, 0, List.of("DE"), List.of("train"));
        JobPlan plan = new JobPlan("DE", List.of(new Interval(ran.minus(Duration.ofMinutes(5)), ran.plus(Duration.ofMinutes(55)))), 120, 300,
                NOW.minus(Duration.ofHours(10)));
        records.jobs.add(new Records.Job(new StoredJob(spec, JobProgress.QUEUED.withPlan(plan).withState("done").withOutcome(7L, 0), 3, NOW),
                null, jobRun));
        records.runs.add(jobRun);
        records.runs.add(run(8, "node-b", Map.of("team", "ads"), NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)), 7200, null));
        start(true);

        HttpResponse<String> r = get("/runs");
        assertEquals(200, r.statusCode(), r.body());
        String body = r.body();
        assertTrue(body.contains("nightly-train") && body.contains("job-1"), body);
        assertTrue(body.contains("2026-12-05 05:55<"), "planned start: " + body);
        assertTrue(body.contains("2026-12-05 06:00<") && body.contains("(+5 min)"), "actual start, 5 min late: " + body);
        assertTrue(body.contains("1.00 kWh"), "energy: " + body);
        assertTrue(body.contains("100 g/kWh"), "intensity at run time: " + body);
        assertTrue(body.contains("180 g <span class=\"badge badge-modelled\""), "planned saving 300 - 120 on the forecast: " + body);
        assertTrue(body.contains(">200 g</span>"), "actual saving 1 kWh x (300 - 100): " + body);
        assertTrue(body.contains("train-8") && body.contains("2.00 Wh"), body);
        assertTrue(body.contains("aria-current=\"page\">Runs</a>"), body);

        String adsOnly = get("/runs?tag=team%3Dads").body();
        assertTrue(adsOnly.contains("train-8") && !adsOnly.contains("train-7"), adsOnly);
        assertTrue(adsOnly.contains("No job matches these filters."), adsOnly);
        String nodeA = get("/runs?node=node-a&status=finished").body();
        assertTrue(nodeA.contains("train-7") && !nodeA.contains("train-8"), nodeA);
    }

    @Test
    void runs_pagesOfFifty_andABadPageNamesTheValue() throws Exception {
        for (long id = 1; id <= 60; id++) {
            records.runs.add(run(id, "node-a", Map.of(), NOW.minus(Duration.ofMinutes(100 - id)), NOW.minus(Duration.ofMinutes(99 - id)), 60, null));
        }
        start(false);
        String first = get("/runs").body();
        assertTrue(first.contains("60 runs, page 1 of 2") && first.contains("train-60") && !first.contains("train-10<"), first);
        String second = get("/runs?page=2").body();
        assertTrue(second.contains("page 2 of 2") && second.contains("train-10<") && !second.contains("train-60"), second);
        assertTrue(second.contains("No job is scheduled."), second);
        HttpResponse<String> bad = get("/runs?page=zero");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("page 'zero' is not a page number"), bad.body());
    }

    @Test
    void grid_drawsEachZone_andFindsTheBestWindowAhead() throws Exception {
        start(true);
        HttpResponse<String> r = get("/grid?minutes=90");
        assertEquals(200, r.statusCode(), r.body());
        String body = r.body();
        assertTrue(body.contains("Best 90-minute windows"), body);
        // The dip from 17:00 to 19:00: a 90-minute window there means 100 g/kWh.
        assertTrue(body.contains("2026-12-05 17:00<") && body.contains("2026-12-05 18:30<"), body);
        assertTrue(body.contains("best-mean\" data-label=\"Mean intensity\">100 g/kWh"), body);
        // The next 24 h: 2 h at 100 and 22 at 300.
        assertTrue(body.contains("283 g/kWh"), body);
        assertTrue(body.contains("class=\"grid-data\"") && body.contains("\"best\":[" + NOW.plus(Duration.ofHours(5)).getEpochSecond()), body);
        assertTrue(body.contains("/assets/pages/grid.js"), body);
        HttpResponse<String> js = get("/assets/pages/grid.js");
        assertEquals(200, js.statusCode());
        assertEquals(400, get("/grid?minutes=-5").statusCode());
    }

    @Test
    void grid_withoutZones_saysHowToServeOne() throws Exception {
        start(false);
        String body = get("/grid").body();
        assertTrue(body.contains("This server serves no grid zone") && body.contains("--trace DE="), body);
    }

    private void storeProfiles() {
        try (ProfileStore store = Stores.openProfiles(new StoreConfig(Optional.empty(), home))) {
            store.save("lab profile", List.of(profile("fp32", true, 0.5, 1.0, "C"), profile("int8", false, 0.2, 0.99, "A"),
                    profile("int4", false, 0.25, 0.95, "B")));
        }
    }

    private static NewProfile profile(String variant, boolean reference, double joulesPerQuery, double cosine, String label) {
        return new NewProfile(NOW, "server", "MiniLM", variant, "threads=1 workers=1 batch=1 spin=off", 1, 1, 1, 1, false, "ALL", 20, false, "abc",
                reference, variant, 1, 0.01, joulesPerQuery, Provenance.MEASURED, 4.5, 6.25, 5, 100, 1, 1e9, 17, 0, 1, OptionalLong.empty(),
                OptionalDouble.of(cosine), OptionalDouble.of(cosine), OptionalDouble.empty(), 0, OptionalDouble.empty(), 0, label);
    }

    @Test
    void models_showsProfilesLabelsAndTheParetoFrontier() throws Exception {
        storeProfiles();
        start(false);
        HttpResponse<String> r = get("/models");
        assertEquals(200, r.statusCode(), r.body());
        String body = r.body();
        assertTrue(body.contains("Result 1: MiniLM on 20 texts"), body);
        assertTrue(body.contains("200 mJ") && body.contains("500 mJ") && body.contains("250 mJ"), body);
        assertTrue(body.contains("0.99000") && body.contains("label-A"), body);
        // fp32 and int8 are on the frontier; int4 uses more energy than int8 for less quality.
        assertEquals(2, body.split("★ on the frontier", -1).length - 1, body);
        assertTrue(body.contains("data:image/svg+xml;base64,"), body);
        assertTrue(body.contains("/compare?profile=2&amp;queries-per-day=10000"), body);
        assertEquals(404, get("/models?result=9").statusCode());
    }

    @Test
    void models_empty_saysWhichCommandStoresProfiles() throws Exception {
        start(false);
        String body = get("/models").body();
        assertTrue(body.contains("No profiles stored: run <code>greenloop lab profile"), body);
    }

    @Test
    void compare_profile_ranksAllThreeClouds_withSources() throws Exception {
        storeProfiles();
        start(false);
        HttpResponse<String> r = get("/compare?profile=2&queries-per-day=10000&payload-bytes=2048");
        assertEquals(200, r.statusCode(), r.body());
        String body = r.body();
        assertTrue(body.contains("profile 2 (MiniLM int8"), body);
        assertTrue(body.contains("ranked by carbon"), body);
        for (String p : List.of("on-premises (server)", "aws:m5.xlarge@us-east-1", "gcp:n2-standard-4@europe-west3", "azure:D4_v4@westeurope")) {
            assertTrue(body.contains(p), p + ": " + body);
        }
        // On-premises: 0.2 J x 10000 = 2000 J = 5.56e-04 kWh, measured, as the command prints it.
        assertTrue(body.contains(">5.56e-04<"), body);
        assertTrue(body.contains("coefficients-gcp-use.csv") && body.contains("coefficients-azure-embodied.csv"), body);
        assertFalse(body.contains("class=\"error\""), body);
    }

    @Test
    void compare_badInput_isA400PageNamingTheValue() throws Exception {
        start(false);
        HttpResponse<String> word = get("/compare?run=abc");
        assertEquals(400, word.statusCode());
        assertTrue(word.body().contains("run &#39;abc&#39; is not a whole number"), word.body());
        HttpResponse<String> missing = get("/compare?profile=99&queries-per-day=10");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("--profile 99: no such profile"), missing.body());
        String form = get("/compare").body();
        assertTrue(form.contains("Give a run") && form.contains("method=\"get\" action=\"/compare\""), form);
    }
}
