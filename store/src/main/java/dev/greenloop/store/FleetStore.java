package dev.greenloop.store;

import dev.greenloop.core.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The fleet's store: samples that agents push for their nodes, the nodes, running totals per component, and the
 * server's API tokens. Open one with {@link Stores#openFleet(StoreConfig)}.
 *
 * <p>Unlike {@link Store}, it is safe for use by many threads at once, over a pool of connections that reconnects
 * when the database restarts; and it keeps no state that another process on the same database cannot see, so several
 * servers may share one PostgreSQL. Every write is committed before the method returns.
 *
 * <p><b>A node's total never sums overlapping scopes.</b> As the meter counts a node (psys alone where present, else
 * packages plus DRAM; breakdowns such as {@code core} never), a node's <em>counted</em> components are, by the scopes
 * it has ever pushed (see {@link #counted(Scope, Collection)}): only its {@code system} components if it has any (a
 * wall meter sees everything); else its {@code psys} and {@code gpu} components if it has a {@code psys} (packages,
 * DRAM and modelled CPU or memory are part of the platform); else every component whose scope is not a
 * {@link Scope#isBreakdown() breakdown}. {@link #hourlyEnergy} and {@link #carbonTotals()} add counted components only;
 * {@link #energy}, {@link #power} and {@link #totals()} give every component, each with its scope.
 *
 * <p><b>Reads.</b> Ingest keeps a per-minute rollup of each component (samples split over UTC minutes by overlap).
 * {@link #energy}, {@link #hourlyEnergy} and {@link #power} at a step that is a multiple of 60 s from a {@code from}
 * on a whole minute read it for the whole minutes of the period, and the stored samples only for the partial minutes
 * at its ends; other steps read the samples. Either way a sample is split by overlap, so the figures agree (to
 * floating-point rounding) and a period's steps add up to its {@link #energy}.
 */
public interface FleetStore extends AutoCloseable {

    /** The longest sample the store takes: an hour. */
    int MAX_SAMPLE_SECONDS = 3600;

    /**
     * Stores samples of one node, registering or updating the node, and adds them to its running totals, in one
     * transaction. A sample whose id is already stored for the node is skipped, as are repeated ids in the list.
     * Concurrent calls are grouped into one transaction (group commit); each returns once its own samples are committed.
     *
     * @throws IllegalArgumentException if a sample's seconds are not in (0, {@value #MAX_SAMPLE_SECONDS}] or its
     *     joules or watts are not finite and &ge; 0 (nothing is stored then)
     * @throws StoreException if the store cannot be written (nothing of the call is stored then)
     */
    IngestResult ingest(NodeRegistration node, List<FleetSample> samples);

    /**
     * As {@link #ingest(NodeRegistration, List)}, adding each newly stored sample's carbon (before PUE) to its
     * component's running carbon, which {@link #carbonTotals()} sums. {@code carbon} is called in the caller's thread,
     * once per sample, before anything is written.
     *
     * @throws StoreException if the store cannot be written (nothing of the call is stored then)
     */
    IngestResult ingest(NodeRegistration node, List<FleetSample> samples, SampleCarbon carbon);

    /**
     * @return every node that has been registered by {@link #ingest} (not a node that only runs name), in name order
     *     ({@link String#compareTo}, whatever the database's collation)
     */
    List<FleetNode> nodes();

    /** @return the node with that name, if {@link #ingest} registered it */
    Optional<FleetNode> node(String name);

    /**
     * @return each component's energy in {@code [from, to)}, in component-name order; empty for an unknown node or a
     *     period without samples
     */
    List<ComponentEnergy> energy(String node, Instant from, Instant to);

    /**
     * @return the node's energy per hour of {@code [from, to)} over all its components that are not a breakdown of
     *     another ({@link dev.greenloop.core.Scope#isBreakdown()}), split by overlap, for carbon accounting: one
     *     entry per UTC hour that has samples, in time order; only counted components (never overlapping scopes, see
     *     the class comment)
     */
    List<HourEnergy> hourlyEnergy(String node, Instant from, Instant to);

    /**
     * @param step the step length, &gt; 0
     * @return a series per component over {@code [from, to)}, in component-name order, energy conserved across steps
     */
    List<PowerSeries> power(String node, Instant from, Instant to, Duration step);

    /** @return the running total and latest power of every component of every node, by node then component */
    List<ComponentTotal> totals();

    /**
     * @return each node that has samples, in name order, with the carbon (before PUE) of its counted components over
     *     every stored sample, as {@link #ingest(NodeRegistration, List, SampleCarbon)} was told it: one query over
     *     the running totals, cheap enough for every scrape
     */
    List<NodeCarbon> carbonTotals();

    /** Stores a new token (its hash only). @throws StoreException if the name is taken or the store cannot be written */
    ApiToken createToken(String name, TokenRole role, String hash);

    /** @return every token, revoked ones too, in id order */
    List<ApiToken> tokens();

    /** @return the token with that hash, revoked or not */
    Optional<ApiToken> tokenByHash(String hash);

    /** Revokes a token by id or name. @return the token as revoked, empty if none has that id or name */
    Optional<ApiToken> revokeToken(String idOrName);

    /** Checks that the database answers. @throws StoreException naming the store and the cause if it does not */
    void ping();

    /** @return where the store is, without passwords */
    String location();

    /** Closes the pool. Never throws. */
    @Override
    void close();

    /** A node's energy in one UTC hour. */
    record HourEnergy(Instant hour, double joules) {
    }

    /**
     * A node's carbon over every stored sample, before PUE.
     *
     * @param gramsBeforePue the sum of its counted components' running carbon; multiply by {@code pue}
     */
    record NodeCarbon(String node, String zone, double pue, double gramsBeforePue) {
    }

    /** The carbon of one sample, in grams of CO2eq before PUE. */
    @FunctionalInterface
    interface SampleCarbon {

        /** No carbon: what {@link #ingest(NodeRegistration, List)} adds. */
        SampleCarbon NONE = sample -> 0;

        /** @return the sample's carbon in grams, finite and &ge; 0 */
        double grams(FleetSample sample);
    }

    /**
     * Whether a component of a node is counted in the node's total: see the class comment.
     *
     * @param scope the component's scope
     * @param nodeScopes the scopes of every component the node has
     * @return true if it is added into the node's total
     */
    static boolean counted(Scope scope, Collection<Scope> nodeScopes) {
        if (scope.isBreakdown()) {
            return false;
        }
        if (nodeScopes.contains(Scope.SYSTEM)) {
            return scope == Scope.SYSTEM;
        }
        if (nodeScopes.contains(Scope.PSYS)) {
            return scope == Scope.PSYS || scope == Scope.GPU;
        }
        return true;
    }
}
