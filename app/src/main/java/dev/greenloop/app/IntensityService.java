package dev.greenloop.app;

import dev.greenloop.carbon.BestWindow;
import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.InvalidTraceException;
import dev.greenloop.carbon.UnknownZoneException;
import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.carbon.forecast.Backtest;
import dev.greenloop.carbon.forecast.Forecast;
import dev.greenloop.carbon.forecast.HourOfWeekForecaster;
import dev.greenloop.carbon.live.AnswerCache;
import dev.greenloop.carbon.live.LiveOptions;
import dev.greenloop.carbon.live.LivePoint;
import dev.greenloop.carbon.live.LiveProvider;
import dev.greenloop.carbon.live.LiveProviderException;
import dev.greenloop.carbon.live.LiveProviders;
import dev.greenloop.carbon.live.MissingCredentialsException;
import dev.greenloop.carbon.live.UnknownProviderException;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.IntensityPoint;
import dev.greenloop.core.IntensityTimeline;
import dev.greenloop.store.ArchivedIntensity;
import dev.greenloop.store.IntensityArchive;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Grid carbon intensity for every front end: the intensity now, history and forecast of a zone from a live
 * provider (by its {@link LiveProviders registry} name) or from a trace, the best window for a job, and the
 * backtest of archived forecasts. Every forecast and actual fetched from a provider is archived in the store.
 *
 * <p>Configuration comes in through the constructor: the environment (provider credentials and base URLs,
 * as {@link LiveProviders#open} reads them) and how to open the archive, which is opened on first use and
 * closed by {@link #close()}. Safe to share between threads (a scheduler loop and a provider's sink, say).
 *
 * <p>Failures: a provider failure is a {@link LiveProviderException} (the message never holds a credential);
 * an unknown provider name an {@link UnknownProviderException}; a missing credential a
 * {@link MissingCredentialsException}; a zone a provider cannot serve, or another bad argument, an
 * {@link IllegalArgumentException} naming it.
 */
public final class IntensityService implements AutoCloseable {

    private final Map<String, String> environment;
    private final Supplier<IntensityArchive> archiveOpener;
    private final Clock clock;
    private IntensityArchive archive;

    /**
     * @param environment where provider credentials and base URLs are read from (a copy is kept)
     * @param archiveOpener opens the store's intensity archive; called at most once, on first use
     * @throws NullPointerException if an argument is null
     */
    public IntensityService(Map<String, String> environment, Supplier<IntensityArchive> archiveOpener) {
        this(environment, archiveOpener, Clock.systemUTC());
    }

    /**
     * @param environment where provider credentials and base URLs are read from (a copy is kept)
     * @param archiveOpener opens the store's intensity archive; called at most once, on first use
     * @param clock the time that cached answers' ages are measured with
     * @throws NullPointerException if an argument is null
     */
    public IntensityService(Map<String, String> environment, Supplier<IntensityArchive> archiveOpener, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.archiveOpener = Objects.requireNonNull(archiveOpener, "archiveOpener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param environment the environment, also naming the store ({@code GREENLOOP_DB}, {@code GREENLOOP_HOME})
     * @return a service archiving in the store that {@link StoreConfig#fromEnvironment(Map)} names
     * @throws dev.greenloop.store.UnsupportedStoreUrlException at once, before any provider is asked, if that store's
     *     URL is not one Greenloop can use
     */
    public static IntensityService of(Map<String, String> environment) {
        StoreConfig store = StoreConfig.fromEnvironment(environment);
        return new IntensityService(environment, () -> Stores.openArchive(store));
    }

    // ---- live providers ------------------------------------------------------------------------------------

    /**
     * Opens a registered provider whose fetched forecasts are archived here.
     *
     * @param name a {@link LiveProviders#names() registered name}, any case
     * @param basis {@code lifecycle} (or {@code lca}) or {@code direct}: Electricity Maps' emission factors
     * @throws UnknownProviderException if no provider has that name
     * @throws MissingCredentialsException naming the first credential variable that is unset or blank
     * @throws IllegalArgumentException if a base URL variable is malformed or the provider rejects the basis
     */
    public LiveProvider provider(String name, String basis) {
        return provider(name, basis, null);
    }

    /**
     * Opens a registered provider whose fetched forecasts are archived here, and whose answers are shared
     * through the store with every other command: an answer fetched (by this process or another) less than
     * {@code refresh} ago is reused, an older one is fetched again and kept with its fetch time.
     *
     * @param name a {@link LiveProviders#names() registered name}, any case
     * @param basis {@code lifecycle} (or {@code lca}) or {@code direct}: Electricity Maps' emission factors
     * @param refresh how old a reused answer may be; {@link Duration#ZERO} to always fetch; null for the
     *     {@link LiveOptions#defaults() defaults} (current values 5 min, forecasts 30 min, history 1 h)
     * @throws UnknownProviderException if no provider has that name
     * @throws MissingCredentialsException naming the first credential variable that is unset or blank
     * @throws IllegalArgumentException if a base URL variable is malformed, the provider rejects the basis, or
     *     {@code refresh} is negative
     */
    public LiveProvider provider(String name, String basis, Duration refresh) {
        LiveOptions options = LiveOptions.defaults();
        if (refresh != null) {
            if (refresh.isNegative()) {
                throw new IllegalArgumentException("refresh must not be negative, was " + refresh);
            }
            options = options.withCacheTtls(refresh, refresh, refresh);
        }
        return LiveProviders.open(name, environment, basis, options, this::keep, new StoredAnswers(), clock);
    }

    /** The providers' answer cache in the store's {@code provider_answer} table, shared by every process. */
    private final class StoredAnswers implements AnswerCache {

        @Override
        public Optional<Answer> find(String key) {
            return archive().answer(key).map(a -> new Answer(a.fetchedAt(), a.body()));
        }

        @Override
        public void keep(String key, Answer answer) {
            archive().keepAnswer(key, new IntensityArchive.Answer(answer.fetchedAt(), answer.body()));
        }
    }

    /**
     * An actual fetched now, with how many points were archived.
     *
     * @param point the provider's value for the current interval
     * @param archived 1 if it was an actual newly archived, else 0
     */
    public record LiveNow(LivePoint point, int archived) {

        /**
         * @param at when the value was asked for
         * @return how long before {@code at} the point's interval ended; zero while it still covers {@code at}
         */
        public Duration age(Instant at) {
            Duration age = Duration.between(point.interval().end(), at);
            return age.isNegative() ? Duration.ZERO : age;
        }

        /** @return whether the point ended more than {@link IntensityService#STALE_AFTER} before {@code at} */
        public boolean stale(Instant at) {
            return age(at).compareTo(STALE_AFTER) > 0;
        }
    }

    /**
     * How long after its interval ended a provider's "current" value may still be shown as the current one (with
     * its age): providers publish with some delay, but a value older than this is stale and is not presented as
     * current.
     */
    public static final Duration STALE_AFTER = Duration.ofHours(2);

    /** @return the provider's value for the zone's current interval; an actual is archived */
    public LiveNow now(LiveProvider provider, String zone) {
        LivePoint p = provider.current(zone);
        return new LiveNow(p, p.isForecast() ? 0 : keep(List.of(p)));
    }

    /**
     * @param hours how many hours from the forecast's first point to keep, or null for all
     * @return the provider's newest forecast (archived by the provider's sink on a fetch), not empty
     * @throws LiveProviderException if the provider fails or answers an empty forecast
     */
    public List<LivePoint> forecast(LiveProvider provider, String zone, Integer hours) {
        List<LivePoint> all = provider.forecast(zone);
        if (all.isEmpty()) {
            throw new LiveProviderException(provider.name() + ": the provider answered an empty forecast for " + zone);
        }
        if (hours == null) {
            return all;
        }
        Instant end = all.getFirst().interval().start().plus(Duration.ofHours(hours));
        return all.stream().filter(p -> p.interval().start().isBefore(end)).toList();
    }

    /**
     * Points starting in a range, with how many actuals were archived.
     *
     * @param points the provider's points in time order
     * @param archived how many of its actuals were new to the archive
     */
    public record LiveHistory(List<LivePoint> points, int archived) {
    }

    /** @return the provider's points that start in {@code [from, to)}; its actuals are archived */
    public LiveHistory history(LiveProvider provider, String zone, Instant from, Instant to) {
        List<LivePoint> points = provider.history(zone, from, to);
        // Only actuals: a forecast value for a past interval, fetched now, is no forecast to score later.
        return new LiveHistory(points, keep(points.stream().filter(p -> !p.isForecast()).toList()));
    }

    /**
     * @return each zone's newest forecast from the provider, as traces in the order of {@code zones}
     * @throws LiveProviderException if the provider fails or a forecast is no usable trace
     */
    public List<IntensityTrace> forecastTraces(LiveProvider provider, List<String> zones) {
        List<IntensityTrace> out = new ArrayList<>();
        for (String z : zones) {
            out.add(trace(provider.forecast(z)));
        }
        return out;
    }

    /**
     * @param points a provider's points of one zone in time order (a forecast, say)
     * @return them as a trace, for the best-window search and the scheduler
     * @throws LiveProviderException if they are fewer than two or have gaps
     */
    public static IntensityTrace trace(List<LivePoint> points) {
        if (points.size() < 2) {
            throw new LiveProviderException("the provider's forecast has %d point(s); at least two are needed to choose a window".formatted(points.size()));
        }
        long[] t = new long[points.size()];
        double[] v = new double[points.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = points.get(i).interval().start().getEpochSecond();
            v[i] = points.get(i).intensity().gramsPerKWh();
        }
        try {
            return IntensityTrace.of(points.getFirst().signal(), t, v, "the provider's forecast for " + points.getFirst().zone(), null);
        } catch (InvalidTraceException e) {
            throw new LiveProviderException(e.getMessage());
        }
    }

    /**
     * Keeps points in the archive (idempotent); actuals are kept too, so that forecasts can later be scored.
     *
     * @return how many were new
     */
    public int keep(List<LivePoint> points) {
        if (points.isEmpty()) {
            return 0;
        }
        return archive().save(points.stream().map(IntensityService::archived).toList());
    }

    /** @return where the archive is, for reports (opens it) */
    public String archiveLocation() {
        return archive().location();
    }

    private synchronized IntensityArchive archive() {
        if (archive == null) {
            archive = archiveOpener.get();
        }
        return archive;
    }

    private static ArchivedIntensity archived(LivePoint p) {
        return new ArchivedIntensity(p.zone(), p.signal().source(), p.signal().kind() + "-" + p.signal().basis(),
                p.isForecast() ? ArchivedIntensity.Kind.FORECAST : ArchivedIntensity.Kind.ACTUAL, p.issuedAt(), p.interval(),
                p.intensity());
    }

    // ---- traces and the built-in table ---------------------------------------------------------------------

    /**
     * The intensity at an instant, with its label.
     *
     * @param point the point covering the instant
     * @param signal its signal
     * @param note why the yearly value was used although a trace was given, or null
     */
    public record Now(IntensityPoint point, CarbonSignal signal, String note) {
    }

    /**
     * @param trace the zone's trace, or null
     * @param zone the zone
     * @param when the instant
     * @return the trace's point at {@code when} if it covers it, else the built-in yearly value (with a note when a
     *     trace was given)
     * @throws UnknownZoneException if the yearly value is needed and the table does not know the zone
     */
    public static Now at(IntensityTrace trace, String zone, Instant when) {
        if (trace != null && trace.indexAt(when) >= 0) {
            return new Now(trace.at(when), trace.signal(), null);
        }
        String note = trace == null ? null
                : "the %s trace covers %s to %s, not %s: yearly value instead".formatted(zone, trace.start(), trace.end(), when);
        IntensityTimeline yearly = ZoneTable.builtIn().timeline(zone);
        return new Now(yearly.at(when), yearly.signal(), note);
    }

    /**
     * Greenloop's hour-of-week forecast.
     *
     * @throws IllegalArgumentException if the forecaster rejects the trace or issue time; the message starts with
     *     {@code forecast for ZONE:}
     */
    public static Forecast forecast(IntensityTrace trace, Instant issuedAt, Duration horizon) {
        try {
            return HourOfWeekForecaster.defaults().forecast(trace, issuedAt, horizon);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("forecast for " + trace.zone() + ": " + e.getMessage(), e);
        }
    }

    // ---- best window ---------------------------------------------------------------------------------------

    /**
     * The best window across zones.
     *
     * @param byZone each zone's best window, in the order of the traces, chosen on the trace or the forecast
     * @param best the lowest of them (the first of equals)
     * @param actualMean with {@code onForecast}: the real mean over the chosen window, or null if the trace does
     *     not cover it; else null
     * @param hindsight with {@code onForecast}: the best window on the real traces that cover the window, or null
     */
    public record Best(List<BestWindow.Choice> byZone, BestWindow.Choice best, Double actualMean, BestWindow.Choice hindsight) {
    }

    /**
     * @param traces one per zone
     * @param from the earliest start
     * @param to the latest end
     * @param duration the job's length
     * @param onForecast choose on Greenloop's forecast issued at {@code from} from each trace's points before it,
     *     and report the real outcome
     * @throws IllegalArgumentException if a zone's window does not fit (the message starts with the zone), or a
     *     forecast cannot be issued
     */
    public static Best best(List<IntensityTrace> traces, Instant from, Instant to, Duration duration, boolean onForecast) {
        List<BestWindow.Choice> picks = new ArrayList<>();
        for (IntensityTrace trace : traces) {
            IntensityTrace chosenOn = onForecast ? forecast(trace, from, Duration.between(from, to).plus(trace.step())).toTrace() : trace;
            picks.add(pick(trace.zone(), chosenOn, from, to, duration));
        }
        BestWindow.Choice best = BestWindow.lowest(picks);
        if (!onForecast) {
            return new Best(picks, best, null, null);
        }
        IntensityTrace bestTrace = traces.get(picks.indexOf(best));
        Double actual = null;
        if (!best.start().isBefore(bestTrace.start()) && !best.start().plus(duration).isAfter(bestTrace.end())) {
            actual = BestWindow.on(bestTrace).mean(best.start(), duration);
        }
        BestWindow.Choice hindsight = null;
        for (IntensityTrace trace : traces) {
            if (!from.isBefore(trace.start()) && !to.isAfter(trace.end())) {
                BestWindow.Choice p = pick(trace.zone(), trace, from, to, duration);
                if (hindsight == null || p.meanGramsPerKWh() < hindsight.meanGramsPerKWh()) {
                    hindsight = p;
                }
            }
        }
        return new Best(picks, best, actual, hindsight);
    }

    private static BestWindow.Choice pick(String zone, IntensityTrace on, Instant from, Instant to, Duration duration) {
        try {
            BestWindow.Choice c = BestWindow.on(on).best(from, to, duration);
            return new BestWindow.Choice(zone, c.signal(), c.start(), c.meanGramsPerKWh());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(zone + ": " + e.getMessage(), e);
        }
    }

    // ---- backtest ------------------------------------------------------------------------------------------

    /**
     * Scores the forecasts archived for a zone and issued in {@code [from, to)} ({@link Backtest}).
     *
     * @param provider a registered provider name whose source to keep, or null
     * @param source only forecasts and actuals whose source contains this text (any case), or null; not with
     *     {@code provider}
     * @param actuals the actuals to score against, read only after the archived forecasts are found; null to use
     *     the archived actuals
     * @throws UnknownProviderException if {@code provider} is not registered
     * @throws IllegalArgumentException if no forecasts are archived for the zone in the range (saying how to fetch
     *     some), or the archived actuals come from several sources
     */
    public Backtest.Result backtest(String zone, Instant from, Instant to, String provider, String source, Supplier<IntensityTrace> actuals) {
        String filter = provider != null ? LiveProviders.named(provider).source() : source;
        IntensityArchive a = archive();
        List<Backtest.Point> forecasts = points(a.forecastsIssued(zone, from, to), filter);
        if (forecasts.isEmpty()) {
            throw new IllegalArgumentException(
                    "no forecasts for %s issued from %s to %s%s in the archive %s; fetch some with 'greenloop intensity forecast --provider P --zone %s'"
                            .formatted(zone, from, to, filter == null ? "" : " from a source containing '" + filter + "'", a.location(), zone));
        }
        if (actuals != null) {
            return Backtest.score(forecasts, actuals.get());
        }
        return Backtest.score(zone, forecasts,
                points(a.actuals(zone, from.minus(Backtest.HISTORY), to.plus(Backtest.HORIZONS.getLast())), filter));
    }

    private static List<Backtest.Point> points(List<ArchivedIntensity> archived, String filter) {
        return archived.stream()
                .filter(p -> filter == null || p.source().toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT)))
                .map(p -> new Backtest.Point(p.source(), p.signal(), p.issuedAt(), p.interval(), p.intensity().gramsPerKWh()))
                .toList();
    }

    /** Closes the archive if it was opened. */
    @Override
    public synchronized void close() {
        if (archive != null) {
            archive.close();
        }
    }
}
