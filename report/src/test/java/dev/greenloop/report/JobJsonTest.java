package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class JobJsonTest {

    @Test
    void write_plannedWithEventsAndRun_nanIsNull() {
        String json = Fixtures.printed(out -> {
            try (JsonGenerator g = RunJson.generator(out)) {
                JobJson.write(g, Fixtures.job(true), Fixtures.events(), Fixtures.finished());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals("""
                {
                  "id" : "j1",
                  "name" : "nightly",
                  "state" : "done",
                  "submittedAt" : "2026-11-22T02:15:00.120Z",
                  "durationMinutes" : 90,
                  "deadline" : "2026-11-23T02:15:00.120Z",
                  "powerWatts" : 300.0,
                  "interruptible" : true,
                  "checkpointMinutes" : 15,
                  "minSegmentMinutes" : 30,
                  "zones" : [ "DE", "FR" ],
                  "command" : [ "make", "all" ],
                  "plan" : {
                    "zone" : "FR",
                    "segments" : [ {
                      "start" : "2026-11-22T03:15:00.120Z",
                      "end" : "2026-11-22T04:45:00.120Z"
                    } ],
                    "plannedGrams" : 12.5,
                    "baselineGrams" : null,
                    "plannedAt" : "2026-11-22T02:15:01.120Z"
                  },
                  "executor" : "local",
                  "externalId" : "4242",
                  "attempt" : 1,
                  "doneSeconds" : 5400,
                  "exitCode" : 0,
                  "runId" : 7,
                  "measured" : {
                    "grams" : 0.006,
                    "nodeGrams" : 0.016,
                    "zone" : "DE",
                    "signal" : "average-lifecycle-yearly"
                  },
                  "events" : [ {
                    "at" : "2026-11-22T02:15:00.120Z",
                    "from" : null,
                    "to" : "queued",
                    "detail" : "submitted"
                  }, {
                    "at" : "2026-11-22T02:15:01.120Z",
                    "from" : "queued",
                    "to" : "planned",
                    "detail" : "FR"
                  } ]
                }""", json);
    }

    @Test
    void write_queuedWithoutEvents_planNullAndNoEventsKey() {
        String json = Fixtures.printed(out -> {
            try (JsonGenerator g = RunJson.generator(out)) {
                JobJson.write(g, Fixtures.job(false), null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals("""
                {
                  "id" : "j1",
                  "name" : "nightly",
                  "state" : "queued",
                  "submittedAt" : "2026-11-22T02:15:00.120Z",
                  "durationMinutes" : 90,
                  "deadline" : "2026-11-23T02:15:00.120Z",
                  "powerWatts" : 300.0,
                  "interruptible" : true,
                  "checkpointMinutes" : 15,
                  "minSegmentMinutes" : 30,
                  "zones" : [ "DE", "FR" ],
                  "command" : [ "make", "all" ],
                  "plan" : null,
                  "executor" : null,
                  "externalId" : null,
                  "attempt" : 0,
                  "doneSeconds" : 0,
                  "exitCode" : null,
                  "runId" : null,
                  "measured" : null
                }""", json);
    }
}
