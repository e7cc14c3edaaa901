package dev.greenloop.app;

import dev.greenloop.carbon.UnknownZoneException;
import dev.greenloop.carbon.ZoneInfo;
import dev.greenloop.carbon.ZoneTable;
import java.util.Locale;
import java.util.Optional;

/**
 * The grid zone to account in, and how it was chosen: {@code --zone}, else {@code GREENLOOP_ZONE}
 * or the config file, else guessed from the locale (and said so), else the world average.
 *
 * @param zone the zone as the table spells it
 * @param origin how it was chosen, for the report: {@code --zone}, {@code GREENLOOP_ZONE}, {@code guessed from LANG=de_DE.UTF-8}
 * @param guessed true unless the user set it
 */
public record ZoneChoice(ZoneInfo zone, String origin, boolean guessed) {

    /**
     * Chooses the zone.
     *
     * @param flag the front end's zone (the CLI's {@code --zone}), or null
     * @param settings where {@code GREENLOOP_ZONE} or the config file's {@code zone} come from
     * @return the zone, and how it was chosen
     * @throws ConfigException for a zone the built-in table does not know, naming where it came from, with suggestions
     */
    public static ZoneChoice resolve(String flag, Settings settings) {
        ZoneTable table = ZoneTable.builtIn();
        if (flag != null) {
            return new ZoneChoice(known(flag, "--zone"), "--zone", false);
        }
        Optional<String> set = settings.get("ZONE");
        if (set.isPresent()) {
            String origin = settings.origin("ZONE");
            return new ZoneChoice(known(set.get(), origin), origin, false);
        }
        for (String var : new String[] {"LC_ALL", "LC_MEASUREMENT", "LANG"}) {
            String value = System.getenv(var);
            if (value != null && value.matches("[a-zA-Z]{2,3}_[A-Za-z]{2}([.@].*)?")) {
                String country = value.substring(value.indexOf('_') + 1, value.indexOf('_') + 3).toUpperCase(Locale.ROOT);
                Optional<ZoneInfo> z = ZoneTable.zoneForCountry(country).flatMap(table::find);
                if (z.isPresent()) {
                    return new ZoneChoice(z.get(), "guessed from " + var + "=" + value + "; set --zone or GREENLOOP_ZONE", true);
                }
            }
        }
        ZoneInfo world = table.find("WORLD").orElseThrow(() -> new IllegalStateException("built-in zone table lacks WORLD"));
        return new ZoneChoice(world, "no zone set: world average; set --zone or GREENLOOP_ZONE (see 'greenloop zones')", true);
    }

    /**
     * @param zone a zone code in any case
     * @param origin where it came from, for the message: {@code --zone}, {@code GREENLOOP_ZONE}
     * @return the built-in table's zone
     * @throws ConfigException for a zone the table does not know, naming the origin, with suggestions
     */
    static ZoneInfo known(String zone, String origin) {
        ZoneTable table = ZoneTable.builtIn();
        try {
            table.timeline(zone);
            return table.find(zone).orElseThrow();
        } catch (UnknownZoneException e) {
            throw new ConfigException(origin + ": " + e.getMessage());
        }
    }
}
