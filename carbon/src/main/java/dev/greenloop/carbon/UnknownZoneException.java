package dev.greenloop.carbon;

import java.util.List;
import java.util.Objects;

/**
 * Thrown when a grid zone code is not known to a provider. The message names the zone as given and lists close
 * matches, for example {@code unknown grid zone 'GERMANY': did you mean DE (Germany)? See 'greenloop zones' for the list.}
 */
public final class UnknownZoneException extends IllegalArgumentException {

    private final String zone;
    private final List<String> suggestions;

    /**
     * @param zone the zone as the caller gave it
     * @param suggestions codes of close matches, best first; may be empty
     * @param message the full message
     */
    UnknownZoneException(String zone, List<String> suggestions, String message) {
        super(message);
        this.zone = Objects.requireNonNull(zone, "zone");
        this.suggestions = List.copyOf(suggestions);
    }

    /** @return the zone as the caller gave it */
    public String zone() {
        return zone;
    }

    /** @return codes of close matches, best first; immutable, possibly empty */
    public List<String> suggestions() {
        return suggestions;
    }
}
