package dev.greenloop.server;

/**
 * An HTTP error to answer as RFC 7807 problem details ({@code application/problem+json}: {@code type}, {@code title},
 * {@code status}, {@code detail}, and {@code field} when one field is at fault). Handlers throw it; the server renders it.
 */
final class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    /** @param field the request field at fault (a query parameter, or a body path such as {@code [3].joules}), or null */
    ProblemException(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String detail() {
        return getMessage();
    }

    /** @return the field at fault, or null */
    String field() {
        return field;
    }
}
