package dev.greenloop.app;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.store.AnomalyStore;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoredAnomaly;
import dev.greenloop.store.Stores;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Online anomaly detection on the fleet's ingest: every power series (node × component, with its scope) and every
 * energy-per-work series (the energy of each completed run, per node and run name). {@link Fleet#ingest} feeds it
 * once it is {@link Fleet#watch watched}.
 *
 * <p><b>Rules.</b> Each series has the {@link dev.greenloop.aiops.AnomalyDetector} of the default parameters and a
 * baseline: a moving mean and mean absolute deviation of its normal points ({@link AnomalyRules#alpha}). A point is
 * outside the normal band when it is further from the baseline than the largest of {@code deviations} mean absolute
 * deviations, {@code relative} × the baseline and {@code absolute}. An anomaly opens on a point outside the band that
 * the detector scores at its detection threshold or more, or on {@code confirm} such points in a row; consecutive
 * points outside the band extend it, and {@code recover} points back inside close it. It is a <em>spike</em> while
 * it has at most {@code spikePoints} points, else a <em>level shift</em>; a level shift that lasts
 * {@code adoptPoints} points closes and its level becomes the baseline. <em>Drift</em>: the baseline moves away from
 * a slow reference ({@code referenceAlpha}) by more than the band, with no single point outside it. <em>Idle
 * waste</em> (power series): the node is known to run no work (a node that records runs, with none running), and the
 * power stays above the idle floor (the lowest baseline the series settled at) by more than
 * {@code max(idleMarginWatts, idleMarginShare × floor)} for {@code idleWindow}.
 *
 * <p><b>State</b> is per series, in memory, per server process: a replica sees the series it ingests. Anomalies are
 * written to the store with an id derived from node, series and start (an idempotent upsert), on a writer thread of
 * their own, at opening, at most every {@link #UPDATE_EVERY} while open, and at closing. An opening is told to the log
 * (one line) and to the webhook, if one is set. Nothing here blocks ingest: the writer and the webhook have bounded
 * queues, and what they cannot take is dropped and counted.
 *
 * <p>Safe for use by many threads at once.
 */
public final class AnomalyWatch implements AutoCloseable {

    /** How often an open anomaly is written again. */
    public static final Duration UPDATE_EVERY = Duration.ofSeconds(10);

    /** Whether work is attributed to a node now. */
    public enum Activity {
        /** a run is going on it */
        BUSY,
        /** it records runs, and none is going on */
        IDLE,
        /** it records no runs: idle waste is not judged */
        UNKNOWN
    }

    /** Tells whether work is attributed to a node; called on the ingest path, so it must answer from memory. */
    @FunctionalInterface
    public interface Work {
        /** Knows of no work anywhere: idle waste is never judged. */
        Work UNKNOWN = node -> Activity.UNKNOWN;

        /** @return what the node is doing now */
        Activity activity(String node);
    }

    private final AnomalyStore store;
    private final AnomalyRules power;
    private final AnomalyRules perJob;
    private final Work work;
    private final Clock clock;
    private final Consumer<String> log;
    private final AnomalyWebhook webhook;
    private final Outbox<StoredAnomaly> writer;
    private final Map<String, Map<String, Watched>> series = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> opened = new ConcurrentHashMap<>();
    private final AutoCloseable extra;

    /**
     * @param store where anomalies are kept; closed by {@link #close()}
     * @param power the rules for power series
     * @param work whether work is attributed to a node
     * @param webhook where openings are POSTed, if anywhere
     * @param log the server's log, one line per call
     */
    public AnomalyWatch(AnomalyStore store, AnomalyRules power, Work work, Optional<URI> webhook, Consumer<String> log, Clock clock) {
        this(store, power, work, webhook.map(u -> new AnomalyWebhook(u, log)).orElse(null), log, clock, null);
    }

    AnomalyWatch(AnomalyStore store, AnomalyRules power, Work work, AnomalyWebhook webhook, Consumer<String> log, Clock clock,
            AutoCloseable extra) {
        this.store = store;
        this.power = power;
        this.perJob = AnomalyRules.ENERGY_PER_JOB;
        this.work = work;
        this.clock = clock;
        this.log = log;
        this.webhook = webhook;
        this.extra = extra;
        this.writer = new Outbox<>("greenloop-anomaly-writer", 10_000, this::write, log);
        for (String kind : StoredAnomaly.KINDS) {
            opened.put(kind, new AtomicLong());
        }
    }

    /**
     * The webhook to use: {@code flag} if given, else {@value #WEBHOOK_VARIABLE}'s value in the settings'
     * environment, checked, so that a front end refuses a bad one before it opens anything.
     *
     * @param flag the {@code --anomaly-webhook} flag's value, if given
     * @return the URL, empty when neither gives one
     * @throws IllegalArgumentException naming where it was given, the value and the fix, unless it is an http or https
     *     URL with a host
     */
    public static Optional<URI> webhook(Settings settings, Optional<String> flag) {
        Optional<String> url = flag.isPresent() ? flag
                : Optional.ofNullable(settings.effectiveEnvironment().get(WEBHOOK_VARIABLE)).filter(s -> !s.isBlank());
        String origin = flag.isPresent() ? "--anomaly-webhook" : WEBHOOK_VARIABLE;
        return url.map(u -> AnomalyWebhook.parse(origin, u));
    }

    /**
     * Opens the anomaly store that the settings name, with the power rules, runs in the run store as the work on each
     * node (read every 15 s on a thread of its own, which also feeds each newly ended run's energy to its
     * energy-per-job series), and the webhook if given.
     *
     * @param webhook where openings and closings are POSTed, if anywhere ({@link #webhook(Settings, Optional)})
     * @throws dev.greenloop.store.StoreException if the store cannot be opened
     */
    public static AnomalyWatch open(Settings settings, Optional<URI> webhook, Consumer<String> log) {
        AnomalyStore store = Stores.openAnomalies(StoreConfig.fromEnvironment(settings.effectiveEnvironment()));
        RunActivity runs = new RunActivity(() -> RunStores.open(settings, note -> { }), log);
        AnomalyWatch watch = new AnomalyWatch(store, AnomalyRules.POWER, runs, webhook.map(u -> new AnomalyWebhook(u, log)).orElse(null), log,
                Clock.systemUTC(), runs);
        runs.start(watch);
        return watch;
    }

    /** The environment variable that names the webhook when the flag does not. */
    public static final String WEBHOOK_VARIABLE = "GREENLOOP_ANOMALY_WEBHOOK";

    /**
     * Feeds a node's newly ingested samples, each to its component's power series. Never throws for a sample: one out
     * of order for its series (a replay) is skipped. Cheap: a map lookup and O(1) arithmetic per sample.
     */
    public void observe(String node, List<FleetSample> samples) {
        Map<String, Watched> components = series.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
        Activity activity = work.activity(node);
        int busy = activity == Activity.BUSY ? 1 : activity == Activity.IDLE ? 0 : -1;
        for (FleetSample s : samples) {
            Watched w = components.get(s.component());
            if (w == null) {
                w = components.computeIfAbsent(s.component(), c -> new Watched(node, c + " power", c, s.scope().label(), "W",
                        new SeriesWatch(power, true)));
            }
            w.step(s.start(), s.time(), s.watts(), busy);
        }
    }

    /**
     * Feeds the energy of a run that ended to the series of its node and name.
     *
     * @param joules its energy, finite and &ge; 0
     */
    public void completedRun(String node, String name, Instant start, Instant end, double joules) {
        Map<String, Watched> components = series.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
        String key = "job:" + name;
        Watched w = components.computeIfAbsent(key, c -> new Watched(node, "energy per job '" + name + "'", "", "", "J",
                new SeriesWatch(perJob, false)));
        w.step(start, end, joules, -1);
    }

    /**
     * @return the stored anomalies, newest first: see {@link AnomalyStore#list}
     * @throws IllegalArgumentException if {@code limit} is out of range or {@code to} is before {@code from}
     */
    public List<StoredAnomaly> list(Optional<String> node, Optional<Instant> from, Optional<Instant> to, Optional<Boolean> open, int limit) {
        return store.list(node, from, to, open, limit);
    }

    /** @return the stored anomaly with that id */
    public Optional<StoredAnomaly> find(String id) {
        return store.find(id);
    }

    /** @return anomalies this process opened, by kind, in kind order */
    public Map<String, Long> openedByKind() {
        Map<String, Long> out = new TreeMap<>();
        opened.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** @return webhook events sent, failed after every try, and dropped on a full queue; all 0 without a webhook */
    public Map<String, Long> webhookCounts() {
        return webhook == null ? Map.of("sent", 0L, "failed", 0L, "dropped", 0L)
                : Map.of("sent", webhook.sent(), "failed", webhook.failed(), "dropped", webhook.dropped());
    }

    /** @return anomaly writes dropped because the writer's queue was full */
    public long writesDropped() {
        return writer.dropped();
    }

    /** One watched series: its state, under its own lock, and where its anomalies are told. */
    private final class Watched {
        final String node;
        final String name;
        final String component;
        final String scope;
        final String unit;
        final SeriesWatch state;
        final SeriesWatch.Change[] changes = new SeriesWatch.Change[2];
        Instant deviationWritten = Instant.MIN;
        Instant idleWritten = Instant.MIN;
        String deviationKind = "";

        Watched(String node, String name, String component, String scope, String unit, SeriesWatch state) {
            this.node = node;
            this.name = name;
            this.component = component;
            this.scope = scope;
            this.unit = unit;
            this.state = state;
        }

        synchronized void step(Instant start, Instant end, double value, int busy) {
            state.step(start, end, value, busy, changes);
            if (changes[0] != SeriesWatch.Change.NONE) {
                SeriesWatch.Episode e = state.deviationEpisode();
                // A spike that became a level shift is written at once, not at the next update.
                boolean kindChanged = !e.kind.equals(deviationKind);
                deviationKind = e.kind;
                deviationWritten = told(changes[0], e, kindChanged ? Instant.MIN : deviationWritten);
            }
            if (changes[1] != SeriesWatch.Change.NONE) {
                idleWritten = told(changes[1], state.idleEpisode(), idleWritten);
            }
        }

        private Instant told(SeriesWatch.Change change, SeriesWatch.Episode e, Instant written) {
            Instant now = clock.instant();
            if (change == SeriesWatch.Change.UPDATED && written != Instant.MIN && now.isBefore(written.plus(UPDATE_EVERY))) {
                return written;
            }
            StoredAnomaly a = anomaly(this, e, now);
            writer.offer(a);
            if (change == SeriesWatch.Change.OPENED) {
                opened.get(a.kind()).incrementAndGet();
                log.accept(logLine(a, e, unit));
                if (webhook != null) {
                    webhook.send(event("anomaly.opened", a));
                }
            } else if (change == SeriesWatch.Change.CLOSED && webhook != null) {
                webhook.send(event("anomaly.closed", a));
            }
            return now;
        }
    }

    private StoredAnomaly anomaly(Watched w, SeriesWatch.Episode e, Instant now) {
        String id = UUID.nameUUIDFromBytes((w.node + '\n' + w.name + '\n' + e.start.toEpochMilli()).getBytes(StandardCharsets.UTF_8)).toString();
        double score = Math.min(1, Math.max(0, e.score));
        return new StoredAnomaly(id, w.node, w.name, w.component, w.scope, e.kind, e.start, e.end, !e.closed, score,
                evidence(e, w.unit), now);
    }

    /** The evidence object: see docs/anomalies.md. */
    static String evidence(SeriesWatch.Episode e, String unit) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("unit", unit);
            g.writeNumberField("baseline", round(e.baseline));
            g.writeNumberField("band", round(e.band));
            g.writeNumberField("observed", round(e.observed()));
            g.writeNumberField("peak", round(e.peak));
            g.writeNumberField("points", e.points);
            g.writeNumberField("window_seconds", Math.max(0, e.end.toEpochMilli() - e.start.toEpochMilli()) / 1000.0);
            if (e.kind.equals("idle_waste")) {
                g.writeNumberField("excess_joules", round(e.excessJoules));
            }
            g.writeEndObject();
        });
    }

    /** The webhook's JSON body: {@code event}, then the fields of {@link #toJson}. */
    static String event(String event, StoredAnomaly a) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("event", event);
            fields(g, a);
            g.writeEndObject();
        });
    }

    /**
     * @return the anomaly as the API and the webhook write it (docs/anomalies.md): {@code id, node, series, component,
     *     scope, kind, start, end, open, score, evidence} (an object) and {@code dashboard}, its page's path
     */
    public static String toJson(StoredAnomaly a) {
        return json(g -> {
            g.writeStartObject();
            fields(g, a);
            g.writeEndObject();
        });
    }

    private static void fields(JsonGenerator g, StoredAnomaly a) throws IOException {
        g.writeStringField("id", a.id());
        g.writeStringField("node", a.node());
        g.writeStringField("series", a.series());
        g.writeStringField("component", a.component());
        g.writeStringField("scope", a.scope());
        g.writeStringField("kind", a.kind());
        g.writeStringField("start", a.start().toString());
        g.writeStringField("end", a.end().toString());
        g.writeBooleanField("open", a.open());
        g.writeNumberField("score", round(a.score()));
        g.writeFieldName("evidence");
        g.writeRawValue(a.evidence());
        g.writeStringField("dashboard", "/anomalies/" + a.id());
    }

    /** The log line of an opening. */
    static String logLine(StoredAnomaly a, SeriesWatch.Episode e, String unit) {
        return "greenloop server: anomaly opened: %s on %s %s since %s: %s %s against a baseline of %s %s (score %.2f) /anomalies/%s"
                .formatted(a.kind(), a.node(), a.series(), a.start(), fmt(e.observed()), unit, fmt(e.baseline), unit, a.score(), a.id());
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private interface JsonWriting {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(JsonWriting body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = SampleJson.JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to a string", e);
        }
        return out.toString();
    }

    private void write(StoredAnomaly a) {
        store.save(a);
    }

    /** Writes what is queued (up to 5 s), stops the webhook (up to 5 s) and closes the store. */
    @Override
    public void close() {
        try {
            if (extra != null) {
                extra.close();
            }
        } catch (Exception e) {
            log.accept("greenloop server: anomaly watch: " + e.getMessage());
        } finally {
            writer.close();
            if (webhook != null) {
                webhook.close();
            }
            store.close();
        }
    }
}
