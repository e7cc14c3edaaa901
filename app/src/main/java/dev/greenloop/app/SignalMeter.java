package dev.greenloop.app;

import dev.greenloop.app.Recommendation.Change;
import dev.greenloop.store.ComponentEnergy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Verification's meter on real data: energy from the fleet's samples of this node (the capped component, or the
 * node's total for other changes), throughput from the rule's signal. A signal is {@code file:PATH}: a text file the
 * workload appends {@code <ISO-8601 instant> <cumulative count>} lines to; the units in a window are the count at its
 * end minus the count at its start (each the last line at or before that time).
 */
final class SignalMeter implements Automation.WindowMeter {

    private final Supplier<Fleet> fleet;
    private final String node;

    SignalMeter(Supplier<Fleet> fleet, String node) {
        this.fleet = fleet;
        this.node = node;
    }

    @Override
    public Automation.Window measure(Recommendation r, String signal, Instant from, Instant to) {
        Fleet.NodeEnergy energy = fleet.get().energy(node, from, to)
                .orElseThrow(() -> new IllegalStateException("the fleet has no node " + node + " to measure"));
        double joules = energy.totalJoules();
        if (r.change() instanceof Change.PowerCap c) {
            joules = energy.components().stream().filter(e -> e.name().equals(c.component())).mapToDouble(ComponentEnergy::joules).sum();
        }
        return new Automation.Window(joules, units(signal, from, to), OptionalDouble.empty());
    }

    /** @return the signal's count at {@code to} minus at {@code from} */
    static double units(String signal, Instant from, Instant to) {
        if (!signal.startsWith("file:")) {
            throw new IllegalStateException("unknown throughput signal '%s'; give file:PATH (lines '<instant> <count>')".formatted(signal));
        }
        Path file = Path.of(signal.substring("file:".length()));
        double atFrom = Double.NaN;
        double atTo = Double.NaN;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] p = line.strip().split("\\s+");
                if (p.length != 2) {
                    continue;
                }
                Instant t = Instant.parse(p[0]);
                double count = Double.parseDouble(p[1]);
                if (!t.isAfter(from)) {
                    atFrom = count;
                }
                if (!t.isAfter(to)) {
                    atTo = count;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the throughput signal %s: %s".formatted(file, e.getMessage()), e);
        }
        if (Double.isNaN(atFrom) || Double.isNaN(atTo)) {
            throw new IllegalStateException("the throughput signal %s has no count at or before %s".formatted(file, Double.isNaN(atFrom) ? from : to));
        }
        return atTo - atFrom;
    }
}
