package dev.greenloop.app;

import dev.greenloop.meter.Discovery;
import dev.greenloop.meter.Meter;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.Sample;
import dev.greenloop.meter.Sampler;
import dev.greenloop.meter.Workload;
import dev.greenloop.meter.proc.Procfs;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NodeRegistration;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The node agent: samples this node with the meter every interval and pushes each interval of each component to a
 * Greenloop server ({@code POST /api/v1/nodes/{node}/samples}), until {@link #stop()}.
 *
 * <p>Every sample is written to the spool in {@code $GREENLOOP_HOME/agent-spool/} and forced to disk before it is
 * pushed, and removed only once the server answered 2xx; so a server that is away, restarted or killed, or an agent
 * that is killed, loses at most the interval being sampled. While the server cannot be reached the agent keeps
 * sampling and spooling, and tries again with exponential back-off and jitter (capped at 30 s, or the server's
 * {@code Retry-After}); it replays the spool in order when the server is back, and at start what an earlier agent
 * left. Each sample's id ({@code <node>-<agent start epoch ms>-<sequence>-<component>}) lets the server skip what it
 * already has, so a replay never counts twice. A batch the server refuses as invalid (400, 413) is kept in
 * {@code agent-spool/dead-letter.jsonl} and the agent goes on; a token refused (401, 403) ends the agent.
 *
 * <p>Status lines (connected, spooling, replayed) go to the {@code status} consumer; the token never does.
 */
public final class Agent {

    /** The longest wait between two tries while the server is away. */
    static final Duration BACKOFF_CAP = Duration.ofSeconds(30);

    /**
     * What the agent needs from its front end.
     *
     * @param server the server's base URL ({@link #serverUri})
     * @param token the agent's bearer token; sent to the server only
     * @param node this node's name on the server
     * @param interval the sampling interval, at least {@link MeterConfig#MIN_INTERVAL}
     */
    public record Options(URI server, String token, String node, Duration interval) {

        /** @throws IllegalArgumentException if the token or node is blank or the interval too short */
        public Options {
            Objects.requireNonNull(server, "server");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("no token: give --token or set GREENLOOP_TOKEN (a token of role agent)");
            }
            if (node == null || node.isBlank()) {
                throw new IllegalArgumentException("the node name is blank: give --node NAME");
            }
            if (interval.compareTo(MeterConfig.MIN_INTERVAL) < 0) {
                throw new IllegalArgumentException("sampling interval " + interval + " is shorter than " + MeterConfig.MIN_INTERVAL);
            }
        }

        /** Never shows the token. */
        @Override
        public String toString() {
            return "Options[server=%s, node=%s, interval=%s]".formatted(server, node, interval);
        }
    }

    /**
     * How a session ended.
     *
     * @param tokenRefused true when the server refused the token (401, 403): a front end exits non-zero
     * @param message the last status line: why it ended, and what is left in the spool
     * @param sampled samples taken in this session
     * @param pushed samples the server acknowledged in this session, replays included
     * @param left samples still in the spool, for the next agent
     */
    public record Outcome(boolean tokenRefused, String message, long sampled, long pushed, long left) {
    }

    /** Knobs that tests turn; the defaults are the product's. */
    record Tuning(AgentSpool.Limits limits, Duration backoffBase, Duration backoffCap, Duration connectTimeout,
            Duration requestTimeout, Duration finalPush, int batchSize) {
        static final Tuning DEFAULT = new Tuning(AgentSpool.Limits.DEFAULT, Duration.ofMillis(500), BACKOFF_CAP,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), 1000);
    }

    private final Settings settings;
    private final Options options;
    private final Consumer<String> status;
    private final Tuning tuning;
    private final IngestTarget target; // null: the options' server, over HTTP
    private volatile boolean stopping;

    /**
     * @param settings where {@code GREENLOOP_HOME} (the spool), the meter, the zone and the PUE are configured
     * @param status receives each status line, from the agent's threads
     */
    public Agent(Settings settings, Options options, Consumer<String> status) {
        this(settings, options, status, Tuning.DEFAULT);
    }

    Agent(Settings settings, Options options, Consumer<String> status, Tuning tuning) {
        this(settings, options, status, tuning, null);
    }

    private Agent(Settings settings, Options options, Consumer<String> status, Tuning tuning, IngestTarget target) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.options = Objects.requireNonNull(options, "options");
        this.status = Objects.requireNonNull(status, "status");
        this.tuning = tuning;
        this.target = target;
    }

    /**
     * An agent that stores this node's samples straight into {@code fleet}, in this process: the built-in agent of
     * {@code greenloop server}. It spools as a remote agent does, so a store that cannot be written for a while loses
     * nothing; no token is involved.
     *
     * @param node this node's name in the fleet
     */
    public static Agent inProcess(Settings settings, Fleet fleet, String node, Duration interval, Consumer<String> status) {
        return new Agent(settings, new Options(URI.create("in-process:fleet"), "in-process", node, interval), status, Tuning.DEFAULT,
                IngestTarget.of(fleet));
    }

    /**
     * @param option the option's name, for the message
     * @param text a base URL such as {@code http://fleet:8080} or {@code https://fleet.example/greenloop}
     * @return the URL
     * @throws ConfigException naming {@code text} if it is not an absolute http or https URL with a host
     */
    public static URI serverUri(String option, String text) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Said below, with the fix.
        }
        throw new ConfigException("%s: '%s' is not a server URL; write it like http://fleet.example:8080".formatted(option, text));
    }

    /** Asks a running {@link #run()} to stop sampling, push once more, and return. Safe from any thread, such as a signal's. */
    public void stop() {
        stopping = true;
    }

    /**
     * Samples and pushes until {@link #stop()} (or an interrupt), or until the server refuses the token. On stop: takes a
     * last sample, tries one final push for a few seconds, and leaves what is not acknowledged in the spool.
     *
     * @return how it ended
     * @throws AgentException if another agent holds this node's spool, or the spool cannot be created
     * @throws IOException if the meter cannot take its first reading
     * @throws ConfigException if the zone or PUE configured is bad
     */
    public Outcome run() throws IOException {
        java.util.Map<String, String> env = settings.effectiveEnvironment();
        MeterConfig config = MeterConfig.fromEnvironment(env).withInterval(options.interval());
        Procfs procfs = new Procfs(config.procfsRoot());
        ZoneChoice zone = ZoneChoice.resolve(null, settings);
        double pue = Accounting.pue(null, null, settings);
        NodeRegistration node = new NodeRegistration(options.node(), zone.zone().code(), pue, NodeFacts.hardware(procfs));
        AgentSpool spool = openSpool();
        try (spool) {
            IngestTarget client = target != null ? target : new IngestClient(options.server(), options.token(), tuning.connectTimeout());
            if (spool.pending() > 0) {
                status.accept("%d samples left in %s by an earlier agent or run: replaying them first".formatted(spool.pending(), spool.dir()));
            }
            if (zone.guessed()) {
                status.accept("zone " + zone.zone().code() + ": " + zone.origin());
            }
            Discovery discovery = Meter.discover(config);
            try {
                return session(discovery, procfs, node, spool, client);
            } finally {
                discovery.sources().forEach(EnergySource::close);
            }
        }
    }

    private AgentSpool openSpool() {
        Path dir = settings.home().resolve(AgentSpool.FOLDER);
        try {
            return AgentSpool.tryOpen(settings.home(), tuning.limits(), status).orElseThrow(() -> new AgentException(
                    "another greenloop agent is running on this node's spool %s; stop it first (one agent per GREENLOOP_HOME)".formatted(dir)));
        } catch (IOException e) {
            throw new AgentException("cannot create the agent's spool %s: %s".formatted(dir, e.getMessage()), e);
        }
    }

    /** @return where the batches go: the server's URL, or the store of the fleet in this process */
    private String where() {
        return target != null ? target.describe() : options.server().toString();
    }

    private Outcome session(Discovery discovery, Procfs procfs, NodeRegistration node, AgentSpool spool, IngestTarget client)
            throws IOException {
        BlockingQueue<Object> ticks = new LinkedBlockingQueue<>();
        Sampler sampler = Sampler.start(discovery, procfs, new Workload.None(), options.interval(), ticks::add);
        SpoolWriter writer = new SpoolWriter(ticks, spool, node,
                new IntervalSamples(IntervalSamples.agentPrefix(node.name(), sampler.startedAt()), sampler.startedAt()));
        Thread writing = Thread.ofPlatform().name("greenloop-agent-spool").daemon().start(writer);
        status.accept("sampling node %s (zone %s, PUE %s) every %s: %s; pushing to %s; spool %s".formatted(node.name(), node.zone(),
                node.pue(), describe(sampler.interval()), String.join(", ", discovery.components().stream()
                        .map(c -> c.name() + " (" + c.provenance().label() + ")").toList()), client.describe(), spool.dir()));
        SpoolPush pusher = new SpoolPush(spool, client, tuning.batchSize(), tuning.requestTimeout(), status);
        Push push = new Push(spool, pusher);
        Optional<IngestClient.Unauthorized> refused = Optional.empty();
        boolean interrupted = false;
        try {
            while (!stopping && refused.isEmpty()) {
                refused = push.whenDue();
                Thread.sleep(Math.min(200, Math.max(10, options.interval().toMillis() / 4)));
            }
        } catch (InterruptedException e) {
            interrupted = true; // ends the session as a stop does; the flag is restored below
        }
        sampler.stop(); // its last tick is queued
        ticks.add(SpoolWriter.END);
        joinQuietly(writing);
        long left;
        String message;
        if (refused.isPresent()) {
            IngestClient.Unauthorized u = refused.get();
            left = spool.pending();
            message = "the server refused the token (HTTP %d: %s); check --token or GREENLOOP_TOKEN (a token of role agent);"
                    .formatted(u.status(), u.problem()) + " %d samples stay in %s".formatted(left, spool.dir());
        } else {
            // One last try, short: a server that is away must not hold up a stop.
            SpoolPush.Round last = pushQuietly(pusher, Instant.now().plus(tuning.finalPush()));
            push.pushed += last.pushed();
            left = spool.pending();
            message = left == 0 ? "stopped: every sample was pushed (%d in all)".formatted(push.pushed)
                    : "stopped: %d samples stay in %s for the next agent".formatted(left, spool.dir());
        }
        status.accept(message);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new Outcome(refused.isPresent(), message, writer.sampled, push.pushed, left);
    }

    private static SpoolPush.Round pushQuietly(SpoolPush pusher, Instant deadline) throws IOException {
        try {
            return pusher.pushUntil(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SpoolPush.Round(0, Optional.empty());
        }
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true; // finish the join: the last samples must be spooled before the final push
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** The push side: when to try next, and what to say about the server's comings and goings. */
    private final class Push {
        /** Ticks keep arriving while a replay ends: the spool counts as up to date with no more than this waiting. */
        private static final long UP_TO_DATE = 64;
        private final AgentSpool spool;
        private final SpoolPush pusher;
        private Instant nextTry = Instant.EPOCH;
        private int failures;
        private boolean connected;
        private Instant awaySince;
        private Instant lastAwayNote;
        private long replayed;
        private long pushed;

        Push(AgentSpool spool, SpoolPush pusher) {
            this.spool = spool;
            this.pusher = pusher;
            this.replayed = spool.pending() > 0 ? 0 : -1;
        }

        /** @return the server's refusal of the token, if it refused it */
        Optional<IngestClient.Unauthorized> whenDue() throws IOException, InterruptedException {
            Instant now = Instant.now();
            if (now.isBefore(nextTry)) {
                if (awaySince != null && Duration.between(lastAwayNote, now).toSeconds() >= 60) {
                    lastAwayNote = now;
                    status.accept("server still unreachable after %ds: %d samples spooled".formatted(
                            Duration.between(awaySince, now).toSeconds(), spool.pending()));
                }
                return Optional.empty();
            }
            boolean backlog = replayed >= 0;
            // A round is short, so a long replay still lets the back-off and the stop be noticed.
            SpoolPush.Round round = pusher.pushUntil(
                    now.plus(options.interval().compareTo(Duration.ofSeconds(1)) > 0 ? options.interval() : Duration.ofSeconds(1)));
            pushed += round.pushed();
            if (backlog && round.pushed() > 0) {
                replayed = Math.max(0, replayed) + round.pushed();
            }
            if (round.failure().isEmpty()) {
                if (!connected && round.pushed() > 0) {
                    connected = true;
                    failures = 0;
                    status.accept(awaySince == null ? "connected to " + where()
                            : "server %s is back after %ds".formatted(where(), Duration.between(awaySince, now).toSeconds()));
                    awaySince = null;
                }
                if (replayed >= 0 && spool.pending() <= UP_TO_DATE) {
                    if (replayed > 0) {
                        status.accept("replayed %d spooled samples; up to date".formatted(replayed));
                    }
                    replayed = -1;
                }
                nextTry = now;
                return Optional.empty();
            }
            IngestClient.Answer failure = round.failure().get();
            if (failure instanceof IngestClient.Unauthorized u) {
                return Optional.of(u);
            }
            IngestClient.TryLater later = (IngestClient.TryLater) failure;
            failures++;
            Duration wait = later.retryAfter().orElseGet(this::backoff);
            nextTry = Instant.now().plus(wait);
            if (connected || awaySince == null) {
                connected = false;
                awaySince = now;
                lastAwayNote = now;
                replayed = 0;
                status.accept("server %s unreachable (%s): spooling samples, %d waiting; retrying with back-off up to %ds"
                        .formatted(where(), later.reason(), spool.pending(), tuning.backoffCap().toSeconds()));
            }
            return Optional.empty();
        }

        /** @return exponential back-off with jitter: a random wait between half and all of base × 2^(failures−1), capped */
        private Duration backoff() {
            long cap = tuning.backoffCap().toMillis();
            long full = Math.min(cap, tuning.backoffBase().toMillis() << Math.min(20, failures - 1));
            return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
        }
    }

    /** The spool side: turns each tick into samples and appends them to the spool, on a thread of its own. */
    private final class SpoolWriter implements Runnable {
        static final Object END = new Object();
        private final BlockingQueue<Object> ticks;
        private final AgentSpool spool;
        private final NodeRegistration node;
        private final IntervalSamples intervals;
        private final List<FleetSample> unspooled = new ArrayList<>();
        private volatile long sampled;
        private boolean failing;

        SpoolWriter(BlockingQueue<Object> ticks, AgentSpool spool, NodeRegistration node, IntervalSamples intervals) {
            this.ticks = ticks;
            this.spool = spool;
            this.node = node;
            this.intervals = intervals;
        }

        @Override
        public void run() {
            while (true) {
                Object next;
                try {
                    next = ticks.take();
                } catch (InterruptedException e) {
                    return; // only the JVM's end interrupts this daemon thread
                }
                List<Object> more = new ArrayList<>();
                more.add(next);
                ticks.drainTo(more);
                boolean end = false;
                for (Object o : more) {
                    if (o == END) {
                        end = true;
                    } else {
                        List<FleetSample> samples = intervals.next((Sample) o);
                        unspooled.addAll(samples);
                        sampled += samples.size();
                    }
                }
                write();
                if (end) {
                    return;
                }
            }
        }

        private void write() {
            try {
                spool.append(node, unspooled);
                unspooled.clear();
                if (failing) {
                    failing = false;
                    status.accept("spooling again in " + spool.dir());
                }
            } catch (IOException e) {
                // Kept in memory and written with the next tick: a full disk may clear; said once until it does.
                if (!failing) {
                    failing = true;
                    status.accept("cannot write the spool %s: %s; %d samples held in memory until it can".formatted(spool.dir(),
                            e.getMessage(), unspooled.size()));
                }
            }
        }
    }
}
