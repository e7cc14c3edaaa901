package dev.greenloop.cli.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.IntensityService;
import dev.greenloop.cli.Cli;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import dev.greenloop.testfixtures.FakeProviderApi;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live providers' answer cache is shared through the store: a second command reuses what the first fetched
 * while it is younger than that command's {@code --refresh} (or the default), and fetches again once it is older.
 * In process, against a local fake NESO that counts requests.
 */
class ProviderCacheIT {

    @TempDir
    Path home;

    private final FakeProviderApi api;
    private final Instant slot0 = Instant.now().truncatedTo(ChronoUnit.HOURS);

    ProviderCacheIT() throws IOException {
        api = new FakeProviderApi();
    }

    @BeforeEach
    void routes() {
        StringBuilder sb = new StringBuilder("{\"data\":[");
        for (int i = 0; i < 8; i++) {
            Instant a = slot0.plus(Duration.ofMinutes(30L * i));
            sb.append(i > 0 ? "," : "").append("{\"from\":\"%sZ\",\"to\":\"%sZ\",\"intensity\":{\"forecast\":%d,\"actual\":null,\"index\":\"low\"}}"
                    .formatted(a.toString().substring(0, 16), a.plus(Duration.ofMinutes(30)).toString().substring(0, 16), 300 - 10 * i));
        }
        String body = sb.append("]}").toString();
        api.route("/intensity/", r -> FakeProviderApi.Answer.ok(body));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Map<String, String> env() {
        return Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_NESO_URL", api.baseUrl().toString());
    }

    private Cli cli() {
        Cli cli = Cli.inProcess(home);
        env().forEach(cli::env);
        return cli;
    }

    private long requests() {
        return api.count("/intensity/");
    }

    @Test
    void forecast_twiceAgainstOneHome_fetchesOnce_theSecondCommandReusesTheStoredAnswer() {
        Cli.Result first = cli().run("intensity", "forecast", "--provider", "neso", "--zone", "GB", "--json");
        Cli.Result second = cli().run("intensity", "forecast", "--provider", "neso", "--zone", "GB", "--json");

        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(0, second.exitCode(), second.stderr());
        assertEquals(1, requests());
        assertEquals(first.stdout(), second.stdout());
    }

    @Test
    void scheduleRun_afterIntensityForecast_plansOnTheStoredForecastWithoutFetching() {
        assertEquals(0, cli().run("intensity", "forecast", "--provider", "neso", "--zone", "GB").exitCode());

        Cli.Result run = cli().run("schedule", "run", "--provider", "neso", "--zone", "GB", "--refresh", "5m", "--once");

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(1, requests());
    }

    @Test
    void forecast_storedAnswerSixMinutesOld_reusedByDefault_fetchedAgainWithRefresh5m() {
        // Another command fetched six minutes ago: its answer is in the store with that fetch time.
        Clock sixMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        try (IntensityService earlier = new IntensityService(env(), () -> Stores.openArchive(StoreConfig.fromEnvironment(env())),
                sixMinutesAgo)) {
            earlier.forecast(earlier.provider("neso", "lifecycle"), "GB", null);
        }
        assertEquals(1, requests());

        Cli.Result byDefault = cli().run("intensity", "forecast", "--provider", "neso", "--zone", "GB");
        assertEquals(0, byDefault.exitCode(), byDefault.stderr());
        assertEquals(1, requests(), "6 minutes old is within the default 30 minutes");

        Cli.Result refreshed = cli().run("intensity", "forecast", "--provider", "neso", "--zone", "GB", "--refresh", "5m");
        assertEquals(0, refreshed.exitCode(), refreshed.stderr());
        assertEquals(2, requests(), "6 minutes old is older than --refresh 5m");

        Cli.Result again = cli().run("intensity", "forecast", "--provider", "neso", "--zone", "GB", "--refresh", "5m");
        assertEquals(0, again.exitCode(), again.stderr());
        assertEquals(2, requests(), "the new answer is young");
    }

    @Test
    void now_twiceAgainstOneHome_fetchesOnce_withinItsFiveMinutes() {
        Instant half = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String current = "{\"data\":[{\"from\":\"%sZ\",\"to\":\"%sZ\",\"intensity\":{\"forecast\":150,\"actual\":140,\"index\":\"low\"}}]}"
                .formatted(half.minus(Duration.ofMinutes(10)).toString().substring(0, 16), half.plus(Duration.ofMinutes(20)).toString().substring(0, 16));
        api.route("/intensity", r -> FakeProviderApi.Answer.ok(current));

        Cli.Result first = cli().run("intensity", "now", "--provider", "neso", "--zone", "GB", "--json");
        Cli.Result second = cli().run("intensity", "now", "--provider", "neso", "--zone", "GB", "--json");

        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(0, second.exitCode(), second.stderr());
        assertEquals(1, api.count("/intensity"));
        assertTrue(second.stdout().contains("\"value\" : 140.0"), second.stdout());
    }

    @Test
    void forecast_refreshZero_alwaysFetches() {
        cli().run("intensity", "forecast", "--provider", "neso", "--zone", "GB", "--refresh", "0");
        Cli.Result r = cli().run("intensity", "forecast", "--provider", "neso", "--zone", "GB", "--refresh", "0");

        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(2, requests());
    }

    @Test
    void refresh_withoutProvider_exits2SayingItGoesWithProvider() {
        Cli.Result r = cli().run("intensity", "now", "--zone", "DE", "--refresh", "5m");

        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--refresh 5m goes with --provider"), r.stderr());
        Cli.Result backtest = cli().run("intensity", "backtest", "--provider", "neso", "--zone", "GB", "--from", "2026-01-01",
                "--to", "2026-01-02", "--refresh", "5m");
        assertEquals(2, backtest.exitCode(), backtest.stderr());
        assertTrue(backtest.stderr().contains("backtest reads the archive and fetches nothing"), backtest.stderr());
        assertEquals(0, requests());
    }

    @Test
    void refresh_notADuration_exits2NamingIt() {
        Cli.Result r = cli().run("intensity", "forecast", "--provider", "neso", "--zone", "GB", "--refresh", "soon");

        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--refresh: 'soon' is not a duration"), r.stderr());
        Cli.Result negative = cli().run("intensity", "forecast", "--provider", "neso", "--zone", "GB", "--refresh", "-5m");
        assertEquals(2, negative.exitCode(), negative.stderr());
        assertTrue(negative.stderr().contains("--refresh: '-5m' is negative"), negative.stderr());
        assertEquals(0, requests());
    }
}
