package dev.greenloop.cli.schedule;

import dev.greenloop.app.IntensityService;
import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.live.LivePoint;
import dev.greenloop.carbon.live.LiveProvider;
import dev.greenloop.carbon.live.LiveProviderException;
import dev.greenloop.schedule.live.Forecasts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live scheduler's data from a live provider ({@code schedule run --provider P --zone Z}): each zone's
 * forecast, fetched again once {@code refresh} has passed (the provider caches and archives what it
 * fetches). The fingerprint is the forecasts' content, so the scheduler re-plans waiting jobs exactly
 * when a newly issued forecast differs. When a fetch fails, the last good forecast of that zone is kept and
 * the fetch is retried with back-off — after 1, 2, 4... minutes, never later than {@code refresh} — so that an
 * outage ends for the scheduler soon after it ends for the provider (jobs without data wait meanwhile).
 */
final class ProviderForecasts implements Forecasts {

    private final LiveProvider provider;
    private final List<String> zones;
    private final Duration refresh;
    private final Clock clock;
    private final Map<String, IntensityTrace> latest = new LinkedHashMap<>();
    /** The first retry after a failed fetch; each further failure doubles it, up to the refresh. */
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);

    private Instant fetchedAt;
    private Instant nextFetch;
    private Duration backOff = Duration.ZERO;
    private String fingerprint = "";

    /**
     * Opens the provider with {@code refresh} as its cache lifetime, so that a forecast is reused (from this process's
     * memory or the store, where other commands' fetches are) only while it is younger than {@code refresh}.
     *
     * @param basis {@code lifecycle} or {@code direct}, for the providers that have both
     * @param zones the zones to fetch, in order; the first is the default zone of jobs submitted without one
     * @param refresh how long a fetched forecast is used before asking again
     * @throws dev.greenloop.carbon.live.UnknownProviderException if no provider has that name
     * @throws dev.greenloop.carbon.live.MissingCredentialsException naming a credential that is not set
     */
    static ProviderForecasts open(IntensityService service, String provider, String basis, List<String> zones, Duration refresh,
            Clock clock) {
        return new ProviderForecasts(service.provider(provider, basis, refresh), zones, refresh, clock);
    }

    /**
     * @param zones the zones to fetch, in order; the first is the default zone of jobs submitted without one
     * @param refresh how long a fetched forecast is used before asking again
     */
    ProviderForecasts(LiveProvider provider, List<String> zones, Duration refresh, Clock clock) {
        this.provider = provider;
        this.zones = List.copyOf(zones);
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public synchronized String fingerprint() {
        Instant now = clock.instant();
        if (fetchedAt != null && now.isBefore(nextFetch)) {
            return fingerprint;
        }
        List<String> failures = new ArrayList<>();
        for (String zone : zones) {
            try {
                List<LivePoint> points = provider.forecast(zone);
                latest.put(zone, IntensityService.trace(points));
            } catch (LiveProviderException | IllegalArgumentException e) {
                failures.add("%s: %s".formatted(zone, e.getMessage()));
            }
        }
        fetchedAt = now;
        // From the end of the fetch: the provider's answer is timed from when its request started, after 'now', so a
        // next fetch timed from 'now' would find it a little younger than the refresh and reuse it for a whole cycle.
        Instant done = clock.instant();
        if (failures.isEmpty()) {
            backOff = Duration.ZERO;
            nextFetch = done.plus(refresh);
        } else {
            backOff = backOff.isZero() ? FIRST_RETRY : backOff.multipliedBy(2);
            if (backOff.compareTo(refresh) > 0) {
                backOff = refresh;
            }
            nextFetch = done.plus(backOff);
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, IntensityTrace> e : latest.entrySet()) {
            IntensityTrace t = e.getValue();
            b.append(e.getKey()).append(':').append(t.start()).append(':').append(java.util.Arrays.hashCode(t.values())).append(';');
        }
        fingerprint = b.toString();
        if (!failures.isEmpty()) {
            throw new UncheckedIOException("%s forecast not fetched (kept the last good one where there is one; next try in %d min)"
                    .formatted(provider.name(), backOff.toMinutes()), new IOException(String.join("; ", failures)));
        }
        return fingerprint;
    }

    @Override
    public synchronized List<IntensityTrace> traces(List<String> wanted, Instant from, Instant to) {
        if (fetchedAt == null) {
            fingerprint();
        }
        List<IntensityTrace> out = new ArrayList<>();
        for (String z : wanted.isEmpty() ? zones : wanted) {
            IntensityTrace t = latest.get(z);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public List<String> zones() {
        return zones;
    }
}
