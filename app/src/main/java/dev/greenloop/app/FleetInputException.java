package dev.greenloop.app;

/** Bad input to the fleet's use cases: the message names the value (a sample's index and field) and the fix. */
public final class FleetInputException extends RuntimeException {

    private final String field;

    /** @param field the field at fault, such as {@code [3].joules} or {@code from} */
    public FleetInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the field at fault, such as {@code [3].joules} or {@code from} */
    public String field() {
        return field;
    }
}
