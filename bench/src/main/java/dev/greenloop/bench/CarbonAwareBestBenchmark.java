package dev.greenloop.bench;

import dev.greenloop.app.Fleet;
import dev.greenloop.server.GreenloopServer;
import dev.greenloop.server.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code GET /emissions/bylocations/best} (the Carbon Aware SDK route) over a year of hourly data for five locations,
 * as a client sees it: one HTTP request on loopback to a real {@link GreenloopServer} serving five trace files, and
 * its whole JSON answer read. The target is at most 50 ms.
 *
 * <p>The five years of hourly data come from the shared real traces: Spain and Norway (Electricity Maps, 2022,
 * hourly) as they are, and Germany, Great Britain and France (Let's Wait Awhile, 2020, 15 and 30 minutes) as hourly
 * means of their first 8,760 hours of 2020, moved to 2022. The request asks for all of 2022.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CarbonAwareBestBenchmark {

    /** The shared carbon traces' folder (shared/data/carbon). */
    @Param("")
    public String data;

    private Path dir;
    private GreenloopServer server;
    private HttpClient client;
    private HttpRequest request;

    @Setup
    public void start() throws IOException {
        Path carbon = Path.of(data);
        if (data.isBlank() || !Files.isDirectory(carbon)) {
            throw new IllegalArgumentException("give the shared carbon traces' folder: -p data=shared/data/carbon, was '" + data + "'");
        }
        dir = Files.createTempDirectory("casdk-best");
        List<ServerOptions.Trace> traces = new ArrayList<>();
        traces.add(new ServerOptions.Trace("ES", carbon.resolve("em_ES_2022_hourly.csv")));
        traces.add(new ServerOptions.Trace("NO", carbon.resolve("em_NO_2022_hourly.csv")));
        for (String[] z : new String[][] {{"DE", "lwa_ger_2020_ci.csv"}, {"GB", "lwa_gb_2020_ci.csv"}, {"FR", "lwa_fr_2020_ci.csv"}}) {
            traces.add(new ServerOptions.Trace(z[0], hourly2022(carbon.resolve(z[1]), dir.resolve(z[0] + "_2022_hourly.csv"))));
        }
        // GREENLOOP_HOME may point anywhere: trace-only zones never open the store.
        server = GreenloopServer.start(new Fleet(null), new ServerOptions(0, "127.0.0.1", traces, List.of(), false, Optional.empty(),
                Optional.empty(), false, false, "bench"));
        client = HttpClient.newHttpClient();
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/emissions/bylocations/best?location=ES&location=NO&location=DE&location=GB&location=FR"
                + "&time=2022-01-01T00:00:00Z&toTime=2023-01-01T00:00:00Z")).GET().build();
        String body = best();
        if (!body.startsWith("[{\"location\"")) {
            throw new IllegalStateException("unexpected answer: " + body);
        }
        System.out.println("answer: " + body);
    }

    /** Writes the first 8,760 hours of 2020 of a Let's Wait Awhile trace as hourly means, moved to 2022. */
    private static Path hourly2022(Path lwa, Path out) throws IOException {
        TreeMap<Instant, double[]> hours = new TreeMap<>();
        List<String> lines = Files.readAllLines(lwa);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Instant t = LocalDateTime.parse(cells[0].strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
            double[] sum = hours.computeIfAbsent(t, k -> new double[2]);
            sum[0] += Double.parseDouble(cells[1].strip());
            sum[1]++;
        }
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        StringBuilder csv = new StringBuilder("time,value\n");
        for (int h = 0; h < 8760; h++) {
            double[] sum = hours.get(from.plus(h, ChronoUnit.HOURS));
            Instant to = Instant.parse("2022-01-01T00:00:00Z").plus(h, ChronoUnit.HOURS);
            csv.append(to).append(',').append(sum[0] / sum[1]).append('\n');
        }
        return Files.writeString(out, csv);
    }

    @Benchmark
    public String best() {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @TearDown
    public void stop() throws IOException {
        server.close();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
