package dev.greenloop.app;

import dev.greenloop.carbon.IntensityProvider;
import dev.greenloop.carbon.PlacementEstimate;
import dev.greenloop.carbon.Placements;
import dev.greenloop.carbon.Range;
import dev.greenloop.carbon.UnknownZoneException;
import dev.greenloop.carbon.Workload;
import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.core.Interval;
import dev.greenloop.core.Provenance;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.ProfileStore;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoredProfile;
import dev.greenloop.store.StoredRun;
import dev.greenloop.store.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The {@code compare} use case: a stored run or lab profile, placed on this node (measured), on cloud instance types
 * in regions and on an edge device (modelled, or measured by an edge profile), ranked by carbon. See
 * {@link Placements} for the arithmetic and {@code docs/compare.md} for every coefficient's source.
 */
public final class Comparing {

    /** The placements compared when none are asked for: one general-purpose 4-vCPU size of each cloud, and AWS Graviton. */
    public static final List<String> DEFAULT_CLOUD = List.of("aws:m5.xlarge@us-east-1", "aws:m5.xlarge@eu-central-1", "aws:m6g.xlarge@eu-north-1",
            "gcp:n2-standard-4@europe-west3", "azure:D4_v4@westeurope");

    /** AWS/CCF's and a common server's hardware life, years, when {@code years} is not given. */
    public static final double DEFAULT_YEARS = 4;

    private Comparing() {
    }

    /**
     * What to compare.
     *
     * @param runId a stored run's id; exactly one of it and {@code profileId}
     * @param profileId a stored lab profile row's id (as {@code lab profiles} shows it)
     * @param queriesPerDay queries a day, for a profile (required with it)
     * @param payloadBytes bytes moved per query (profile) or for the whole run; empty for none
     * @param cloud cloud placements {@code provider:type@region}; empty for {@link #DEFAULT_CLOUD}
     * @param rttMs the network round trip to a cloud region, ms, added to its latency; empty for none
     * @param edgeProfileId a lab profile measured on the edge device
     * @param edgeWatts the edge device's power while working, W (with {@code edgeLatencyMs})
     * @param edgeLatencyMs the edge device's latency per query (profile) or for the whole run, ms
     * @param edgeZone the edge device's grid zone; empty for this node's
     * @param edgeEmbodiedKg the edge device's manufacturing emissions, kgCO2eq
     * @param pue this node's PUE; empty for the run's node's stored PUE (a profile: the configured one, else 1, assumed)
     * @param embodiedKg this node's manufacturing emissions, kgCO2eq
     * @param years hardware life of this node and the edge device, years; empty for {@link #DEFAULT_YEARS}
     * @param utilisation the workload's CPU utilisation 0..1, where the user knows it
     */
    public record Request(OptionalLong runId, OptionalLong profileId, OptionalLong queriesPerDay, OptionalDouble payloadBytes, List<String> cloud,
            OptionalDouble rttMs, OptionalLong edgeProfileId, OptionalDouble edgeWatts, OptionalDouble edgeLatencyMs, Optional<String> edgeZone,
            OptionalDouble edgeEmbodiedKg, OptionalDouble pue, OptionalDouble embodiedKg, OptionalDouble years, OptionalDouble utilisation) {
        /** Copies the list. */
        public Request {
            cloud = List.copyOf(cloud);
        }
    }

    /**
     * The comparison.
     *
     * @param workload what was compared, in words
     * @param ranked the placements, lowest carbon first
     * @param location the store read
     */
    public record Comparison(String workload, List<PlacementEstimate> ranked, String location) {
    }

    /**
     * Compares with the built-in zone table's intensities.
     *
     * @throws CompareInputException for a missing or unknown run or profile, a missing flag, an unknown placement or
     *     zone, or a value out of range, naming it and the fix
     * @throws dev.greenloop.store.StoreException if the store cannot be read
     */
    public static Comparison compare(Settings settings, Request r, Consumer<String> notes) {
        return compare(settings, r, ZoneTable.builtIn(), notes);
    }

