package dev.greenloop.carbon.live;

/** A provider name the {@link LiveProviders} registry does not know; the message lists the names it does. */
public final class UnknownProviderException extends IllegalArgumentException {

    private final String name;

    /**
     * @param name the name asked for, as given
     * @param known the registry's names
     */
    public UnknownProviderException(String name, java.util.List<String> known) {
        super("'%s' is not one of %s".formatted(name, String.join(", ", known)));
        this.name = name;
    }

    /** @return the name asked for, as given */
    public String name() {
        return name;
    }
}
