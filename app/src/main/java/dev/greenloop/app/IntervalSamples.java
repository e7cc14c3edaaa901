package dev.greenloop.app;

import dev.greenloop.core.Provenance;
import dev.greenloop.meter.Sample;
import dev.greenloop.meter.spi.Component;
import dev.greenloop.store.FleetSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a sampler's ticks (cumulative energy since sampling started) into the fleet's samples: one per component per
 * interval, with the energy used in the interval, its mean power, and an id that no other sample of the node has.
 *
 * <p>Ids are {@code <prefix>-<sequence>-<component>}: the prefix names this sampling session on this node (the agent's
 * {@code <node>-<start epoch ms>}, or a run's {@code <node>-run<id>-<start epoch ms>}), the sequence counts the
 * intervals from 1. The same tick always gets the same id, so a replay of a spooled sample is recognised by the server.
 * Not thread-safe: feed it from one thread.
 */
final class IntervalSamples {

    private final String prefix;
    private Instant previousTime;
    private double[] previous;
    private long sequence;

    /**
     * @param prefix the session's id prefix
     * @param startedAt when sampling started: the first interval's start
     */
    IntervalSamples(String prefix, Instant startedAt) {
        this.prefix = prefix;
        this.previousTime = startedAt;
    }

    /**
     * @return the interval that ended at this tick, one sample per component; empty when the tick is too close to the
     *     previous one to make an interval (its energy is carried into the next)
     */
    List<FleetSample> next(Sample tick) {
        List<Component> components = tick.components();
        if (previous == null) {
            previous = new double[components.size()];
        }
        double seconds = Duration.between(previousTime, tick.time()).toNanos() / 1e9;
        if (seconds < 1e-6) {
            return List.of();
        }
        sequence++;
        List<FleetSample> out = new ArrayList<>(components.size());
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            double now = tick.readings().get(i).energy().joules();
            // Counters never go back; a reading below the previous one (a source that lost a read) adds nothing.
            double joules = Math.max(0, now - previous[i]);
            previous[i] = Math.max(previous[i], now);
            Provenance provenance = tick.readings().get(i).downgrade().map(d -> d.weakest(c.provenance())).orElse(c.provenance());
            out.add(new FleetSample(prefix + "-" + sequence + "-" + c.name(), tick.time(), seconds, c.name(), c.scope(), provenance,
                    joules, joules / seconds));
        }
        previousTime = tick.time();
        return out;
    }

    /** @return the id prefix of an agent's session: {@code <node>-<start epoch ms>} */
    static String agentPrefix(String node, Instant startedAt) {
        return node + "-" + startedAt.toEpochMilli();
    }

    /** @return the id prefix of a measured run: {@code <node>-run<id>-<start epoch ms>}, {@code run0} when it has no id */
    static String runPrefix(String node, long runId, Instant startedAt) {
        return node + "-run" + runId + "-" + startedAt.toEpochMilli();
    }
}
