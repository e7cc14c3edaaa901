package dev.greenloop.store;

/** A token could not be stored because another token has its name. */
public final class TokenNameTakenException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** @param name the name that is taken */
    public TokenNameTakenException(String name) {
        super("a token named '%s' exists already; give another name, or revoke and list tokens with 'greenloop server token'".formatted(name));
    }
}
