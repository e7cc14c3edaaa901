package dev.greenloop.app;

/**
 * A forecast was asked for a location whose sources hold no forecast: a location served from a trace file has only
 * historic data, and a provider's location may have no forecast archived for the time asked. The message names the
 * location and what would give it one (the Carbon Aware SDK answers 501 when its data source cannot forecast).
 */
public final class NoForecastException extends RuntimeException {

    private final String location;
    private final boolean unsupported;

    /**
     * @param location the location as the caller gave it
     * @param unsupported true if the location has no forecast source at all, false if its source has none for the
     *     time asked
     * @param message why there is no forecast, naming the location
     */
    public NoForecastException(String location, boolean unsupported, String message) {
        super(message);
        this.location = location;
        this.unsupported = unsupported;
    }

    /** @return true if the location has no forecast source at all (501), false if none is kept for the time asked (404) */
    public boolean unsupported() {
        return unsupported;
    }

    /** @return the location as the caller gave it */
    public String location() {
        return location;
    }
}
