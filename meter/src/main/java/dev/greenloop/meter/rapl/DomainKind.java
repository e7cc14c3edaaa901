package dev.greenloop.meter.rapl;

import dev.greenloop.core.Scope;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of RAPL domain, by the {@code name} file of their zone, with the scope they report and
 * the plausible peak power used to bound counter wraps.
 *
 * <p>Plausible peaks are deliberately above any shipping part (server packages reach about 400 W,
 * DIMMs of one socket well under 150 W): a higher peak only makes the source read more often and
 * bounds the wraps it can infer more loosely. Core and uncore sit inside their package, so they
 * take the package's peak.
 */
enum DomainKind {
    /** {@code package-N} or {@code package-N-die-M}. */
    PACKAGE(Scope.CPU_PACKAGE, 500),
    /** {@code dram}: memory attached to a package. */
    DRAM(Scope.DRAM, 150),
    /** {@code psys}: the platform. */
    PSYS(Scope.PSYS, 500),
    /** {@code core} (PP0): the cores of a package. */
    CORE(Scope.CORE, 500),
    /** {@code uncore} (PP1): the uncore or integrated GPU of a package. */
    UNCORE(Scope.UNCORE, 500);

    private static final Pattern PACKAGE_NAME = Pattern.compile("package-(\\d+(?:-die-\\d+)?)");

    private final Scope scope;
    private final double peakWatts;

    DomainKind(Scope scope, double peakWatts) {
        this.scope = scope;
        this.peakWatts = peakWatts;
    }

    Scope scope() {
        return scope;
    }

    double peakWatts() {
        return peakWatts;
    }

    /** @return the kind a zone's {@code name} denotes; empty for a name this meter does not know */
    static Optional<DomainKind> of(String zoneName) {
        return switch (zoneName) {
            case "dram" -> Optional.of(DRAM);
            case "psys" -> Optional.of(PSYS);
            case "core" -> Optional.of(CORE);
            case "uncore" -> Optional.of(UNCORE);
            default -> packageSuffix(zoneName).map(s -> PACKAGE);
        };
    }

    /** @return for {@code package-0} {@code "0"}, for {@code package-0-die-1} {@code "0-die-1"}; empty for other names */
    static Optional<String> packageSuffix(String zoneName) {
        Matcher m = PACKAGE_NAME.matcher(zoneName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** @return the package index of {@code package-3} or {@code package-3-die-1} ({@code 3}); -1 for other names */
    static int packageIndex(String zoneName) {
        return packageSuffix(zoneName).map(s -> Integer.parseInt(s.split("-")[0])).orElse(-1);
    }
}
