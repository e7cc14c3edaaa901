package dev.greenloop.carbon.live;

/**
 * An environment variable meant to replace a provider's base URL holds something that is not one; the message
 * names the variable and its value.
 */
public final class InvalidBaseUrlException extends IllegalArgumentException {

    /**
     * @param variable the environment variable
     * @param value its value
     */
    public InvalidBaseUrlException(String variable, String value) {
        super("%s: '%s' is not a base URL such as http://127.0.0.1:8080".formatted(variable, value));
    }
}