    /** As {@link #compare(Settings, Request, Consumer)}, with intensities from {@code intensities} (a trace, a live provider). */
    public static Comparison compare(Settings settings, Request r, IntensityProvider intensities, Consumer<String> notes) {
        Objects.requireNonNull(r, "request");
        if (r.runId().isPresent() == r.profileId().isPresent()) {
            throw new CompareInputException("give exactly one of --run ID and --profile ID; see 'greenloop runs list' and 'greenloop lab profiles'");
        }
        StoreConfig config = StoreConfig.fromEnvironment(settings.effectiveEnvironment());
        try {
            Placements placements = Placements.of(intensities);
            Subject subject = r.runId().isPresent() ? runSubject(settings, r, notes) : profileSubject(settings, config, r);
            List<PlacementEstimate> estimates = new ArrayList<>();
            estimates.add(placements.onPremises(subject.workload(), subject.node()));
            for (String spec : r.cloud().isEmpty() ? DEFAULT_CLOUD : r.cloud()) {
                estimates.add(placements.cloud(subject.workload(), spec, r.rttMs().orElse(0)));
            }
            edge(r, config, subject).ifPresent(e -> estimates.add(placements.edge(subject.workload(), e)));
            return new Comparison(subject.workload().name(), Placements.rank(estimates), subject.location());
        } catch (UnknownZoneException e) {
            throw new CompareInputException(e.getMessage() + "; pass --edge-zone or set GREENLOOP_ZONE to a zone 'greenloop zones' lists", e);
        } catch (IllegalArgumentException e) {
            // The carbon module's precondition messages name the value (a placement, a PUE, a utilisation).
            throw new CompareInputException(e.getMessage(), e);
        }
    }

    private record Subject(Workload workload, Placements.OnPremises node, double units, String location) {
    }

    private static Subject runSubject(Settings settings, Request r, Consumer<String> notes) {
        if (r.queriesPerDay().isPresent()) {
            throw new CompareInputException("--queries-per-day %d applies to --profile; a run is compared as it ran".formatted(r.queriesPerDay().getAsLong()));
        }
        long id = r.runId().getAsLong();
        try (Store store = RunStores.open(settings, notes)) {
            StoredRun run = store.findRun(id).orElseThrow(() -> new CompareInputException(
                    "no run %d in %s; see 'greenloop runs list'".formatted(id, store.location())));
            RunOutcome o = run.outcome().orElseThrow(() -> new CompareInputException(
                    "run %d is still running; compare it once it has ended".formatted(id)));
            Instant start = run.start().startedAt();
            double ms = Duration.between(start, o.endedAt()).toNanos() / 1e6;
            String name = "run %d (%s)".formatted(id, run.start().name());
            Workload w = new Workload(name, new Interval(start, o.endedAt()), new Range(o.totalMin().joules(), o.totalMax().joules()),
                    o.provenance() != Provenance.MODELLED, OptionalDouble.empty(), Range.of(ms), r.payloadBytes().orElse(0), r.utilisation());
            boolean given = r.pue().isPresent();
            double pue = given ? r.pue().getAsDouble() : run.start().node().pue();
            return new Subject(w, new Placements.OnPremises(run.start().node().name(), run.start().node().zone(), pue,
                    given ? "given with --pue" : "the node's PUE stored with the run (pass --pue to change it)",
                    r.embodiedKg(), r.years().orElse(DEFAULT_YEARS)), 1, store.location());
        }
    }

