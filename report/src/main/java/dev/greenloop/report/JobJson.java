package dev.greenloop.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.core.Interval;
import dev.greenloop.store.JobEvent;
import dev.greenloop.store.JobPlan;
import dev.greenloop.store.JobProgress;
import dev.greenloop.store.JobSpec;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import java.io.IOException;
import java.util.List;

/** Live jobs as JSON, for {@code schedule list|show|submit --json}. NaN estimates are written as null. */
public final class JobJson {

    private JobJson() {
    }

    /**
     * Writes one job as a JSON object: its spec, state, plan (null before planning), executor, attempt, exit code, run, measured
     * emissions (null when not measured) and, when given, its events.
     *
     * @param g where to write, positioned where a value may start
     * @param job the job
     * @param events its events in order, or null to leave the {@code events} key out
     * @param run the run that measured it, or null when there is none
     * @throws IOException if the generator fails
     */
    public static void write(JsonGenerator g, StoredJob job, List<JobEvent> events, StoredRun run) throws IOException {
        JobSpec s = job.spec();
        JobProgress p = job.progress();
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("name", s.name());
        g.writeStringField("state", p.state());
        g.writeStringField("submittedAt", Iso.format(s.submittedAt()));
        g.writeNumberField("durationMinutes", s.durationMinutes());
        g.writeStringField("deadline", Iso.format(s.deadline()));
        g.writeNumberField("powerWatts", s.powerWatts());
        g.writeBooleanField("interruptible", s.interruptible());
        g.writeNumberField("checkpointMinutes", s.checkpointMinutes());
        g.writeNumberField("minSegmentMinutes", s.minSegmentMinutes());
        g.writeArrayFieldStart("zones");
        for (String z : s.zones()) {
            g.writeString(z);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("command");
        for (String a : s.command()) {
            g.writeString(a);
        }
        g.writeEndArray();
        JobPlan plan = p.plan();
        if (plan == null) {
            g.writeNullField("plan");
        } else {
            g.writeObjectFieldStart("plan");
            g.writeStringField("zone", plan.zone());
            g.writeArrayFieldStart("segments");
            for (Interval i : plan.segments()) {
                g.writeStartObject();
                g.writeStringField("start", Iso.format(i.start()));
                g.writeStringField("end", Iso.format(i.end()));
                g.writeEndObject();
            }
            g.writeEndArray();
            number(g, "plannedGrams", plan.plannedGrams());
            number(g, "baselineGrams", plan.baselineGrams());
            g.writeStringField("plannedAt", Iso.format(plan.plannedAt()));
            g.writeEndObject();
        }
        g.writeStringField("executor", p.executor());
        g.writeStringField("externalId", p.externalId());
        g.writeNumberField("attempt", p.attempt());
        g.writeNumberField("doneSeconds", p.doneSeconds());
        if (p.exitCode() == null) {
            g.writeNullField("exitCode");
        } else {
            g.writeNumberField("exitCode", p.exitCode());
        }
        if (p.runId() == null) {
            g.writeNullField("runId");
        } else {
            g.writeNumberField("runId", p.runId());
        }
        RunCarbon carbon = run == null ? null : run.outcome().map(o -> o.carbon()).orElse(null);
        if (carbon == null) {
            g.writeNullField("measured");
        } else {
            g.writeObjectFieldStart("measured");
            number(g, "grams", carbon.processGrams());
            number(g, "nodeGrams", carbon.grams());
            g.writeStringField("zone", carbon.zone());
            g.writeStringField("signal", carbon.signal());
            g.writeEndObject();
        }
        if (events != null) {
            g.writeArrayFieldStart("events");
            for (JobEvent e : events) {
                g.writeStartObject();
                g.writeStringField("at", Iso.format(e.at()));
                g.writeStringField("from", e.fromState());
                g.writeStringField("to", e.toState());
                g.writeStringField("detail", e.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, v);
        }
    }
}
