package dev.greenloop.carbon.live;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One kind of live provider in the {@link LiveProviders} registry: its name (what {@code --provider} takes),
 * the environment variables it needs, the source label its points carry, a one-line description, and how to
 * build one.
 *
 * @param name the registry key, lower case, such as {@code neso}
 * @param displayName the provider's own name for messages, such as {@code Electricity Maps}
 * @param source the {@link dev.greenloop.core.CarbonSignal#source()} of its points, as archived
 * @param credentials the environment variables that must be set and not blank, in the order checked; may be empty
 * @param credentialHint where to get the credentials, for the message when one is missing
 * @param baseUrlVariable the environment variable that replaces the public base URL (tests, mirrors)
 * @param defaultBaseUrl the public base URL
 * @param description one line for help texts, such as {@code UK, no key}
 * @param factory builds the provider from what the registry resolved
 */
public record ProviderType(String name, String displayName, String source, List<String> credentials, String credentialHint,
        String baseUrlVariable, URI defaultBaseUrl, String description, Factory factory) {

    /** Builds a provider; called by {@link LiveProviders#open} once the credentials are checked and the URL resolved. */
    @FunctionalInterface
    public interface Factory {

        /**
         * @throws IllegalArgumentException if the connection's basis is not one this provider serves
         */
        LiveProvider open(Connection connection);
    }

    /**
     * What a {@link Factory} builds a provider from.
     *
     * @param baseUrl the resolved base URL
     * @param credentials each of {@link ProviderType#credentials()} with its value, not blank
     * @param basis {@code lifecycle} or {@code direct}, lower case
     * @param options timeouts, retries and cache times
     * @param sink where fetched forecasts go
     * @param cache where fetched answers are shared with other provider objects and processes
     * @param clock the time that answers' ages are measured with
     */
    public record Connection(URI baseUrl, Map<String, String> credentials, String basis, LiveOptions options, ArchiveSink sink,
            AnswerCache cache, java.time.Clock clock) {

        /** @throws NullPointerException if an argument is null */
        public Connection {
            Objects.requireNonNull(baseUrl, "baseUrl");
            credentials = Map.copyOf(credentials);
            Objects.requireNonNull(basis, "basis");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(sink, "sink");
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(clock, "clock");
        }

        /** A connection that shares no answers, on the system clock. */
        public Connection(URI baseUrl, Map<String, String> credentials, String basis, LiveOptions options, ArchiveSink sink) {
            this(baseUrl, credentials, basis, options, sink, AnswerCache.NONE, java.time.Clock.systemUTC());
        }

        /** @return the value of credential {@code variable}, as set */
        public String credential(String variable) {
            return credentials.get(variable);
        }
    }

    /**
     * @throws NullPointerException if an argument other than {@code credentialHint} is null
     * @throws IllegalArgumentException if the name is blank or not lower case
     */
    public ProviderType {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || !name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("provider name must be lower case and not blank, was '" + name + "'");
        }
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(source, "source");
        credentials = List.copyOf(credentials);
        Objects.requireNonNull(baseUrlVariable, "baseUrlVariable");
        Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(factory, "factory");
    }
}