    private static Subject profileSubject(Settings settings, StoreConfig config, Request r) {
        long n = r.queriesPerDay().orElseThrow(() -> new CompareInputException(
                "--profile needs --queries-per-day N: how many queries a day the placements serve"));
        if (n < 1) {
            throw new CompareInputException("--queries-per-day %d must be at least 1".formatted(n));
        }
        try (ProfileStore profiles = Stores.openProfiles(config)) {
            NewProfile p = profile(profiles, r.profileId().getAsLong(), "--profile");
            double wallSeconds = p.throughputPerSecond() > 0 ? n / p.throughputPerSecond() : n * p.latencyMsP50() / 1000;
            if (!(wallSeconds >= 0) || !Double.isFinite(wallSeconds)) {
                throw new CompareInputException("profile %d has neither a throughput nor a latency to time %d queries by".formatted(r.profileId().getAsLong(), n));
            }
            Instant start = p.measuredAt();
            Workload w = new Workload("profile %d (%s %s %s) x %d queries".formatted(r.profileId().getAsLong(), p.model(), p.variant(), p.settings(), n),
                    new Interval(start, start.plusNanos((long) (wallSeconds * 1e9))), Range.of(p.joulesPerQuery() * n),
                    p.provenance() != Provenance.MODELLED, OptionalDouble.of(p.cpuSecondsPerQuery() * n), latency(p),
                    r.payloadBytes().orElse(0) * n, r.utilisation());
            Optional<String> configured = settings.get("PUE");
            String origin = r.pue().isPresent() ? "given with --pue"
                    : configured.isPresent() ? "configured (" + settings.origin("PUE") + ")" : "assumed (pass --pue)";
            double pue = r.pue().isPresent() ? r.pue().getAsDouble() : configured.map(Comparing::parsePue).orElse(1.0);
            String zone = ZoneChoice.resolve(null, settings).zone().code();
            return new Subject(w, new Placements.OnPremises(p.node(), zone, pue, origin, r.embodiedKg(), r.years().orElse(DEFAULT_YEARS)), n,
                    profiles.location());
        }
    }

    private static Optional<Placements.Edge> edge(Request r, StoreConfig config, Subject s) {
        String zone = r.edgeZone().orElse(s.node().zone());
        double years = r.years().orElse(DEFAULT_YEARS);
        if (r.edgeProfileId().isPresent()) {
            if (r.profileId().isEmpty()) {
                throw new CompareInputException("--edge-profile compares with a --profile (queries); for a run give --edge-watts and --edge-latency-ms");
            }
            try (ProfileStore profiles = Stores.openProfiles(config)) {
                NewProfile p = profile(profiles, r.edgeProfileId().getAsLong(), "--edge-profile");
                return Optional.of(new Placements.Edge("edge (%s, profile %d)".formatted(p.node(), r.edgeProfileId().getAsLong()),
                        Range.of(p.joulesPerQuery() * s.units()), p.provenance() != Provenance.MODELLED, latency(p), zone, r.edgeEmbodiedKg(), years,
                        "edge: profile %d measured on %s (%s)".formatted(r.edgeProfileId().getAsLong(), p.node(), p.provenance().label())));
            }
        }
        if (r.edgeWatts().isPresent() != r.edgeLatencyMs().isPresent()) {
            throw new CompareInputException("--edge-watts and --edge-latency-ms go together: give both, or --edge-profile ID");
        }
        if (r.edgeWatts().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Placements.Edge.ofPower(r.edgeWatts().getAsDouble(), r.edgeLatencyMs().getAsDouble(), s.units(), zone, r.edgeEmbodiedKg(),
                years));
    }

    private static NewProfile profile(ProfileStore profiles, long id, String flag) {
        // The store lists rows by result; a row id is found among them (a store holds thousands of rows, not millions).
        return profiles.list(Optional.empty(), Instant.EPOCH, Integer.MAX_VALUE).stream().filter(p -> p.id() == id).findFirst()
                .map(StoredProfile::profile)
                .orElseThrow(() -> new CompareInputException("%s %d: no such profile in %s; see 'greenloop lab profiles'".formatted(flag, id,
                        profiles.location())));
    }

    private static Range latency(NewProfile p) {
        double p50 = p.latencyMsP50();
        double p95 = Double.isNaN(p.latencyMsP95()) ? p50 : p.latencyMsP95();
        return Double.isNaN(p50) ? Range.of(0) : new Range(Math.min(p50, p95), Math.max(p50, p95));
    }

    private static double parsePue(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new CompareInputException("configured PUE '%s' is not a number; set GREENLOOP_PUE to e.g. 1.4".formatted(text), e);
        }
    }
}
