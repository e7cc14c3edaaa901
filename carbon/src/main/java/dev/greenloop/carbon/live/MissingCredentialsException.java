package dev.greenloop.carbon.live;

/** A provider needs a credential that is not set; the message names the environment variable to set. */
public final class MissingCredentialsException extends LiveProviderException {

    private final String variable;

    /**
     * @param provider the provider's name, for the message
     * @param variable the environment variable that must be set
     * @param hint where to get the credential
     */
    public MissingCredentialsException(String provider, String variable, String hint) {
        super("%s needs credentials: set the environment variable %s (%s)".formatted(provider, variable, hint));
        this.variable = variable;
    }

    /** @return the environment variable that must be set */
    public String variable() {
        return variable;
    }
}
