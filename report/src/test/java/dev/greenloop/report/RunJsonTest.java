package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import org.junit.jupiter.api.Test;

class RunJsonTest {

    @Test
    void printArray_finishedAndRunning_exactJson() {
        String json = Fixtures.printed(out -> {
            try {
                RunJson.printArray(out, List.of(Fixtures.finished(), Fixtures.running()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals("""
                [ {
                  "runId" : 7,
                  "name" : "train \\"small\\"",
                  "kind" : "measure",
                  "status" : "finished",
                  "startedAt" : "2026-11-22T02:15:00.120Z",
                  "endedAt" : "2026-11-22T02:15:02.620Z",
                  "durationSeconds" : 2.5,
                  "command" : [ "python", "train.py", "--epochs", "2" ],
                  "tags" : {
                    "team" : "search",
                    "stage" : "a,b"
                  },
                  "node" : {
                    "name" : "node-1",
                    "hardware" : "2x Xeon"
                  },
                  "exitCode" : 0,
                  "energy" : {
                    "totalJoules" : 120.0,
                    "totalKWh" : 3.3333333333333335E-5,
                    "provenance" : "modelled",
                    "minJoules" : 115.0,
                    "maxJoules" : 130.0,
                    "components" : [ {
                      "name" : "cpu-package-0",
                      "scope" : "cpu-package",
                      "provenance" : "measured",
                      "joules" : 100.0,
                      "processJoules" : 40.0,
                      "description" : "intel-rapl:0"
                    }, {
                      "name" : "dram-0",
                      "scope" : "dram",
                      "provenance" : "modelled",
                      "joules" : 20.0,
                      "minJoules" : 15.0,
                      "maxJoules" : 30.0,
                      "processJoules" : 5.0,
                      "description" : "DRAM model"
                    } ],
                    "breakdown" : [ {
                      "name" : "core-0",
                      "scope" : "core",
                      "provenance" : "measured",
                      "joules" : 60.0,
                      "processJoules" : 30.0,
                      "partOf" : "cpu-package-0",
                      "description" : "intel-rapl:0:0"
                    } ]
                  },
                  "process" : {
                    "joules" : 45.0,
                    "share" : 0.375,
                    "unattributedJoules" : 75.0,
                    "rule" : "each interval: dynamic (above idle) CPU and memory energy x (process-tree CPU seconds / node busy CPU seconds); GPU energy x the tree's share of the processes running on that GPU (by GPU memory); idle power is not attributed, see docs/attribution.md and docs/gpu.md"
                  },
                  "carbon" : {
                    "zone" : "DE",
                    "gramsPerKWh" : 400.0,
                    "signal" : "average-lifecycle-yearly",
                    "source" : "Ember 2023",
                    "pue" : 1.2,
                    "grams" : 0.016,
                    "processGrams" : 0.006
                  }
                }, {
                  "runId" : 8,
                  "name" : "serve",
                  "kind" : "measure",
                  "status" : "running",
                  "startedAt" : "2026-11-22T02:15:00.120Z",
                  "endedAt" : null,
                  "durationSeconds" : null,
                  "command" : [ "python", "train.py", "--epochs", "2" ],
                  "tags" : {
                    "team" : "search",
                    "stage" : "a,b"
                  },
                  "node" : {
                    "name" : "node-1",
                    "hardware" : "2x Xeon"
                  },
                  "exitCode" : null
                } ]
                """, json);
    }

    @Test
    void write_notStored_runIdNull() throws IOException {
        String json = Fixtures.printed(out -> {
            try (JsonGenerator g = RunJson.generator(out)) {
                RunJson.write(g, null, Fixtures.start("x"), dev.greenloop.store.RunStatus.RUNNING, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals("""
                {
                  "runId" : null,
                  "name" : "x",
                  "kind" : "measure",
                  "status" : "running",
                  "startedAt" : "2026-11-22T02:15:00.120Z",
                  "endedAt" : null,
                  "durationSeconds" : null,
                  "command" : [ "python", "train.py", "--epochs", "2" ],
                  "tags" : {
                    "team" : "search",
                    "stage" : "a,b"
                  },
                  "node" : {
                    "name" : "node-1",
                    "hardware" : "2x Xeon"
                  },
                  "exitCode" : null
                }""", json);
    }

    /** A run whose idle split is known (as {@code measure} has it): the new keys follow the older ones, which keep their meaning. */
    @Test
    void write_idleSplitKnown_idleAndDynamicKeysAfterTheOlderOnes() throws IOException {
        List<RunComponent> components = List.of(
                new RunComponent("cpu", Scope.CPU, Provenance.MODELLED, "CPU model", "", Fixtures.j(40), Fixtures.j(35), Fixtures.j(45),
                        Fixtures.j(27), Optional.of(new RunComponent.Idle(Fixtures.j(13), "model-constant", "model"))),
                new RunComponent("memory", Scope.MEMORY, Provenance.MODELLED, "memory model", "", Fixtures.j(30), Fixtures.j(29), Fixtures.j(30),
                        Fixtures.j(0), Optional.of(new RunComponent.Idle(Fixtures.j(30), "model-constant", "model"))));
        RunOutcome outcome = new RunOutcome(Fixtures.T0.plusSeconds(10), 0, components,
                new RunCarbon("DE", 400, "average-lifecycle-yearly", "Ember 2023", 1.0, 0.0078, 0.003));
        String json = Fixtures.printed(out -> {
            try (JsonGenerator g = RunJson.generator(out)) {
                RunJson.write(g, 3L, Fixtures.start("sha256sum"), RunStatus.FINISHED, outcome);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        int energy = json.indexOf("\"energy\"");
        String energyPart = json.substring(energy, json.indexOf("\"process\""));
        assertTrue(energyPart.indexOf("\"breakdown\"") < energyPart.lastIndexOf("\"idleJoules\" : 43.0"), energyPart);
        assertTrue(energyPart.contains("\"dynamicJoules\" : 27.0"), energyPart);
        String memory = energyPart.substring(energyPart.indexOf("\"name\" : \"memory\""));
        assertTrue(memory.indexOf("\"description\"") < memory.indexOf("\"idleJoules\" : 30.0"), memory);
        assertTrue(memory.indexOf("\"idleJoules\" : 30.0") < memory.indexOf("\"dynamicJoules\" : 0.0"), memory);
        assertTrue(memory.indexOf("\"dynamicJoules\" : 0.0") < memory.indexOf("\"idleRule\" : \"model-constant\""), memory);
        String process = json.substring(json.indexOf("\"process\""), json.indexOf("\"carbon\""));
        assertTrue(process.contains("\"joules\" : 27.0"), process);
        assertTrue(process.indexOf("\"rule\"") < process.indexOf("\"idleJoules\" : 43.0"), process);
        assertTrue(process.contains("\"otherProcessesJoules\" : 0.0"), process);
        String attribution = json.substring(json.indexOf("\"attribution\""));
        assertTrue(json.indexOf("\"carbon\"") < json.indexOf("\"attribution\""), json);
        assertTrue(attribution.contains("\"method\" : \"dynamic-by-cpu-time\""), attribution);
        assertTrue(attribution.contains("\"idleFrom\" : \"model\""), attribution);
        assertTrue(attribution.contains("\"idleRules\" : [ \"model-constant\" ]"), attribution);
    }
}
