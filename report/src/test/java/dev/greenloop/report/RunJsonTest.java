package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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
                    "rule" : "each interval: CPU and memory energy x (process-tree CPU seconds / node busy CPU seconds); GPU energy x the tree's share of the processes running on that GPU (by GPU memory), see docs/attribution.md and docs/gpu.md"
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
}
