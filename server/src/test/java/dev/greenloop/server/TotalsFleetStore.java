package dev.greenloop.server;

import dev.greenloop.store.ApiToken;
import dev.greenloop.store.ComponentEnergy;
import dev.greenloop.store.ComponentTotal;
import dev.greenloop.store.FleetNode;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.FleetStore;
import dev.greenloop.store.IngestResult;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.PowerSeries;
import dev.greenloop.store.TokenRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory fleet store holding only running totals, for {@code /metrics}: what a test sets is what it answers. */
final class TotalsFleetStore implements FleetStore {

    private final List<ComponentTotal> totals = new CopyOnWriteArrayList<>();

    /** Replaces the totals. */
    TotalsFleetStore totals(List<ComponentTotal> newTotals) {
        totals.clear();
        totals.addAll(newTotals);
        return this;
    }

    @Override
    public List<ComponentTotal> totals() {
        return List.copyOf(totals);
    }

    @Override
    public IngestResult ingest(NodeRegistration node, List<FleetSample> samples) {
        throw new UnsupportedOperationException("the fake holds totals only");
    }

    @Override
    public List<FleetNode> nodes() {
        return List.of();
    }

    @Override
    public Optional<FleetNode> node(String name) {
        return Optional.empty();
    }

    @Override
    public List<ComponentEnergy> energy(String node, Instant from, Instant to) {
        return List.of();
    }

    @Override
    public List<HourEnergy> hourlyEnergy(String node, Instant from, Instant to) {
        return List.of();
    }

    @Override
    public List<PowerSeries> power(String node, Instant from, Instant to, Duration step) {
        return List.of();
    }

    @Override
    public ApiToken createToken(String name, TokenRole role, String hash) {
        throw new UnsupportedOperationException("the fake holds totals only");
    }

    @Override
    public List<ApiToken> tokens() {
        return List.of();
    }

    @Override
    public Optional<ApiToken> tokenByHash(String hash) {
        return Optional.empty();
    }

    @Override
    public Optional<ApiToken> revokeToken(String idOrName) {
        return Optional.empty();
    }

    @Override
    public void ping() {
    }

    @Override
    public String location() {
        return "fake:fleet";
    }

    @Override
    public void close() {
    }

    @Override
    public List<NodeCarbon> carbonTotals() {
        return List.of();
    }

    @Override
    public IngestResult ingest(NodeRegistration node, List<FleetSample> samples, SampleCarbon carbon) {
        return ingest(node, samples);
    }
}
