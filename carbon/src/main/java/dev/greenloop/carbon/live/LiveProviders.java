package dev.greenloop.carbon.live;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of live providers: the one place that knows which exist. A new provider is its
 * {@link LiveProvider} class and one {@link ProviderType} line in {@link #ALL}; {@code --provider}, its help
 * text, the backtest's source filter and the application layer read the registry.
 *
 * <p>Credentials and base URLs come from an environment map (variables named by each {@link ProviderType}),
 * never from the process environment directly, so that callers decide what the environment is.
 */
public final class LiveProviders {

    private static final String EM_BASE = "GREENLOOP_ELECTRICITYMAPS_URL";

    /** Every provider, in the order help texts list them. */
    private static final List<ProviderType> ALL = List.of(
            new ProviderType("neso", "NESO", NesoProvider.SOURCE, List.of(), "", "GREENLOOP_NESO_URL", NesoProvider.DEFAULT_BASE_URL,
                    "UK, no key", c -> new NesoProvider(c.baseUrl(), c.options(), c.sink(), c.cache(), c.clock())),
            new ProviderType("electricitymaps", "Electricity Maps", ElectricityMapsProvider.SOURCE,
                    List.of(ElectricityMapsProvider.TOKEN_VARIABLE), "an API token from the Electricity Maps portal", EM_BASE,
                    ElectricityMapsProvider.DEFAULT_BASE_URL, ElectricityMapsProvider.TOKEN_VARIABLE,
                    c -> new ElectricityMapsProvider(c.baseUrl(), c.credential(ElectricityMapsProvider.TOKEN_VARIABLE).strip(), c.basis(),
                            c.options(), c.sink(), c.cache(), c.clock())),
            new ProviderType("watttime", "WattTime", WattTimeProvider.SOURCE,
                    List.of(WattTimeProvider.USERNAME_VARIABLE, WattTimeProvider.PASSWORD_VARIABLE), "the account registered with WattTime",
                    "GREENLOOP_WATTTIME_URL", WattTimeProvider.DEFAULT_BASE_URL,
                    WattTimeProvider.USERNAME_VARIABLE + ", " + WattTimeProvider.PASSWORD_VARIABLE,
                    c -> new WattTimeProvider(c.baseUrl(), c.credential(WattTimeProvider.USERNAME_VARIABLE),
                            c.credential(WattTimeProvider.PASSWORD_VARIABLE), c.options(), c.sink(), c.cache(), c.clock())));

    private LiveProviders() {
    }

    /** @return every registered provider, in registration order, as an immutable list */
    public static List<ProviderType> all() {
        return ALL;
    }

    /** @return the registered names, in registration order, as an immutable list */
    public static List<String> names() {
        return ALL.stream().map(ProviderType::name).toList();
    }

    /**
     * @return the names with their descriptions, such as {@code neso (UK, no key), electricitymaps
     *     (ELECTRICITYMAPS_TOKEN) or watttime (...)}, for help texts and messages
     */
    public static String described() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ALL.size(); i++) {
            ProviderType t = ALL.get(i);
            b.append(i == 0 ? "" : i == ALL.size() - 1 ? " or " : ", ").append(t.name()).append(" (").append(t.description()).append(')');
        }
        return b.toString();
    }

    /**
     * @param name a registered name; case and surrounding blanks are ignored
     * @return its type
     * @throws UnknownProviderException if no provider has that name; the message lists the names
     */
    public static ProviderType named(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (ProviderType t : ALL) {
            if (t.name().equals(n)) {
                return t;
            }
        }
        throw new UnknownProviderException(name, names());
    }

    /**
     * Opens a provider: checks its credentials in {@code env}, resolves its base URL (its
     * {@link ProviderType#baseUrlVariable()} if set, else the public one), and builds it.
     *
     * @param name a registered name; case and surrounding blanks are ignored
     * @param env the environment to read credentials and base URLs from
     * @param basis {@code lifecycle} (or {@code lca}) or {@code direct}, any case: Electricity Maps' emission
     *     factors; the other providers have one basis and ignore it
     * @param options timeouts, retries and cache times
     * @param sink where fetched forecasts go
     * @return the provider, ready to use
     * @throws UnknownProviderException if no provider has that name
     * @throws MissingCredentialsException naming the first credential variable that is unset or blank
     * @throws InvalidBaseUrlException if the base URL variable is set to something that is not a URL with a host
     * @throws IllegalArgumentException if the provider rejects the basis
     */
    public static LiveProvider open(String name, Map<String, String> env, String basis, LiveOptions options, ArchiveSink sink) {
        return open(name, env, basis, options, sink, AnswerCache.NONE, java.time.Clock.systemUTC());
    }

    /**
     * Opens a provider as {@link #open(String, Map, String, LiveOptions, ArchiveSink)} does, sharing its answers
     * through {@code cache}: an answer kept there (by this process or another one) is reused while it is younger
     * than the lifetime in {@code options}, measured on {@code clock}.
     *
     * @throws UnknownProviderException if no provider has that name
     * @throws MissingCredentialsException naming the first credential variable that is unset or blank
     * @throws InvalidBaseUrlException if the base URL variable is set to something that is not a URL with a host
     * @throws IllegalArgumentException if the provider rejects the basis
     */
    public static LiveProvider open(String name, Map<String, String> env, String basis, LiveOptions options, ArchiveSink sink,
            AnswerCache cache, java.time.Clock clock) {
        ProviderType type = named(name);
        Map<String, String> credentials = new LinkedHashMap<>();
        for (String v : type.credentials()) {
            String value = env.get(v);
            if (value == null || value.isBlank()) {
                throw new MissingCredentialsException(type.displayName(), v, type.credentialHint());
            }
            credentials.put(v, value);
        }
        URI base = baseUrl(env, type.baseUrlVariable(), type.defaultBaseUrl());
        String b = basis.strip().toLowerCase(Locale.ROOT);
        if (b.equals("lca")) {
            b = LivePoint.LIFECYCLE;
        }
        return type.factory().open(new ProviderType.Connection(base, credentials, b, options, sink, cache, clock));
    }

    private static URI baseUrl(Map<String, String> env, String variable, URI fallback) {
        String v = env.get(variable);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            URI u = URI.create(v.strip());
            if (u.getScheme() != null && u.getHost() != null) {
                return u;
            }
        } catch (IllegalArgumentException e) {
            // Not a URI at all: the same answer as a URI without scheme or host, below.
        }
        throw new InvalidBaseUrlException(variable, v);
    }
}
