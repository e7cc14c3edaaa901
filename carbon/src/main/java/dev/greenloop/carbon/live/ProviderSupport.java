package dev.greenloop.carbon.live;

import dev.greenloop.core.Interval;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the three providers share: the HTTP fetcher, the caches, the archive hook, the clock, and reading
 * answers with a message that names the provider and the request. Thread-safe.
 *
 * <p>Caching: an answer is looked for in this object's memory, then in the shared {@link AnswerCache} (the
 * store, which other processes fill too), and is fetched only when neither holds one younger than the
 * lifetime in {@link LiveOptions}; a fetched answer goes into both, with the time of the fetch.
 */
final class ProviderSupport {

    final String name;
    final LiveOptions options;
    final Clock clock;
    private final URI baseUrl;
    private final HttpFetcher http;
    private final ArchiveSink sink;
    private final AnswerCache shared;
    /** What keys in the shared cache start with: the provider, its base URL and its basis where it has several. */
    private final String scope;
    private final TtlCache<List<LivePoint>> points;
    private final TtlCache<List<LivePoint>> series;

    ProviderSupport(String name, URI baseUrl, LiveOptions options, ArchiveSink sink, Clock clock, HttpFetcher.Sleeper sleeper) {
        this(name, "", baseUrl, options, sink, AnswerCache.NONE, clock, sleeper);
    }

    /**
     * @param flavour what else tells this provider's answers apart from another's of the same name and URL (the
     *     basis of Electricity Maps), or empty
     * @param shared where answers are shared with other provider objects and processes
     */
    ProviderSupport(String name, String flavour, URI baseUrl, LiveOptions options, ArchiveSink sink, AnswerCache shared, Clock clock,
            HttpFetcher.Sleeper sleeper) {
        this.name = name;
        this.baseUrl = trimSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.options = Objects.requireNonNull(options, "options");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.scope = name + " " + withoutUserInfo(this.baseUrl) + (flavour.isEmpty() ? "" : " " + flavour);
        this.clock = clock;
        this.http = new HttpFetcher(name, options, clock, sleeper);
        this.points = new TtlCache<>(clock);
        this.series = new TtlCache<>(clock);
    }

    /** @return the base URL joined with {@code path} (starting with {@code /}) and the query parameters, encoded */
    URI uri(String path, String... query) {
        StringBuilder url = new StringBuilder(baseUrl.toString()).append(path);
        for (int i = 0; i + 1 < query.length; i += 2) {
            url.append(i == 0 ? '?' : '&').append(encode(query[i])).append('=').append(encode(query[i + 1]));
        }
        return URI.create(url.toString());
    }

    /**
     * GETs {@code uri} and parses the answer, then hands it to {@code reader}; a shape that {@code reader}
     * does not expect becomes a {@link LiveProviderException} naming the provider and the path.
     */
    <T> T fetch(URI uri, Map<String, String> headers, List<String> secrets, Function<Object, T> reader) {
        String body = http.get(uri, headers, secrets);
        try {
            return reader.apply(Json.parse(body));
        } catch (Json.BadAnswerException | IllegalArgumentException e) {
            List<String> hidden = HttpFetcher.hidden(headers, secrets);
            throw new LiveProviderException("%s: cannot read the answer from %s: %s"
                    .formatted(name, HttpFetcher.redact(uri.getRawPath(), hidden), HttpFetcher.redact(String.valueOf(e.getMessage()), hidden)), 200, e);
        }
    }

    /** @return the cached current value under {@code key}, or a freshly loaded one */
    LivePoint current(String key, Supplier<LivePoint> loader) {
        return points.get(key, options.currentTtl(), () -> load("current " + key, options.currentTtl(),
                () -> List.of(loader.get()))).getFirst();
    }

    /** @return the cached history under {@code key}, or a freshly loaded one */
    List<LivePoint> history(String key, Supplier<List<LivePoint>> loader) {
        return series.get("history " + key, options.historyTtl(), () -> load("history " + key, options.historyTtl(), loader));
    }

    /** @return the cached forecast under {@code key}, or a freshly loaded one, which is archived first */
    List<LivePoint> forecast(String key, Supplier<List<LivePoint>> loader) {
        return series.get("forecast " + key, options.forecastTtl(), () -> load("forecast " + key, options.forecastTtl(), () -> {
            List<LivePoint> forecast = List.copyOf(loader.get());
            if (!forecast.isEmpty()) {
                try {
                    sink.archive(forecast);
                } catch (RuntimeException e) {
                    throw new LiveProviderException("%s: cannot archive the forecast for %s issued at %s: %s".formatted(
                            name, forecast.getFirst().zone(), forecast.getFirst().issuedAt(), e.getMessage()), 0, e);
                }
            }
            return forecast;
        }));
    }

    /**
     * @return the shared cache's answer under {@code key} if it is younger than {@code ttl}, else a fetched one,
     *     which is kept there with the time the fetch started
     */
    private TtlCache.Timed<List<LivePoint>> load(String key, Duration ttl, Supplier<List<LivePoint>> fetch) {
        String sharedKey = scope + " " + key;
        Optional<AnswerCache.Answer> found;
        try {
            found = ttl.isZero() ? Optional.empty() : shared.find(sharedKey);
        } catch (RuntimeException e) {
            throw new LiveProviderException("%s: cannot read the answer cache: %s".formatted(name, e.getMessage()), 0, e);
        }
        if (found.isPresent() && TtlCache.fresh(found.get().fetchedAt(), ttl, clock.instant())) {
            try {
                return new TtlCache.Timed<>(CachedPoints.decode(found.get().body()), found.get().fetchedAt());
            } catch (Json.BadAnswerException | IllegalArgumentException e) {
                // A kept answer this code cannot read (written by another version, say) is only a missed
                // shortcut: fetching again below replaces it, and the caller gets a fresh answer.
            }
        }
        Instant fetchedAt = clock.instant();
        List<LivePoint> value = List.copyOf(fetch.get());
        try {
            shared.keep(sharedKey, new AnswerCache.Answer(fetchedAt, CachedPoints.encode(value)));
        } catch (RuntimeException e) {
            throw new LiveProviderException("%s: cannot keep the answer in the answer cache: %s".formatted(name, e.getMessage()), 0, e);
        }
        return new TtlCache.Timed<>(value, fetchedAt);
    }

    /**
     * @return one interval per start: each until the next start, the last one as long as the one before it
     *     (or {@code single} when there is only one)
     * @throws IllegalArgumentException if the starts are not strictly increasing
     */
    static List<Interval> spans(List<Instant> starts, Duration single) {
        List<Interval> spans = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            Instant start = starts.get(i);
            Instant end;
            if (i + 1 < starts.size()) {
                end = starts.get(i + 1);
                if (!end.isAfter(start)) {
                    throw new IllegalArgumentException("times are not increasing: %s then %s".formatted(start, end));
                }
            } else {
                end = i == 0 ? start.plus(single) : start.plus(Duration.between(starts.get(i - 1), start));
            }
            spans.add(new Interval(start, end));
        }
        return spans;
    }

    /** @throws IllegalArgumentException if {@code to} is not after {@code from} */
    static void checkRange(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("history range end %s is not after its start %s".formatted(to, from));
        }
    }

    /** @return the URL without a {@code user:password@} part, which must not end up in a stored key */
    static String withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static URI trimSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }
}
