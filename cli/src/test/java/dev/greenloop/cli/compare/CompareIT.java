package dev.greenloop.cli.compare;

import static dev.greenloop.cli.Json.flatten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run measured on a fake powercap tree, then compared: text and JSON. */
class CompareIT {

    @TempDir
    Path dir;

    @Test
    void compare_storedRun_ranksOnPremisesCloudAndEdgeWithSources() throws Exception {
        Path sys = Cli.fakePowercap(dir.resolve("sys"), 1_000_000);
        Path counter = sys.resolve("devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj");
        Cli cli = Cli.inProcess(dir.resolve("h")).env("GREENLOOP_SYSFS_ROOT", sys.toString());
        var measured = cli.run("measure", "--", "sh", "-c", "sleep 1.5; echo 5250000 > " + counter);
        assertEquals(0, measured.exitCode(), measured.stderr());

        String[] args = {"compare", "--run", "1", "--cloud", "aws:m5.xlarge@eu-north-1,aws:c5.xlarge@eu-central-1", "--payload-bytes", "1000000",
            "--pue", "1.2", "--embodied-kg", "1000", "--edge-watts", "5", "--edge-latency-ms", "2000"};
        var text = cli.run(args);
        assertEquals(0, text.exitCode(), text.stderr());
        assertTrue(text.stdout().contains("ranked by carbon"), text.stdout());
        assertTrue(text.stdout().contains("on-premises ("), text.stdout());
        assertTrue(text.stdout().contains("aws:m5.xlarge@eu-north-1"), text.stdout());
        assertTrue(text.stdout().contains("Cloud Carbon Footprint"), text.stdout());
        assertTrue(text.stdout().contains("Aslan"), text.stdout());

        String[] jsonArgs = java.util.Arrays.copyOf(args, args.length + 1);
        jsonArgs[args.length] = "--json";
        var json = cli.run(jsonArgs);
        assertEquals(0, json.exitCode(), json.stderr());
        Map<String, Object> j = flatten(json.stdout());
        assertEquals("run 1 (sh -c sleep 1.5; echo 5250000 > " + counter + ")", j.get("workload"));
        double previous = -1;
        int onPremises = -1;
        for (int i = 0; i < 4; i++) {
            String p = "placements[" + i + "].";
            assertEquals((long) i + 1, ((Number) j.get(p + "rank")).longValue());
            for (String f : new String[] {"energyKWh", "operationalGrams", "embodiedGrams", "networkKWh", "networkGrams", "totalGrams", "latencyMs"}) {
                assertTrue(num(j, p + f + ".low") <= num(j, p + f + ".high"), p + f);
            }
            // operational = intensity x energy x PUE, at both bounds
            double factor = num(j, p + "gramsPerKWh") * num(j, p + "pue");
            assertEquals(num(j, p + "energyKWh.low") * factor, num(j, p + "operationalGrams.low"), 1e-9);
            assertEquals(num(j, p + "energyKWh.high") * factor, num(j, p + "operationalGrams.high"), 1e-9);
            double mid = (num(j, p + "totalGrams.low") + num(j, p + "totalGrams.high")) / 2;
            assertTrue(mid >= previous, "ranked by carbon: " + json.stdout());
            previous = mid;
            assertTrue(j.get(p + "sources[0]") != null, p + "sources");
            if ("on-premises".equals(j.get(p + "kind"))) {
                onPremises = i;
            }
        }
        assertTrue(onPremises >= 0, json.stdout());
        String p = "placements[" + onPremises + "].";
        assertEquals(1.2, num(j, p + "pue"), 1e-12);
        assertEquals("DE", j.get(p + "zone"));
        assertEquals(0.0, num(j, p + "networkKWh.high"), 0);
        assertTrue(num(j, p + "energyKWh.low") >= 4.25 / 3.6e6, "at least the package's 4.25 J: " + json.stdout());
    }

    private static double num(Map<String, Object> j, String key) {
        Object v = j.get(key);
        assertTrue(v instanceof Number, key + " = " + v);
        return ((Number) v).doubleValue();
    }
}
