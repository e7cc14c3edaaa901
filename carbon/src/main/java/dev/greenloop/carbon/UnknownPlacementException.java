package dev.greenloop.carbon;

/** A cloud provider, instance type or region that the coefficient tables do not hold; the message names it and the known ones. */
public final class UnknownPlacementException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message names the unknown value and lists the known ones */
    public UnknownPlacementException(String message) {
        super(message);
    }
}
