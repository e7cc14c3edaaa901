package dev.greenloop.schedule;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.CarbonSignal;
import java.time.Instant;
import java.util.List;

/** Hand-made traces and jobs for tests. */
final class Traces {

    static final Instant T0 = Instant.parse("2022-01-01T00:00:00Z");

    private Traces() {
    }

    /** A trace with points every {@code stepMinutes} from {@link #T0}. */
    static IntensityTrace of(String zone, int stepMinutes, double... values) {
        long[] t = new long[values.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = T0.getEpochSecond() + i * stepMinutes * 60L;
        }
        return IntensityTrace.of(new CarbonSignal(zone, "average", "lifecycle", "actual", "test"), t, values, "test", null);
    }

    static Instant at(int minutes) {
        return T0.plusSeconds(minutes * 60L);
    }

    static Job job(String id, int submitMinute, int duration, int deadlineMinute, double watts) {
        return Job.of(id, at(submitMinute), duration, at(deadlineMinute), watts, List.of());
    }

    static SimulationResult simulate(Policy policy, List<Job> jobs, IntensityTrace... traces) {
        return Simulator.simulate(jobs, List.of(traces), SimulationOptions.of(policy));
    }
}
