package dev.greenloop.app;

import dev.greenloop.carbon.IntensityTrace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One zone's intensity points of one source in time order, indexed by time: point starts and ends in seconds since
 * the epoch, for binary search and scans without allocation. A measured hot path (bench/casdk-best.sh): a trace's
 * series is built once, when the server starts, and every query over it is a binary search and a scan of the points
 * in its window. Immutable.
 */
final class IntensitySeries {

    private final ZoneIntensities.Point[] points;
    private final long[] start;
    private final long[] end;
    private final double[] value;

    private IntensitySeries(List<ZoneIntensities.Point> sorted) {
        points = sorted.toArray(ZoneIntensities.Point[]::new);
        start = new long[points.length];
        end = new long[points.length];
        value = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            start[i] = points[i].start().getEpochSecond();
            end[i] = points[i].end().getEpochSecond();
            value[i] = points[i].gramsPerKWh();
        }
    }

    /** @return the trace's points labelled {@code actual}, with the trace's signal and source */
    static IntensitySeries of(String zone, IntensityTrace trace) {
        String signal = trace.signal().kind() + "-" + trace.signal().basis();
        List<ZoneIntensities.Point> out = new ArrayList<>(trace.size());
        for (int i = 0; i < trace.size(); i++) {
            out.add(new ZoneIntensities.Point(zone, trace.time(i), trace.pointEnd(i), trace.value(i), ZoneIntensities.ACTUAL, signal,
                    trace.signal().source(), null));
        }
        return new IntensitySeries(out);
    }

    /**
     * @param points points of one zone and source, ordered by start; of several with one start the last is kept (the
     *     archive orders a start's rows by issue time, so the newest), and one that starts before the previous one ends
     *     is dropped
     */
    static IntensitySeries of(List<ZoneIntensities.Point> points) {
        List<ZoneIntensities.Point> out = new ArrayList<>(points.size());
        for (ZoneIntensities.Point p : points) {
            if (!out.isEmpty() && out.getLast().start().equals(p.start())) {
                out.set(out.size() - 1, p);
            } else if (out.isEmpty() || !p.start().isBefore(out.getLast().end())) {
                out.add(p);
            }
        }
        return new IntensitySeries(out);
    }

    int size() {
        return points.length;
    }

    ZoneIntensities.Point point(int i) {
        return points[i];
    }

    /** @return the index of the first point that ends after {@code s} */
    private int firstEndingAfter(long s) {
        int lo = 0;
        int hi = end.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end[mid] > s) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * @return {@code [first, last)} indexes of the points that overlap {@code [from, to)}; when {@code from == to}, the
     *     point that covers {@code from}, if any
     */
    private int[] range(long from, long to) {
        int first = firstEndingAfter(from);
        int last = first;
        if (from == to) {
            return first < start.length && start[first] <= from ? new int[] {first, first + 1} : new int[] {first, first};
        }
        while (last < start.length && start[last] < to) {
            last++;
        }
        return new int[] {first, last};
    }

    /** @return the points that overlap {@code [from, to)} (the one covering {@code from} when equal), in time order */
    List<ZoneIntensities.Point> overlapping(Instant from, Instant to) {
        int[] r = range(from.getEpochSecond(), to.getEpochSecond());
        return Arrays.asList(points).subList(r[0], r[1]);
    }

    /** @return the points of {@link #overlapping} with the lowest value, in time order; empty if none overlap */
    List<ZoneIntensities.Point> lowest(Instant from, Instant to) {
        int[] r = range(from.getEpochSecond(), to.getEpochSecond());
        double min = Double.POSITIVE_INFINITY;
        for (int i = r[0]; i < r[1]; i++) {
            min = Math.min(min, value[i]);
        }
        List<ZoneIntensities.Point> out = new ArrayList<>(1);
        for (int i = r[0]; i < r[1]; i++) {
            if (value[i] == min) {
                out.add(points[i]);
            }
        }
        return out;
    }

    /**
     * @return the time-weighted mean over the part of {@code [from, to)} that the points cover, or NaN if they cover
     *     none of it
     */
    double mean(Instant from, Instant to) {
        long f = from.getEpochSecond();
        long t = to.getEpochSecond();
        int[] r = range(f, t);
        double sum = 0;
        long seconds = 0;
        for (int i = r[0]; i < r[1]; i++) {
            long overlap = Math.min(end[i], t) - Math.max(start[i], f);
            if (overlap > 0) {
                sum += value[i] * overlap;
                seconds += overlap;
            }
        }
        return seconds == 0 ? Double.NaN : sum / seconds;
    }
}
