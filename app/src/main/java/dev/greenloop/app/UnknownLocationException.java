package dev.greenloop.app;

import java.util.List;

/**
 * A location (grid zone) the server has no intensity source for: neither a trace nor a provider was configured for
 * it. The message names it and the zones that are known (an HTTP API answers 404).
 */
public final class UnknownLocationException extends IntensityQueryException {

    private final String location;
    private final List<String> known;

    /**
     * @param field the request field that named it, such as {@code location}
     * @param location the location as the caller gave it
     * @param known the zones that are known, in order
     */
    public UnknownLocationException(String field, String location, List<String> known) {
        super(field, "no intensity data for location '%s'; known locations: %s (start the server with --trace %s=FILE or --provider P --zone %s)"
                .formatted(location, known.isEmpty() ? "none" : String.join(", ", known), location, location));
        this.location = location;
        this.known = List.copyOf(known);
    }

    /** @return the location as the caller gave it */
    public String location() {
        return location;
    }

    /** @return the zones that are known; immutable */
    public List<String> known() {
        return known;
    }
}
