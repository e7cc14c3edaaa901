package dev.greenloop.app;

import java.util.Objects;

/**
 * A query for carbon intensity that cannot be answered as asked: a bad value (a window outside the forecast, a
 * negative window size), naming the request field at fault so that a front end can point at it (an HTTP API answers
 * 400 naming it).
 */
public class IntensityQueryException extends IllegalArgumentException {

    private final String field;

    /**
     * @param field the request field at fault, such as {@code dataStartAt}
     * @param message what is wrong and how to fix it, naming the bad value
     * @throws NullPointerException if an argument is null
     */
    public IntensityQueryException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** @return the request field at fault */
    public String field() {
        return field;
    }
}
