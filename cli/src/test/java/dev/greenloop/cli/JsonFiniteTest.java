package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command family's JSON holds finite numbers only — never NaN or Infinity, as numbers or as Jackson's strings —
 * with inputs at the edge of what is accepted: intensities of 0 and 5000 gCO2eq/kWh, jobs of 1 MW, a job of nearly
 * 10 years, a baseline that emits nothing.
 */
class JsonFiniteTest {

    @TempDir
    Path home;

    private Cli.Result run(String... args) {
        return Cli.inProcess(home).run(args);
    }

    /** @return the numbers checked; fails on a non-finite number or a string spelling one */
    private static int assertFinite(String what, String json) throws IOException {
        int numbers = 0;
        try (JsonParser p = new JsonFactory().createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                    numbers++;
                    if (!Double.isFinite(p.getDoubleValue())) {
                        fail(what + ": " + p.currentName() + " is " + p.getText());
                    }
                } else if (t == JsonToken.VALUE_STRING && List.of("NaN", "Infinity", "-Infinity").contains(p.getText())) {
                    fail(what + ": " + p.currentName() + " is the string \"" + p.getText() + "\"");
                }
            }
        }
        return numbers;
    }

    private String json(String... args) throws IOException {
        Cli.Result r = run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
        assertTrue(assertFinite(String.join(" ", args), r.stdout()) > 0, r.stdout());
        return r.stdout();
    }

    /** Hourly points from 2022-03-01, alternating 0 and 5000 gCO2eq/kWh (or all {@code constant}). */
    private Path trace(String name, int hours, Double constant) throws IOException {
        StringBuilder sb = new StringBuilder("time,value\n");
        Instant t = Instant.parse("2022-03-01T00:00:00Z");
        for (int h = 0; h < hours; h++) {
            double v = constant != null ? constant : h % 2 == 0 ? 5000 : 0;
            sb.append(t.plusSeconds(3600L * h)).append(',').append(v).append('\n');
        }
        return Files.writeString(home.resolve(name), sb);
    }

    private Path jobs(String watts) throws IOException {
        return Files.writeString(home.resolve("jobs-" + watts + ".csv"), """
                id,submit,duration_minutes,deadline,power_watts,interruptible,zones,checkpoint_minutes,min_segment_minutes,precompute
                a,2022-03-01T00:00:00Z,60,2022-03-02T00:00:00Z,%1$s,false,ES,0,0,false
                b,2022-03-01T00:30:00Z,600,2022-03-03T00:00:00Z,%1$s,true,ES,5,30,false
                c,2022-03-01T00:00:00Z,120,2022-03-02T12:00:00Z,%1$s,false,ES,0,0,true
                """.formatted(watts));
    }

    @Test
    void scheduleSimulate_extremeButValidInputs_finiteNumbersOnly() throws IOException {
        String es = "ES=" + trace("extreme.csv", 96, null);
        String jobs = jobs("1000000").toString();
        for (String policy : List.of("agnostic", "optimal", "greedy", "lwa")) {
            json("schedule", "simulate", "--trace", es, "--jobs", jobs, "--policy", policy, "--json");
        }
        json("schedule", "simulate", "--trace", es, "--jobs", jobs, "--policy", "threshold", "--threshold", "5000", "--json");
        json("schedule", "simulate", "--trace", es, "--jobs", jobs, "--power-budget", "ES=1000000", "--battery-budget", "ES=1000000",
                "--time-limit", "5", "--json");
    }

    @Test
    void scheduleSimulate_baselineThatEmitsNothing_savingsAreNullNotNaNOrZero() throws IOException {
        String zero = "ES=" + trace("zero.csv", 96, 0.0);
        Map<String, Object> j = Json.flatten(json("schedule", "simulate", "--trace", zero, "--jobs", jobs("1000000").toString(),
                "--battery-budget", "ES=1000", "--json"));
        assertEquals(0.0, j.get("baselineGrams"));
        assertTrue(j.containsKey("savingsPercent"), j.toString());
        assertNull(j.get("savingsPercent"), j.toString());
        assertNull(j.get("battery.savingsPercent"), j.toString());
    }

    @Test
    void intensity_extremeTrace_finiteNumbersOnly() throws IOException {
        String es = "ES=" + trace("extreme.csv", 240, null);
        json("intensity", "now", "--zone", "ES", "--trace", es, "--at", "2022-03-01T00:30:00Z", "--json");
        json("intensity", "history", "--zone", "ES", "--trace", es, "--json");
        json("intensity", "forecast", "--zone", "ES", "--trace", es, "--at", "2022-03-09T00:00:00Z", "--json");
        json("intensity", "best", "--zone", "ES", "--trace", es, "--duration", "3h", "--from", "2022-03-01T00:00:00Z",
                "--to", "2022-03-04T00:00:00Z", "--json");
        json("zones", "--json");
    }

    @Test
    void scheduleSubmitListShow_oneMegawattForNearlyTenYears_finiteNumbersOnly() throws IOException {
        json("schedule", "submit", "--id", "big", "--duration", "3600d", "--deadline", "3653d", "--power", "1000000", "--json", "--", "true");
        json("schedule", "list", "--json");
        json("schedule", "show", "big", "--json");
    }

    @Test
    void measureAndRuns_finiteNumbersOnly() throws IOException {
        List<String> outputs = new ArrayList<>();
        outputs.add(Json.jsonPart(json("measure", "--json", "--", "true")));
        outputs.add(json("runs", "list", "--json"));
        outputs.add(json("runs", "show", "1", "--json"));
        outputs.add(json("runs", "export", "--format", "json"));
        assertFalse(outputs.isEmpty());
    }
}
