package dev.greenloop.carbon;

import dev.greenloop.core.IntensityTimeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table of yearly grid carbon intensities, one value per zone. {@link #builtIn()} is the table shipped with
 * Greenloop: about 210 countries and territories from Ember via Our World in Data, Australian states from the National
 * Greenhouse Accounts Factors and US balancing authorities from EPA eGRID, each row citing its source and year.
 *
 * <p>A yearly mean is a fallback for when no hourly signal is available; the {@link IntensityTimeline#signal()} of
 * every zone says {@code resolution = "yearly"}, whether the source counts {@code lifecycle} or {@code direct}
 * emissions, and which source and year the value comes from. Immutable and thread-safe.
 */
public final class ZoneTable implements IntensityProvider {

    static final String RESOURCE = "/dev/greenloop/carbon/zones.csv";
    private static final int DEFAULT_SUGGESTIONS = 3;
    /** Country codes people and some systems use that are not the ISO 3166-1 code of the zone. */
    private static final Map<String, String> COUNTRY_ALIASES = Map.of("UK", "GB", "EL", "GR");

    /** A class rather than a lambda: bootstrapping lambdas costs milliseconds at a cold start. */
    private static final Comparator<Zone> BY_CODE = new Comparator<>() {
        @Override
        public int compare(Zone a, Zone b) {
            return a.info().code().compareTo(b.info().code());
        }
    };

    private final List<ZoneInfo> zones;
    private final Map<String, Zone> byCode;
    /** Timelines are made on first request and kept: they are immutable and cheap, and callers may ask often. */
    private final Map<String, YearlyTimeline> timelines;

    ZoneTable(List<Zone> rows) {
        List<Zone> sorted = new ArrayList<>(rows);
        sorted.sort(BY_CODE);
        Map<String, Zone> codes = HashMap.newHashMap(sorted.size());
        List<ZoneInfo> infos = new ArrayList<>(sorted.size());
        for (Zone zone : sorted) {
            if (codes.put(zone.info().code(), zone) != null) {
                throw new IllegalArgumentException("duplicate zone code " + zone.info().code());
            }
            infos.add(zone.info());
        }
        this.zones = List.copyOf(infos);
        this.byCode = Map.copyOf(codes);
        this.timelines = new ConcurrentHashMap<>();
    }

    /**
     * Returns the table shipped with Greenloop, loaded from the class path on first use (a few milliseconds) and
     * shared afterwards.
     *
     * @return the built-in table, the same instance on every call
     * @throws IllegalStateException if the bundled resource is missing or malformed (a packaging error)
     */
    public static ZoneTable builtIn() {
        return BuiltIn.TABLE;
    }

    /**
     * @param code a zone code in any case, surrounding blanks ignored: {@code de}, {@code DE}, {@code us-cal-ciso}
     * @return the zone, or empty if the table has no such code
     * @throws NullPointerException if {@code code} is null
     */
    public Optional<ZoneInfo> find(String code) {
        Zone zone = byCode.get(normalize(code));
        return zone == null ? Optional.empty() : Optional.of(zone.info());
    }

    /**
     * Suggests zones a user may have meant: codes within a small edit distance ({@code US-TEX-ERCT}), codes that
     * start with the input ({@code US-CAL}), the parent of an unknown sub-zone ({@code DE-BY} gives {@code DE}), and
     * zones whose name matches ({@code germany} gives {@code DE}, {@code california} gives {@code US-CAL-CISO},
     * {@code UK} gives {@code GB}).
     *
     * @param unknown what the user typed
     * @param max the most suggestions to return; 0 or less gives an empty list
     * @return zone codes, best first; immutable, possibly empty
     * @throws NullPointerException if {@code unknown} is null
     */
    public List<String> suggest(String unknown, int max) {
        Objects.requireNonNull(unknown, "unknown");
        return ZoneSuggester.suggest(zones, unknown, max);
    }

    /**
     * Guesses the zone of a country, for example from the JVM locale's country, so that a caller can say which zone
     * it guessed. Countries whose grid is split into several zones still answer the country-wide zone.
     *
     * @param iso2 an ISO 3166-1 alpha-2 country code in any case, such as {@code DE}; {@code UK} is taken as
     *     {@code GB}
     * @return the built-in zone for that country, or empty if the built-in table has none (or {@code iso2} is blank)
     * @throws NullPointerException if {@code iso2} is null
     */
    public static Optional<String> zoneForCountry(String iso2) {
        String code = normalize(iso2);
        if (code.length() != 2) {
            return Optional.empty();
        }
        code = COUNTRY_ALIASES.getOrDefault(code, code);
        return builtIn().find(code).map(ZoneInfo::code);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The timeline answers, for any instant, one point covering the UTC calendar year that contains it, with this
     * table's value for the zone (the latest year the source publishes).
     */
    @Override
    public IntensityTimeline timeline(String zone) {
        String code = normalize(zone);
        Zone row = byCode.get(code);
        if (row == null) {
            throw unknown(zone);
        }
        YearlyTimeline timeline = timelines.get(code);
        if (timeline == null) {
            YearlyTimeline made = new YearlyTimeline(row);
            timeline = timelines.putIfAbsent(code, made);
            return timeline == null ? made : timeline;
        }
        return timeline;
    }

    @Override
    public List<ZoneInfo> zones() {
        return zones;
    }

    @Override
    public String toString() {
        return "ZoneTable[" + zones.size() + " zones]";
    }

    private UnknownZoneException unknown(String zone) {
        List<String> suggestions = suggest(zone, DEFAULT_SUGGESTIONS);
        StringBuilder message = new StringBuilder("unknown grid zone '").append(zone).append('\'');
        if (!suggestions.isEmpty()) {
            message.append(": did you mean ");
            for (int i = 0; i < suggestions.size(); i++) {
                if (i > 0) {
                    message.append(i == suggestions.size() - 1 ? " or " : ", ");
                }
                String code = suggestions.get(i);
                message.append(code).append(" (").append(byCode.get(code).info().name()).append(')');
            }
            message.append('?');
        } else {
            message.append('.');
        }
        message.append(" See 'greenloop zones' for the list.");
        return new UnknownZoneException(zone, suggestions, message.toString());
    }

    private static String normalize(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }

    static ZoneTable load(String resource) {
        InputStream in = ZoneTable.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("built-in zone table " + resource + " is missing from the class path");
        }
        try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return new ZoneTable(ZoneCsv.parse(reader, resource));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot load built-in zone table " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Holder idiom: the resource is parsed on first use of {@link #builtIn()}, once, without locking afterwards. */
    private static final class BuiltIn {
        static final ZoneTable TABLE = load(RESOURCE);
    }
}
