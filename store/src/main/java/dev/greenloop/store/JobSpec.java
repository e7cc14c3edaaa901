package dev.greenloop.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a user submitted with {@code greenloop schedule submit}: a command and when, where and how it may run.
 * Stored once, never changed. Immutable; validation of the values is the scheduler's (this is a row).
 *
 * @param id unique job id
 * @param name a readable name
 * @param submittedAt when it was submitted, UTC
 * @param durationMinutes its declared run time, ≥ 1
 * @param deadline when it must have finished
 * @param powerWatts the power it is declared to draw
 * @param interruptible whether it may be suspended and resumed
 * @param checkpointMinutes extra run time per resumption
 * @param minSegmentMinutes the shortest run segment allowed
 * @param zones allowed grid zones, in order of preference; empty means any; no zone contains {@code ;}
 * @param command the command and its arguments, at least one
 */
public record JobSpec(String id, String name, Instant submittedAt, int durationMinutes, Instant deadline, double powerWatts,
                      boolean interruptible, int checkpointMinutes, int minSegmentMinutes, List<String> zones,
                      List<String> command) {

    /**
     * @throws NullPointerException if a reference is null
     * @throws IllegalArgumentException if the command is empty or a zone contains {@code ;}
     */
    public JobSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(deadline, "deadline");
        zones = List.copyOf(zones);
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("job " + id + ": the command is empty");
        }
        for (String z : zones) {
            if (z.isEmpty() || z.contains(";")) {
                throw new IllegalArgumentException("job %s: zone '%s' is empty or contains ';'".formatted(id, z));
            }
        }
    }
}
