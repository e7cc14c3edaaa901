package dev.greenloop.app;

import dev.greenloop.store.ComponentEnergy;
import dev.greenloop.store.ComponentTotal;
import dev.greenloop.store.FleetNode;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.FleetStore;
import dev.greenloop.store.IngestResult;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.PowerSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The fleet's use cases, shared by the server's HTTP API, its {@code /metrics} and the CLI: ingest of the samples that
 * agents push, the nodes, a node's energy and carbon over a period, its power in steps, running totals, and the API
 * tokens ({@link #tokens()}).
 *
 * <p>Safe for use by many threads at once. Keeps no state of its own beyond its store: several server processes on
 * one PostgreSQL answer alike.
 */
public final class Fleet implements AutoCloseable {

    private final FleetStore store;

    /** @param store the fleet store, which this closes */
    public Fleet(FleetStore store) {
        this.store = store;
    }

    /**
     * Opens the fleet store that the settings name ({@code GREENLOOP_DB}, else the SQLite file in
     * {@code GREENLOOP_HOME}).
     */
    public static Fleet open(Settings settings) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Checks and stores a node's samples.
     *
     * @throws FleetInputException naming the sample's index and field, and the fix, if a sample is invalid (nothing is
     *     stored then)
     * @throws dev.greenloop.store.StoreException if the store cannot be written
     */
    public IngestResult ingest(NodeRegistration node, List<FleetSample> samples) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** @return every node, in name order */
    public List<FleetNode> nodes() {
        return store.nodes();
    }

    /** @return the node, if known */
    public Optional<FleetNode> node(String name) {
        return store.node(name);
    }

    /**
     * @return the node's energy per component in {@code [from, to)} and its carbon, empty if the node is unknown
     * @throws FleetInputException if {@code from} is not before {@code to}, or the period is longer than allowed
     */
    public Optional<NodeEnergy> energy(String node, Instant from, Instant to) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * @return the node's power per component in steps, empty if the node is unknown
     * @throws FleetInputException if the period or step is invalid or gives too many steps
     */
    public Optional<List<PowerSeries>> power(String node, Instant from, Instant to, Duration step) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** @return every component's running total and latest power */
    public List<ComponentTotal> totals() {
        return store.totals();
    }

    /** @return each node's carbon since its first sample, accounted as {@link #energy} does */
    public List<NodeEmissions> emissions() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** @return the server's API tokens */
    public Tokens tokens() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Checks the store answers. @throws dev.greenloop.store.StoreException if it does not */
    public void ping() {
        store.ping();
    }

    /** @return where the store is, without passwords */
    public String location() {
        return store.location();
    }

    @Override
    public void close() {
        store.close();
    }

    /**
     * A node's energy over a period, as {@code GET /api/v1/nodes/{node}/energy} answers.
     *
     * @param totalJoules the sum of the components that are not a breakdown of another (never overlapping scopes)
     * @param grams carbon of {@code totalJoules} per hour of the node's zone, times its PUE, as {@code measure} accounts
     */
    public record NodeEnergy(String node, Instant from, Instant to, double totalJoules, List<ComponentEnergy> components,
            double grams, String zone) {
    }

    /** A node's carbon since its first sample. */
    public record NodeEmissions(String node, String zone, double grams) {
    }
}
