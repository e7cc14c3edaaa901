package dev.greenloop.cli.lab;

import dev.greenloop.app.ServingPolicy;
import dev.greenloop.app.ServingProfile;
import dev.greenloop.app.ServingReplay;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneIntensities;
import dev.greenloop.cli.InputFiles;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop serve replay}: a day of requests against a zone's intensity trace, carbon-aware against always the
 * best variant, with energy per request from the stored profiles (modelled). docs/serving.md describes it.
 */
@Command(name = "replay", description = {
        "Replay a day of requests (a count trace such as NAB's elb_request_count) on a day of a zone's intensity trace, with carbon-aware",
        "serving and with the best-quality variant always; print the kWh and gCO2e of both and the saving. Energy per request is each",
        "variant's stored energy per query ('greenloop lab profile'): modelled from the profiles, nothing is run."})
public final class ServeReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model whose stored profiles give energy and quality.")
    String model;

    @Option(names = "--variants", paramLabel = "V1,V2", split = ",", required = true, description = "The variants the policy chooses from.")
    List<String> variants;

    @Mixin
    CarbonAwareOptions carbon = new CarbonAwareOptions();

    @Option(names = "--zone", required = true, paramLabel = "Z", description = "The grid zone of --trace.")
    String zone;

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "The zone's carbon-intensity trace (as 'intensity' reads them).")
    Path trace;

    @Option(names = "--day", required = true, paramLabel = "YYYY-MM-DD", description = "The day of --trace to replay on (UTC).")
    String day;

    @Option(names = "--requests", required = true, paramLabel = "FILE", description = "Requests per interval: 'timestamp,value' rows (UTC).")
    Path requests;

    @Option(names = "--requests-day", required = true, paramLabel = "YYYY-MM-DD", description = "The day of --requests to replay.")
    String requestsDay;

    @Override
    public Integer call() {
        Settings settings = Main.settings(spec);
        PrintWriter out = spec.commandLine().getOut();
        carbon.carbonAware = true;
        zone = zone.strip().toUpperCase(Locale.ROOT);
        carbon.check(zone, "--zone");
        InputFiles.require("--trace", trace);
        InputFiles.require("--requests", requests);
        LocalDate onto = date("--day", day);
        ServingReplay.Requests arrivals;
        try {
            arrivals = ServingReplay.Requests.fromCounts(requests, date("--requests-day", requestsDay), onto);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UsageException("--requests: " + e.getMessage());
        }
        List<String> names = variants.stream().map(v -> LabModelOptions.parseVariant("--variants", v.strip()).name()).distinct().toList();
        Map<String, ServingProfile> profiles;
        try {
            profiles = ServingProfile.newestByVariant(LabServices.create(settings, false).profiles(Optional.of(model), 1_000));
        } catch (StoreException e) {
            throw new UsageException("the stored profiles cannot be read (%s); 'greenloop lab profiles' shows them".formatted(e.getMessage()));
        }
        try (ZoneIntensities intensities = ZoneIntensities.open(Map.of(zone, trace), Map.of(), settings.effectiveEnvironment(), Clock.systemUTC())) {
            ServingPolicy.Grid grid = ServingPolicy.Grid.of(intensities, zone);
            ServingReplay.Report r = ServingReplay.run(arrivals, clock -> carbon.policy(model, names, profiles, intensities, zone, clock).orElseThrow(),
                    grid);
            print(out, r, profiles, names);
        } catch (IOException e) {
            throw new UsageException("--trace %s: cannot be read: %s".formatted(trace, e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--trace %s: %s".formatted(trace, e.getMessage()));
        }
        return 0;
    }

    private static LocalDate date(String flag, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new UsageException("%s '%s': give a date as YYYY-MM-DD".formatted(flag, value));
        }
    }

    private void print(PrintWriter out, ServingReplay.Report r, Map<String, ServingProfile> profiles, List<String> names) {
        out.printf("requests: %s%n", r.requests());
        out.printf("grid: %s on %s (%s)%n", zone, day, trace.getFileName());
        out.printf("policy: %s%n", r.rule());
        r.inert().ifPresent(w -> out.printf("note: %s%n", w));
        for (String v : names) {
            ServingProfile p = profiles.get(v);
            out.printf(Locale.ROOT, "energy per request, %s: %.6f J (stored profile of result %d, %s; the replay's figures are modelled from it)%n", v,
                    p.joulesPerQuery(), p.resultId(), p.provenance().label());
        }
        out.printf("%-14s %10s  %-26s %14s %14s%n", "", "requests", "by variant", "kWh", "gCO2e");
        row(out, "always best", r.alwaysBest());
        row(out, "carbon-aware", r.carbonAware());
        out.printf(Locale.ROOT, "%-14s %10s  %-26s %14.9f %14.6f%n", "saved", "", "", r.savedKWh(), r.savedGrams());
        out.printf(Locale.ROOT, "saved: %.2f %% of the energy, %.2f %% of the carbon; %d switches%n", 100 * r.savedKWh() / r.alwaysBest().kWh(),
                100 * r.savedGrams() / r.alwaysBest().grams(), r.switches());
        if (r.unpriced() > 0) {
            out.printf("note: %d requests fell at times the trace holds no value for: their energy is counted, their carbon is not%n", r.unpriced());
        }
    }

    private static void row(PrintWriter out, String name, ServingReplay.Totals t) {
        StringBuilder by = new StringBuilder();
        t.byVariant().forEach((v, n) -> by.append(by.isEmpty() ? "" : " ").append(v).append('=').append(n));
        out.printf(Locale.ROOT, "%-14s %10d  %-26s %14.9f %14.6f%n", name, t.requests(), by, t.kWh(), t.grams());
    }
}
