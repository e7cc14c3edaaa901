package dev.greenloop.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The serving zone's carbon intensity now, for the energy object of every embeddings request: the trace's or the
 * archived actual whose interval holds now, else the provider's newest; looked up at most once a minute. A zone whose
 * intensity is unknown now gives none (the response then has no carbon figure), and says so once in the log.
 */
public final class ServingIntensity implements Supplier<Optional<EmbeddingService.Intensity>> {

    /** How long one look-up is used. */
    static final Duration REFRESH = Duration.ofMinutes(1);

    private final ZoneIntensities intensities;
    private final String zone;
    private final Clock clock;
    private final Consumer<String> log;
    private Optional<EmbeddingService.Intensity> cached = Optional.empty();
    private Instant until = Instant.MIN;
    private String lastProblem;

    /**
     * @param intensities the zone's trace or provider
     * @param zone the zone, one of {@code intensities.zones()}
     * @param log told, once per distinct problem, why there is no intensity
     */
    public ServingIntensity(ZoneIntensities intensities, String zone, Clock clock, Consumer<String> log) {
        this.intensities = intensities;
        this.zone = zone;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public synchronized Optional<EmbeddingService.Intensity> get() {
        Instant now = clock.instant();
        if (now.isBefore(until)) {
            return cached;
        }
        until = now.plus(REFRESH);
        String problem;
        try {
            List<ZoneIntensities.Point> points = intensities.actuals(zone, now, now.plusSeconds(1));
            Optional<ZoneIntensities.Point> point = points.isEmpty() ? Optional.empty() : Optional.of(points.getLast());
            if (point.isEmpty() && intensities.hasForecasts(zone)) {
                point = intensities.latestActual(zone); // a provider: its current value
            }
            cached = point.map(p -> new EmbeddingService.Intensity(zone, p.gramsPerKWh(), p.source()));
            problem = point.isEmpty() ? "no intensity for %s holds now (does the trace end before now?): responses carry no carbon figure".formatted(zone) : null;
        } catch (RuntimeException e) {
            cached = Optional.empty();
            problem = "intensity for %s unavailable: %s; responses carry no carbon figure until it returns".formatted(zone, e.getMessage());
        }
        if (problem != null && !problem.equals(lastProblem)) {
            log.accept(problem);
        }
        lastProblem = problem;
        return cached;
    }
}
