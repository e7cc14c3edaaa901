package dev.greenloop.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The fleet's ingest, with group commit: callers put their samples in a queue and wait; a writer thread takes
 * everything waiting (up to {@value #MAX_GROUP_SAMPLES} samples) and stores it in one transaction, then tells each
 * caller what of its own was stored. A thousand agents pushing every second thus cost a few transactions a second,
 * not a thousand. The measured hot path of ingest: larger than most classes for that reason.
 *
 * <p>Exactness: a sample is stored at most once per node ({@code ON CONFLICT DO NOTHING} on its id), and only the
 * rows the insert reports as new are added to the running totals and the per-minute rollup, in the same transaction,
 * as increments ({@code joules = joules + excluded.joules}); so several writers, in this process or in other servers on
 * the same PostgreSQL, never lose or double an increment. Each table is written in key order (node, then sample id or
 * component and minute), and the tables always in the same order, so that two transactions never wait on each other
 * in a cycle.
 *
 * <p>Failures: a lock conflict or a lost connection (the database restarted) is tried again at once, on another
 * connection; if the group still fails and it holds several callers' samples, each caller's is tried alone, so one
 * caller's bad row fails only that caller. The callers' samples are checked before they are queued.
 */
final class FleetWriter implements AutoCloseable {

    /** The most samples one transaction takes, unless one call alone has more. */
    static final int MAX_GROUP_SAMPLES = 20_000;
    private static final int ATTEMPTS = 3;
    private static final long MINUTE_MS = 60_000;

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String location;
    private final Clock clock;
    private final FleetSql.Table totals;
    private final FleetSql.Table minutes;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    /** Node ids by name, with the registration last written by this process: a repeated one is not written again. */
    private final Map<String, KnownNode> nodes = new ConcurrentHashMap<>();
    private boolean closed;

    /** Queued once per writer by {@link #close()}, after every caller's samples: the writer that takes it stops. */
    private static final Pending STOP = new Pending(new NodeRegistration("", "", 1, ""), List.of(), 0, new CompletableFuture<>());

    FleetWriter(HikariDataSource pool, Dialect dialect, String location, Clock clock, int threads) {
        this.pool = pool;
        this.dialect = dialect;
        this.location = location;
        this.clock = clock;
        this.totals = FleetSql.totals(dialect);
        this.minutes = FleetSql.minutes(dialect);
        for (int i = 0; i < threads; i++) {
            Thread writer = Thread.ofPlatform().daemon().name("greenloop-fleet-writer-" + i).unstarted(this::drain);
            writers.add(writer);
            writer.start();
        }
    }

    /** One caller's samples, checked and converted, and what it waits on. */
    private record Pending(NodeRegistration node, List<Row> rows, int duplicates, CompletableFuture<IngestResult> result) {
    }

    /** A sample with its interval in epoch milliseconds and its carbon. */
    private record Row(FleetSample sample, long startMs, long endMs, double grams) {
    }

    private record KnownNode(NodeRegistration registration, long id) {
    }

    private record TotalKey(long nodeId, String component) {
    }

    private record MinuteKey(long nodeId, String component, long minuteMs) {
    }

    private static final Comparator<TotalKey> TOTAL_ORDER = Comparator.comparingLong(TotalKey::nodeId).thenComparing(TotalKey::component);
    private static final Comparator<MinuteKey> MINUTE_ORDER = Comparator.comparingLong(MinuteKey::nodeId)
            .thenComparing(MinuteKey::component).thenComparingLong(MinuteKey::minuteMs);

    /** See {@link FleetStore#ingest(NodeRegistration, List, FleetStore.SampleCarbon)}. */
    IngestResult ingest(NodeRegistration node, List<FleetSample> samples, FleetStore.SampleCarbon carbon) {
        Pending pending = prepare(node, samples, carbon);
        synchronized (this) {
            if (closed) {
                throw new StoreException("cannot store samples of node '%s' in %s: the store is closed".formatted(node.name(), location));
            }
            queue.add(pending);
        }
        try {
            return pending.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(("interrupted while storing samples of node '%s' in %s: they may be stored or not;"
                    + " send them again (their ids keep them from counting twice)").formatted(node.name(), location), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException failure) {
                throw new StoreException(failure.getMessage(), failure);
            }
            throw new StoreException("cannot store samples of node '%s' in %s: %s".formatted(node.name(), location, e.getCause()), e.getCause());
        }
    }

    private static Pending prepare(NodeRegistration node, List<FleetSample> samples, FleetStore.SampleCarbon carbon) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(carbon, "carbon");
        Set<String> ids = HashSet.newHashSet(samples.size());
        List<Row> rows = new ArrayList<>(samples.size());
        for (FleetSample sample : samples) {
            Objects.requireNonNull(sample, "sample");
            if (!(sample.seconds() > 0 && sample.seconds() <= FleetStore.MAX_SAMPLE_SECONDS) || !Double.isFinite(sample.joules())
                    || sample.joules() < 0 || !Double.isFinite(sample.watts()) || sample.watts() < 0) {
                throw new IllegalArgumentException(("sample '%s' of node '%s': seconds must be in (0, %d], joules and watts"
                        + " finite and >= 0; was %s s, %s J, %s W").formatted(sample.id(), node.name(), FleetStore.MAX_SAMPLE_SECONDS,
                        sample.seconds(), sample.joules(), sample.watts()));
            }
            if (!ids.add(sample.id())) {
                continue;
            }
            long end = sample.time().toEpochMilli();
            long start = end - Math.max(1, Math.round(sample.seconds() * 1000));
            double grams = carbon.grams(sample);
            if (!Double.isFinite(grams) || grams < 0) {
                throw new IllegalArgumentException("sample '%s': its carbon must be finite grams >= 0, was %s".formatted(sample.id(), grams));
            }
            rows.add(new Row(sample, start, end, grams));
        }
        return new Pending(node, rows, samples.size() - rows.size(), new CompletableFuture<>());
    }

    private void drain() {
        while (true) {
            Pending first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                // Nothing interrupts the writers; should something, the samples queued are still written by the others
                // or refused at close, so stopping here loses nothing that a caller was told was stored.
                return;
            }
            if (first == STOP) {
                return;
            }
            List<Pending> group = new ArrayList<>();
            group.add(first);
            int size = first.rows().size();
            boolean stop = false;
            Pending next;
            while (size < MAX_GROUP_SAMPLES && (next = queue.poll()) != null) {
                if (next == STOP) {
                    stop = true;
                    break;
                }
                group.add(next);
                size += next.rows().size();
            }
            write(group);
            if (stop) {
                return;
            }
        }
    }

    /** Stores a group and completes each of its callers. Never throws. */
    private void write(List<Pending> group) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = pool.getConnection()) {
                List<KnownNode> learned = new ArrayList<>();
                int[] stored = Transactions.call(connection, () -> transaction(connection, group, learned));
                learned.forEach(n -> nodes.put(n.registration().name(), n));
                for (int i = 0; i < group.size(); i++) {
                    Pending p = group.get(i);
                    p.result().complete(new IngestResult(stored[i], p.rows().size() - stored[i] + p.duplicates()));
                }
                return;
            } catch (SQLException e) {
                nodes.clear();
                if (attempt < ATTEMPTS && (Failures.isLockConflict(e) || Failures.isWorthANewConnection(e))) {
                    continue;
                }
                if (group.size() > 1 && !Failures.isUnavailable(e)) {
                    for (Pending p : group) {
                        write(List.of(p));
                    }
                    return;
                }
                fail(group, new StoreException(Failures.describe("store samples of " + describe(group), location, null, e), e));
                return;
            } catch (RuntimeException | Error e) {
                nodes.clear();
                fail(group, new StoreException("cannot store samples of %s in %s: %s".formatted(describe(group), location, e), e));
                if (e instanceof Error error) {
                    throw error;
                }
                return;
            }
        }
    }

    private static String describe(List<Pending> group) {
        return group.size() == 1 ? "node '" + group.getFirst().node().name() + "'" : group.size() + " pushes";
    }

    private static void fail(List<Pending> group, StoreException failure) {
        for (Pending p : group) {
            p.result().completeExceptionally(failure);
        }
    }

    /** @return how many samples of each caller were newly stored */
    private int[] transaction(Connection connection, List<Pending> group, List<KnownNode> learned) throws SQLException {
        Map<String, Long> nodeIds = nodeIds(connection, group, learned);
        record Candidate(int caller, long nodeId, Row row) {
        }
        Map<FleetSql.SampleKey, Candidate> unique = new LinkedHashMap<>();
        for (int i = 0; i < group.size(); i++) {
            long nodeId = nodeIds.get(group.get(i).node().name());
            for (Row row : group.get(i).rows()) {
                unique.putIfAbsent(new FleetSql.SampleKey(nodeId, row.sample().id()), new Candidate(i, nodeId, row));
            }
        }
        List<Candidate> candidates = new ArrayList<>(unique.values());
        candidates.sort(Comparator.comparingLong(Candidate::nodeId).thenComparing(c -> c.row().sample().id()));
        List<Object[]> sampleRows = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            FleetSample s = c.row().sample();
            sampleRows.add(new Object[] {c.nodeId(), s.id(), s.component(), s.scope().label(), s.provenance().label(),
                    c.row().startMs(), c.row().endMs(), s.seconds(), s.joules(), s.watts()});
        }
        boolean[] written = FleetSql.write(connection, dialect, FleetSql.SAMPLES, sampleRows);
        int[] stored = new int[group.size()];
        Map<TotalKey, Object[]> totalRows = new TreeMap<>(TOTAL_ORDER);
        Map<MinuteKey, Object[]> minuteRows = new TreeMap<>(MINUTE_ORDER);
        for (int i = 0; i < candidates.size(); i++) {
            if (!written[i]) {
                continue;
            }
            Candidate c = candidates.get(i);
            stored[c.caller()]++;
            addTotal(totalRows, c.nodeId(), c.row());
            addMinutes(minuteRows, c.nodeId(), c.row());
        }
        FleetSql.write(connection, dialect, totals, new ArrayList<>(totalRows.values()));
        FleetSql.write(connection, dialect, minutes, new ArrayList<>(minuteRows.values()));
        return stored;
    }

    /** Adds a sample to its component's increment: energy and carbon add up, the latest sample's power and labels win. */
    private static void addTotal(Map<TotalKey, Object[]> rows, long nodeId, Row row) {
        FleetSample s = row.sample();
        Object[] t = rows.get(new TotalKey(nodeId, s.component()));
        long duration = row.endMs() - row.startMs();
        if (t == null) {
            rows.put(new TotalKey(nodeId, s.component()), new Object[] {nodeId, s.component(), s.scope().label(),
                    s.provenance().label(), s.joules(), row.grams(), s.watts(), row.endMs(), duration});
            return;
        }
        t[4] = (Double) t[4] + s.joules();
        t[5] = (Double) t[5] + row.grams();
        if (row.endMs() >= (Long) t[7]) {
            t[2] = s.scope().label();
            t[3] = s.provenance().label();
            t[6] = s.watts();
            t[7] = row.endMs();
        }
        t[8] = Math.max((Long) t[8], duration);
    }

    /** Adds a sample's energy to the minutes it overlaps, in proportion to the overlap. */
    private static void addMinutes(Map<MinuteKey, Object[]> rows, long nodeId, Row row) {
        FleetSample s = row.sample();
        long duration = row.endMs() - row.startMs();
        for (long minute = Math.floorDiv(row.startMs(), MINUTE_MS) * MINUTE_MS; minute < row.endMs(); minute += MINUTE_MS) {
            long overlap = Math.min(row.endMs(), minute + MINUTE_MS) - Math.max(row.startMs(), minute);
            double joules = s.joules() * overlap / duration;
            MinuteKey key = new MinuteKey(nodeId, s.component(), minute);
            Object[] m = rows.get(key);
            if (m == null) {
                rows.put(key, new Object[] {nodeId, s.component(), minute, joules, overlap, s.provenance().ordinal()});
            } else {
                m[3] = (Double) m[3] + joules;
                m[4] = (Long) m[4] + overlap;
                m[5] = Math.max((Integer) m[5], s.provenance().ordinal());
            }
        }
    }

    /**
     * Registers the group's nodes (the last registration of each wins), in name order.
     *
     * @param learned told the nodes written, to remember once the transaction commits
     * @return their ids by name
     */
    private Map<String, Long> nodeIds(Connection connection, List<Pending> group, List<KnownNode> learned) throws SQLException {
        Map<String, NodeRegistration> latest = new TreeMap<>();
        for (Pending p : group) {
            latest.put(p.node().name(), p.node());
        }
        Map<String, Long> ids = new java.util.HashMap<>();
        List<NodeRegistration> changed = new ArrayList<>();
        for (NodeRegistration node : latest.values()) {
            KnownNode known = nodes.get(node.name());
            if (known != null && known.registration().equals(node)) {
                ids.put(node.name(), known.id());
            } else {
                changed.add(node);
            }
        }
        if (changed.isEmpty()) {
            return ids;
        }
        long now = clock.millis();
        List<Object[]> rows = new ArrayList<>(changed.size());
        for (NodeRegistration node : changed) {
            rows.add(new Object[] {node.name(), node.zone(), node.hardware(), Double.isNaN(node.pue()) ? null : node.pue(), now, now});
        }
        FleetSql.write(connection, dialect, FleetSql.NODES, rows, (id, name) -> ids.put(name, id));
        if (dialect == Dialect.SQLITE) {
            try (PreparedStatement query = connection.prepareStatement("SELECT id FROM node WHERE name = ?")) {
                for (NodeRegistration node : changed) {
                    query.setString(1, node.name());
                    try (ResultSet r = query.executeQuery()) {
                        r.next();
                        ids.put(node.name(), r.getLong(1));
                    }
                }
            }
        }
        for (NodeRegistration node : changed) {
            learned.add(new KnownNode(node, ids.get(node.name())));
        }
        return ids;
    }

    /** Stores what is queued, stops the writers and refuses further calls. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < writers.size(); i++) {
                queue.add(STOP);
            }
        }
        boolean interrupted = false;
        for (Thread writer : writers) {
            while (true) {
                try {
                    writer.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
