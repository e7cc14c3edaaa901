package dev.greenloop.cli;

import dev.greenloop.app.Settings;
import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.InvalidTraceException;
import dev.greenloop.carbon.live.ArchiveSink;
import dev.greenloop.carbon.live.ElectricityMapsProvider;
import dev.greenloop.carbon.live.LiveOptions;
import dev.greenloop.carbon.live.LivePoint;
import dev.greenloop.carbon.live.LiveProvider;
import dev.greenloop.carbon.live.LiveProviderException;
import dev.greenloop.carbon.live.MissingCredentialsException;
import dev.greenloop.carbon.live.NesoProvider;
import dev.greenloop.carbon.live.WattTimeProvider;
import dev.greenloop.store.ArchivedIntensity;
import dev.greenloop.store.IntensityArchive;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live providers behind {@code intensity ... --provider P}, each wired to the store's forecast archive.
 *
 * <p>Credentials come from the environment ({@code ELECTRICITYMAPS_TOKEN}, {@code WATTTIME_USERNAME},
 * {@code WATTTIME_PASSWORD}). For tests and mirrors, {@code GREENLOOP_NESO_URL}, {@code GREENLOOP_ELECTRICITYMAPS_URL}
 * and {@code GREENLOOP_WATTTIME_URL} replace the providers' public base URLs. The archive is the store of
 * {@code GREENLOOP_DB} / {@code GREENLOOP_HOME}, as for {@code runs}; it is opened on the first point to keep.
 */
final class IntensityProviders implements AutoCloseable {

    /** The names {@code --provider} takes. */
    static final List<String> NAMES = List.of("neso", "electricitymaps", "watttime");

    private final Map<String, String> env;
    private IntensityArchive archive;

    IntensityProviders(Map<String, String> env) {
        this.env = env;
    }

    /** @return providers reading the process environment and the config file */
    static IntensityProviders fromEnvironment() {
        return new IntensityProviders(Settings.current().effectiveEnvironment());
    }

    /**
     * @param name {@code neso}, {@code electricitymaps} or {@code watttime}, any case
     * @param basis {@code lifecycle} or {@code direct}: Electricity Maps' emission factors; the others have one basis
     * @throws UsageException for an unknown name, a bad base URL, or a missing credential (naming the variable)
     */
    LiveProvider open(String name, String basis) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        ArchiveSink sink = this::archiveForecast;
        LiveOptions options = LiveOptions.defaults();
        try {
            return switch (n) {
                case "neso" -> new NesoProvider(baseUrl("GREENLOOP_NESO_URL", NesoProvider.DEFAULT_BASE_URL), options, sink);
                case "electricitymaps" -> {
                    String token = env.get(ElectricityMapsProvider.TOKEN_VARIABLE);
                    if (token == null || token.isBlank()) {
                        throw new MissingCredentialsException("Electricity Maps", ElectricityMapsProvider.TOKEN_VARIABLE,
                                "an API token from the Electricity Maps portal");
                    }
                    yield new ElectricityMapsProvider(baseUrl("GREENLOOP_ELECTRICITYMAPS_URL", ElectricityMapsProvider.DEFAULT_BASE_URL),
                            token.strip(), basis.toLowerCase(Locale.ROOT), options, sink);
                }
                case "watttime" -> {
                    for (String v : List.of(WattTimeProvider.USERNAME_VARIABLE, WattTimeProvider.PASSWORD_VARIABLE)) {
                        if (env.get(v) == null || env.get(v).isBlank()) {
                            throw new MissingCredentialsException("WattTime", v, "the account registered with WattTime");
                        }
                    }
                    yield new WattTimeProvider(baseUrl("GREENLOOP_WATTTIME_URL", WattTimeProvider.DEFAULT_BASE_URL),
                            env.get(WattTimeProvider.USERNAME_VARIABLE), env.get(WattTimeProvider.PASSWORD_VARIABLE), options, sink);
                }
                default -> throw new UsageException("--provider: '%s' is not one of %s".formatted(name, String.join(", ", NAMES)));
            };
        } catch (MissingCredentialsException e) {
            throw new UsageException("--provider " + n + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--provider " + n + ": " + e.getMessage());
        }
    }

    private URI baseUrl(String variable, URI fallback) {
        String v = env.get(variable);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            URI u = URI.create(v.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new UsageException("%s: '%s' is not a base URL such as http://127.0.0.1:8080".formatted(variable, v));
        }
    }

    /** Keeps a fetched forecast; the provider calls it before returning the forecast. */
    private void archiveForecast(List<LivePoint> points) {
        keep(points);
    }

    /**
     * Keeps points in the archive (idempotent); actuals are kept too, so that forecasts can later be scored
     * against them ({@code intensity backtest}).
     *
     * @return how many were new
     */
    int keep(List<LivePoint> points) {
        if (points.isEmpty()) {
            return 0;
        }
        return archive().save(points.stream().map(IntensityProviders::archived).toList());
    }

    /** @return the archive of this store, opened on first use */
    synchronized IntensityArchive archive() {
        if (archive == null) {
            archive = Stores.openArchive(StoreConfig.fromEnvironment(env));
        }
        return archive;
    }

    static ArchivedIntensity archived(LivePoint p) {
        return new ArchivedIntensity(p.zone(), p.signal().source(), p.signal().kind() + "-" + p.signal().basis(),
                p.isForecast() ? ArchivedIntensity.Kind.FORECAST : ArchivedIntensity.Kind.ACTUAL, p.issuedAt(), p.interval(),
                p.intensity());
    }

    /**
     * @param points a provider's points of one zone in time order (a forecast, say)
     * @return them as a trace, for the best-window search
     * @throws UsageException if they are too few or have gaps
     */
    static IntensityTrace trace(List<LivePoint> points) {
        if (points.size() < 2) {
            throw new ProviderFailure("the provider's forecast has %d point(s); at least two are needed to choose a window".formatted(points.size()));
        }
        long[] t = new long[points.size()];
        double[] v = new double[points.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = points.get(i).interval().start().getEpochSecond();
            v[i] = points.get(i).intensity().gramsPerKWh();
        }
        String zone = points.getFirst().zone();
        try {
            return IntensityTrace.of(points.getFirst().signal(), t, v,
                    "the provider's forecast for " + zone, null);
        } catch (InvalidTraceException e) {
            throw new ProviderFailure(e.getMessage());
        }
    }

    /**
     * Runs a provider call, turning its failures into what the CLI reports: an unknown zone is a usage error
     * (exit 2); a provider failure is exit 1 with the provider's message (never a credential, never a stack trace).
     */
    static <T> T call(String provider, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (MissingCredentialsException e) {
            throw new UsageException("--provider " + provider + ": " + e.getMessage());
        } catch (LiveProviderException e) {
            throw new ProviderFailure(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--provider " + provider + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (archive != null) {
            archive.close();
        }
    }

    /** A live provider failed (exit 1); the message is the provider's, without credentials. */
    static final class ProviderFailure extends RuntimeException {
        ProviderFailure(String message) {
            super(message);
        }
    }
}
