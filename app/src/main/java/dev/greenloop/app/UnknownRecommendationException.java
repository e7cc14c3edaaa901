package dev.greenloop.app;

/** Thrown for a recommendation id the store does not hold; the message names it and how to list them. */
public final class UnknownRecommendationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param id the unknown id */
    public UnknownRecommendationException(String id) {
        super("no recommendation '%s'; 'greenloop recommendations list' lists them".formatted(id));
    }
}
