package dev.greenloop.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.IntensityPoint;
import dev.greenloop.core.IntensityTimeline;
import dev.greenloop.core.Interval;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PlacementsTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    /** Every zone at 100 gCO2eq/kWh, except "STEP": 100 in even hours, 300 in odd ones. */
    private static final IntensityProvider FIXED = new IntensityProvider() {
        @Override
        public IntensityTimeline timeline(String zone) {
            return new IntensityTimeline() {
                @Override
                public IntensityPoint at(Instant instant) {
                    Instant hour = instant.truncatedTo(ChronoUnit.HOURS);
                    boolean odd = hour.getEpochSecond() / 3600 % 2 == 1;
                    double g = zone.equals("STEP") && odd ? 300 : 100;
                    return new IntensityPoint(new Interval(hour, hour.plusSeconds(3600)), CarbonIntensity.ofGramsPerKWh(g));
                }

                @Override
                public CarbonSignal signal() {
                    return new CarbonSignal(zone, "average", "lifecycle", "actual", "test");
                }
            };
        }

        @Override
        public List<ZoneInfo> zones() {
            return List.of();
        }
    };

    private static Workload run(double seconds, double joules, double payloadBytes, OptionalDouble utilisation) {
        return new Workload("run 1", new Interval(T0, T0.plusMillis((long) (seconds * 1000))), Range.of(joules), true, OptionalDouble.empty(),
                Range.of(seconds * 1000), payloadBytes, utilisation);
    }

    @Test
    void cloud_m5xlargeOneHour_matchesHandComputedCcfArithmetic() {
        // 1 h on aws:m5.xlarge (4 vCPU, 16 GB; Skylake 0.65..4.26 and Cascade Lake 0.64..3.97 W/vCPU, mean 0.645..4.115).
        PlacementEstimate e = Placements.of(FIXED).cloud(run(3600, 1, 1e9, OptionalDouble.empty()), "aws:m5.xlarge@eu-north-1", 0);
        // CPU: 4 vCPU-h x 0.645..4.115 W = 2.58..16.46 Wh; memory 0..16 GB x 0.392 W x 1 h = 0..6.272 Wh.
        assertEquals(0.00258, e.energyKWh().low(), 1e-12);
        assertEquals(0.022732, e.energyKWh().high(), 1e-12);
        // x 100 g/kWh x PUE 1.135
        assertEquals(0.00258 * 100 * 1.135, e.operationalGrams().low(), 1e-9);
        assertEquals(0.022732 * 100 * 1.135, e.operationalGrams().high(), 1e-9);
        // 1610.79 kg per 96-vCPU host, 4 of its vCPUs for 1 h of 4 years (35064 h): 1610790 g x 4 / (96 x 35064).
        assertEquals(1610790.0 * 4 / (96 * 35064), e.embodiedGrams().low(), 1e-9);
        // 1 GB at 0.001..0.06 kWh/GB, 100 g/kWh.
        assertEquals(0.001, e.networkKWh().low(), 1e-12);
        assertEquals(0.06, e.networkKWh().high(), 1e-12);
        assertEquals(6.0, e.networkGrams().high(), 1e-9);
        assertEquals("modelled", e.provenance());
        assertEquals("SE", e.zone());
        assertTrue(e.sources().stream().anyMatch(s -> s.contains("Cloud Carbon Footprint")), e.sources().toString());
    }

    @Test
    void cloud_knownUtilisation_scalesBetweenMinAndMax() {
        PlacementEstimate e = Placements.of(FIXED).cloud(run(3600, 1, 0, OptionalDouble.of(0.5)), "aws:m6g.xlarge@eu-west-1", 0);
        // Graviton 2: 0.47..1.69 W/vCPU; at 50 %: 1.08 W x 4 vCPU-h = 4.32 Wh; memory 0..6.272 Wh.
        assertEquals(0.00432, e.energyKWh().low(), 1e-12);
        assertEquals(0.00432 + 0.006272, e.energyKWh().high(), 1e-12);
    }

    @Test
    void onPremises_measuredEnergyTimesHourlyIntensityAndPue() {
        // 7.2 MJ = 2 kWh over two hours at 100 then 300 g/kWh: mean 200 g/kWh, x PUE 1.5 = 600 g.
        Workload w = run(7200, 7.2e6, 0, OptionalDouble.empty());
        PlacementEstimate e = Placements.of(FIXED).onPremises(w, new Placements.OnPremises("node-1", "STEP", 1.5, "given", OptionalDouble.of(1000), 4));
        assertEquals(2, e.energyKWh().low(), 1e-12);
        assertEquals(200, e.gramsPerKWh(), 1e-9);
        assertEquals(600, e.operationalGrams().high(), 1e-9);
        // 1000 kg over 4 years (35064 h), 2 h of it.
        assertEquals(1e6 * 2 / 35064, e.embodiedGrams().low(), 1e-9);
        assertEquals("measured", e.provenance());
    }

    @Test
    void rank_ordersByCarbonLowestFirst_andEveryRangeIsOrdered() {
        Placements p = Placements.of(FIXED);
        Workload w = run(3600, 3.6e6, 1e8, OptionalDouble.empty());
        List<PlacementEstimate> ranked = Placements.rank(List.of(
                p.onPremises(w, new Placements.OnPremises("node-1", "DE", 1, "assumed", OptionalDouble.empty(), 4)),
                p.cloud(w, "aws:m5.2xlarge@eu-north-1", 0), p.cloud(w, "aws:c5.xlarge@eu-north-1", 0),
                p.edge(w, Placements.Edge.ofPower(5, 10, 100, "DE", OptionalDouble.empty(), 3))));
        for (int i = 1; i < ranked.size(); i++) {
            assertTrue(ranked.get(i - 1).totalGrams().mid() <= ranked.get(i).totalGrams().mid(), ranked.toString());
        }
        assertEquals("edge", ranked.getFirst().kind());
        assertEquals("on-premises", ranked.getLast().kind()); // 1 kWh at 100 g
        for (PlacementEstimate e : ranked) {
            for (Range r : List.of(e.energyKWh(), e.operationalGrams(), e.embodiedGrams(), e.networkKWh(), e.networkGrams(), e.latencyMs(), e.totalGrams())) {
                assertTrue(r.low() <= r.high(), e.name() + " " + r);
            }
        }
    }

    @Test
    void cloud_unknownTypeRegionOrProvider_namesTheValueAndTheKnownOnes() {
        Placements p = Placements.of(FIXED);
        Workload w = run(1, 1, 0, OptionalDouble.empty());
        var type = assertThrows(UnknownPlacementException.class, () -> p.cloud(w, "aws:z9.huge@eu-north-1", 0));
        assertTrue(type.getMessage().contains("'z9.huge'") && type.getMessage().contains("aws:m5.xlarge"), type.getMessage());
        var region = assertThrows(UnknownPlacementException.class, () -> p.cloud(w, "aws:m5.xlarge@mars-1", 0));
        assertTrue(region.getMessage().contains("'mars-1'") && region.getMessage().contains("aws:eu-north-1"), region.getMessage());
        var provider = assertThrows(UnknownPlacementException.class, () -> p.cloud(w, "ibm:m5.xlarge@eu-north-1", 0));
        assertTrue(provider.getMessage().contains("'ibm'"), provider.getMessage());
        var shape = assertThrows(UnknownPlacementException.class, () -> p.cloud(w, "m5.xlarge", 0));
        assertTrue(shape.getMessage().contains("provider:type@region"), shape.getMessage());
    }

    @Test
    void range_lowAboveHigh_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Range(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Range(-1, 1));
    }

    @Test
    void builtInTables_everyRegionMapsToAZoneOfTheZoneTable() {
        Placements p = Placements.of(ZoneTable.builtIn());
        Workload w = run(60, 600, 0, OptionalDouble.empty());
        for (String region : p.regions()) {
            String provider = region.substring(0, region.indexOf(':'));
            String type = p.instanceTypes().stream().filter(t -> t.startsWith(provider + ":")).findFirst().map(t -> t.substring(t.indexOf(':') + 1))
                    .orElse(null);
            if (type != null) {
                p.cloud(w, provider + ":" + type + "@" + region.substring(region.indexOf(':') + 1), 0);
            }
        }
    }
    @Test
    void cloud_gcpN2Standard4OneHour_usesGoogleCoefficientsAndPue() {
        // gcp:n2-standard-4: 4 vCPU, 16 GB, Cascade Lake at CCF's GCP values 0.64..3.64 W/vCPU; host n2-standard-128, 1888.46 kg.
        PlacementEstimate e = Placements.of(FIXED).cloud(run(3600, 1, 0, OptionalDouble.empty()), "gcp:n2-standard-4@europe-north1", 0);
        // CPU 4 vCPU-h x 0.64..3.64 W = 2.56..14.56 Wh; memory 0..6.272 Wh.
        assertEquals(0.00256, e.energyKWh().low(), 1e-12);
        assertEquals(0.01456 + 0.006272, e.energyKWh().high(), 1e-12);
        assertEquals(1.1, e.pue(), 1e-12);
        assertEquals(0.00256 * 100 * 1.1, e.operationalGrams().low(), 1e-9);
        assertEquals(1888460.0 * 4 / (128 * 35064), e.embodiedGrams().low(), 1e-9);
        assertEquals("FI", e.zone());
        assertEquals("gcp:n2-standard-4@europe-north1", e.name());
        assertTrue(e.sources().stream().anyMatch(s -> s.contains("coefficients-gcp-use.csv")), e.sources().toString());
        assertTrue(e.sources().stream().anyMatch(s -> s.contains("coefficients-gcp-embodied-mean.csv")), e.sources().toString());
    }

    @Test
    void cloud_azureD4asV4OneHour_usesAzureCoefficientsAndPue() {
        // azure:D4as_v4: 4 vCPU, 16 GB, AMD EPYC 2nd gen 0.47..1.69 W/vCPU; host D96as_v4, 1560.79 kg; Azure PUE 1.185.
        PlacementEstimate e = Placements.of(FIXED).cloud(run(3600, 1, 0, OptionalDouble.empty()), "azure:d4as_v4@westeurope", 0);
        assertEquals(0.00188, e.energyKWh().low(), 1e-12);
        assertEquals(0.00676 + 0.006272, e.energyKWh().high(), 1e-12);
        assertEquals(0.00188 * 100 * 1.185, e.operationalGrams().low(), 1e-9);
        assertEquals(1560790.0 * 4 / (96 * 35064), e.embodiedGrams().low(), 1e-9);
        assertEquals("NL", e.zone());
        assertEquals("azure:D4as_v4@westeurope", e.name());
        assertTrue(e.sources().stream().anyMatch(s -> s.contains("coefficients-azure-embodied.csv")), e.sources().toString());
    }

    @Test
    void builtInTables_everyProviderShipsInstanceTypes_andEachRunsInEachOfItsRegions() {
        Placements p = Placements.of(ZoneTable.builtIn());
        Workload w = run(60, 600, 0, OptionalDouble.empty());
        for (String provider : List.of("aws", "gcp", "azure")) {
            List<String> types = p.instanceTypes().stream().filter(t -> t.startsWith(provider + ":")).toList();
            assertTrue(types.size() >= 4, provider + " ships too few instance types: " + types);
            for (String region : p.regions().stream().filter(r -> r.startsWith(provider + ":")).toList()) {
                for (String type : types) {
                    PlacementEstimate e = p.cloud(w, type + "@" + region.substring(region.indexOf(':') + 1), 0);
                    assertTrue(e.totalGrams().high() > 0 && e.embodiedGrams().low() > 0, e.toString());
                }
            }
        }
    }
}
