package dev.greenloop.carbon.placement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The placement coefficient tables shipped as CSV resources beside this class, each row naming its source: cloud
 * providers' PUE, processor microarchitectures' watts per vCPU, instance types, regions' grid zones, and network
 * energy per GB. Immutable; loaded once.
 */
public final class Coefficients {

    /** Cloud Carbon Footprint's memory coefficient: 0.392 W per GB (0.000392 kWh per GB-hour). */
    public static final double MEMORY_WATTS_PER_GB = 0.392;
    /** The source of {@link #MEMORY_WATTS_PER_GB}. */
    public static final String MEMORY_SOURCE = "memory 0.392 W/GB: Cloud Carbon Footprint methodology (Crucial and Micron DDR4 figures averaged)";
    /** Cloud Carbon Footprint's hardware life for amortising cloud embodied emissions, years. */
    public static final double CLOUD_LIFE_YEARS = 4;

    /** A provider's PUE. */
    public record Provider(String name, double pue, String source) {
    }

    /** A microarchitecture's watts per vCPU at 0 % and 100 % utilisation. */
    public record Microarchitecture(String name, double minWatts, double maxWatts, String source) {
    }

    /** An instance type. */
    public record Instance(String provider, String type, int vcpus, double memoryGb, int hostVcpus, List<String> microarchitectures,
            double embodiedKgHost, String source) {
    }

    /** A region and the zone it draws power from. */
    public record Region(String provider, String region, String zone, String source) {
    }

    private static final Coefficients BUILT_IN = load();

    public final Map<String, Provider> providers;
    public final Map<String, Microarchitecture> microarchitectures;
    public final Map<String, Instance> instances;
    public final Map<String, Region> regions;
    public final double networkLowKWhPerGb;
    public final double networkHighKWhPerGb;
    public final String networkLowSource;
    public final String networkHighSource;

    private Coefficients(Map<String, Provider> providers, Map<String, Microarchitecture> microarchitectures, Map<String, Instance> instances,
            Map<String, Region> regions, String[] low, String[] high) {
        this.providers = providers;
        this.microarchitectures = microarchitectures;
        this.instances = instances;
        this.regions = regions;
        this.networkLowKWhPerGb = Double.parseDouble(low[1]);
        this.networkHighKWhPerGb = Double.parseDouble(high[1]);
        this.networkLowSource = low[2];
        this.networkHighSource = high[2];
    }

    /** @return the tables shipped with Greenloop */
    public static Coefficients builtIn() {
        return BUILT_IN;
    }

    /** @return the key of an instance or region: {@code provider:name}, lower case */
    public static String key(String provider, String name) {
        return (provider + ":" + name).toLowerCase(Locale.ROOT);
    }

    private static Coefficients load() {
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (String[] r : rows("cloud-providers.csv", 3)) {
            providers.put(r[0], new Provider(r[0], Double.parseDouble(r[1]), r[2]));
        }
        Map<String, Microarchitecture> micro = new LinkedHashMap<>();
        for (String[] r : rows("cloud-microarchitectures.csv", 4)) {
            micro.put(r[0], new Microarchitecture(r[0], Double.parseDouble(r[1]), Double.parseDouble(r[2]), r[3]));
        }
        Map<String, Instance> instances = new LinkedHashMap<>();
        for (String[] r : rows("cloud-instances.csv", 8)) {
            List<String> archs = List.of(r[5].split(";"));
            for (String a : archs) {
                if (!micro.containsKey(a)) {
                    throw new IllegalStateException("cloud-instances.csv: " + r[1] + " names unknown microarchitecture " + a);
                }
            }
            instances.put(key(r[0], r[1]), new Instance(r[0], r[1], Integer.parseInt(r[2]), Double.parseDouble(r[3]), Integer.parseInt(r[4]),
                    archs, Double.parseDouble(r[6]), r[7]));
        }
        Map<String, Region> regions = new LinkedHashMap<>();
        for (String[] r : rows("cloud-regions.csv", 4)) {
            regions.put(key(r[0], r[1]), new Region(r[0], r[1], r[2], r[3]));
        }
        List<String[]> network = rows("network.csv", 3);
        String[] low = network.stream().filter(r -> r[0].equals("low")).findFirst().orElseThrow();
        String[] high = network.stream().filter(r -> r[0].equals("high")).findFirst().orElseThrow();
        return new Coefficients(Map.copyOf(providers), Map.copyOf(micro), java.util.Collections.unmodifiableMap(instances),
                java.util.Collections.unmodifiableMap(regions), low, high);
    }

    /** Rows after the header, '#' lines skipped; the last column (the source) may hold commas. */
    private static List<String[]> rows(String name, int columns) {
        try (InputStream in = Coefficients.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (a packaging error)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] parts = line.split(",", columns);
                if (parts.length != columns) {
                    throw new IllegalStateException(name + ": expected " + columns + " columns in: " + line);
                }
                rows.add(parts);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
