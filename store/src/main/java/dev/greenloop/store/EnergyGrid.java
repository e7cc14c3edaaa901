package dev.greenloop.store;

import dev.greenloop.core.Provenance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's energy per component in buckets of a period: bucket {@code k} is
 * {@code [max(from, origin + k·step), min(to, origin + (k+1)·step))}. Whole minutes come from the per-minute rollup
 * when every inner bucket edge is on a whole minute; the rest, from the stored samples, each split by overlap.
 */
final class EnergyGrid {

    private static final long MINUTE_MS = 60_000;

    final long origin;
    final long step;
    final long from;
    final long to;
    final int buckets;
    /** Per component, in name order: joules, covered milliseconds and least certain provenance per bucket. */
    final Map<String, Sums> components = new TreeMap<>();

    /** One component's buckets. */
    static final class Sums {
        final double[] joules;
        final long[] coveredMs;
        final int[] provenance;

        Sums(int buckets) {
            joules = new double[buckets];
            coveredMs = new long[buckets];
            provenance = new int[buckets];
            java.util.Arrays.fill(provenance, -1);
        }

        /** @return the least certain provenance over every bucket with samples */
        Provenance worst() {
            int worst = 0;
            for (int p : provenance) {
                worst = Math.max(worst, p);
            }
            return Provenance.values()[worst];
        }
    }

    EnergyGrid(long origin, long step, long from, long to) {
        this.origin = origin;
        this.step = step;
        this.from = from;
        this.to = to;
        long count = Math.floorDiv(to - 1 - origin, step) + 1;
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many steps: " + count);
        }
        this.buckets = (int) count;
    }

    long start(int k) {
        return Math.max(from, origin + k * step);
    }

    long end(int k) {
        return Math.min(to, origin + (k + 1) * step);
    }

    private Sums sums(String component) {
        return components.computeIfAbsent(component, c -> new Sums(buckets));
    }

    /**
     * Fills the grid from the rollup and the samples of node {@code nodeId}.
     *
     * @param longestMs the node's longest sample, which bounds how long before a time a sample covering it can end
     */
    void fill(Connection connection, long nodeId, long longestMs) throws SQLException {
        boolean aligned = buckets == 1 || step % MINUTE_MS == 0 && Math.floorMod(origin, MINUTE_MS) == 0;
        long lo = Math.floorDiv(from + MINUTE_MS - 1, MINUTE_MS) * MINUTE_MS;
        long hi = Math.floorDiv(to, MINUTE_MS) * MINUTE_MS;
        if (!aligned || lo >= hi) {
            samples(connection, nodeId, longestMs, from, to);
            return;
        }
        minutes(connection, nodeId, lo, hi);
        if (from < lo) {
            samples(connection, nodeId, longestMs, from, lo);
        }
        if (hi < to) {
            samples(connection, nodeId, longestMs, hi, to);
        }
    }

    private void minutes(Connection connection, long nodeId, long lo, long hi) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT component, (minute_ms - ?) / ?, SUM(joules),"
                + " SUM(covered_ms), MAX(provenance) FROM fleet_minute WHERE node_id = ? AND minute_ms >= ? AND minute_ms < ?"
                + " GROUP BY 1, 2")) {
            query.setLong(1, origin);
            query.setLong(2, step);
            query.setLong(3, nodeId);
            query.setLong(4, lo);
            query.setLong(5, hi);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Sums s = sums(rows.getString(1));
                    int k = (int) rows.getLong(2);
                    s.joules[k] += rows.getDouble(3);
                    s.coveredMs[k] += rows.getLong(4);
                    s.provenance[k] = Math.max(s.provenance[k], rows.getInt(5));
                }
            }
        }
    }

    /** Adds the samples' share of {@code [a, b)}, split over the buckets by overlap. */
    private void samples(Connection connection, long nodeId, long longestMs, long a, long b) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT component, start_ms, end_ms, joules, provenance"
                + " FROM fleet_sample WHERE node_id = ? AND end_ms > ? AND end_ms <= ? AND start_ms < ?")) {
            query.setLong(1, nodeId);
            query.setLong(2, a);
            query.setLong(3, b + longestMs);
            query.setLong(4, b);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    add(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getDouble(4),
                            Provenance.fromLabel(rows.getString(5)).ordinal(), a, b);
                }
            }
        }
    }

    private void add(String component, long start, long end, double joules, int provenance, long a, long b) {
        long lo = Math.max(start, a);
        long hi = Math.min(end, b);
        if (lo >= hi) {
            return;
        }
        Sums s = sums(component);
        long duration = end - start;
        for (int k = (int) Math.floorDiv(lo - origin, step); k < buckets && start(k) < hi; k++) {
            long overlap = Math.min(hi, end(k)) - Math.max(lo, start(k));
            if (overlap > 0) {
                s.joules[k] += joules * overlap / duration;
                s.coveredMs[k] += overlap;
                s.provenance[k] = Math.max(s.provenance[k], provenance);
            }
        }
    }
}
