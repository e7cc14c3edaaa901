package dev.greenloop.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The fleet's store: samples that agents push for their nodes, the nodes, running totals per component, and the
 * server's API tokens. Open one with {@link Stores#openFleet(StoreConfig)}.
 *
 * <p>Unlike {@link Store}, it is safe for use by many threads at once, over a pool of connections that reconnects
 * when the database restarts; and it keeps no state that another process on the same database cannot see, so several
 * servers may share one PostgreSQL. Every write is committed before the method returns.
 */
public interface FleetStore extends AutoCloseable {

    /**
     * Stores samples of one node, registering or updating the node, and adds them to its running totals, in one
     * transaction. A sample whose id is already stored for the node is skipped, as are repeated ids in the list.
     *
     * @throws StoreException if the store cannot be written (nothing of the call is stored then)
     */
    IngestResult ingest(NodeRegistration node, List<FleetSample> samples);

    /** @return every node, in name order */
    List<FleetNode> nodes();

    /** @return the node with that name, if any */
    Optional<FleetNode> node(String name);

    /**
     * @return each component's energy in {@code [from, to)}, in component-name order; empty for an unknown node or a
     *     period without samples
     */
    List<ComponentEnergy> energy(String node, Instant from, Instant to);

    /**
     * @return the node's energy per hour of {@code [from, to)} over all its components that are not a breakdown of
     *     another ({@link dev.greenloop.core.Scope#isBreakdown()}), split by overlap, for carbon accounting: one
     *     entry per UTC hour that has samples, in time order
     */
    List<HourEnergy> hourlyEnergy(String node, Instant from, Instant to);

    /**
     * @param step the step length, &gt; 0
     * @return a series per component over {@code [from, to)}, in component-name order, energy conserved across steps
     */
    List<PowerSeries> power(String node, Instant from, Instant to, Duration step);

    /** @return the running total and latest power of every component of every node, by node then component */
    List<ComponentTotal> totals();

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
}
