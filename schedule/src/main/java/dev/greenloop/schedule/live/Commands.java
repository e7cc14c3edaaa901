package dev.greenloop.schedule.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short helper command (kill, sbatch, scontrol...) and returns what it printed. */
final class Commands {

    /** What a helper printed and how it exited. */
    record Result(int exitCode, String out, String err) {
    }

    private static final long TIMEOUT_SECONDS = 30;

    private Commands() {
    }

    /**
     * @throws ExecutorException if it cannot start or runs longer than 30 s
     */
    static Result run(List<String> command) {
        return run(command, java.util.Map.of());
    }

    /**
     * @param environment variables to set for the helper, on top of this process's
     * @throws ExecutorException if it cannot start or runs longer than 30 s
     */
    static Result run(List<String> command, java.util.Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ExecutorException("cannot run %s: %s".formatted(command.getFirst(), e.getMessage()), e);
        }
        try {
            // Outputs are small (an id, a status line): read them before waiting, so a full pipe cannot block the helper.
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ExecutorException("%s did not answer within %d s".formatted(String.join(" ", command), TIMEOUT_SECONDS));
            }
            return new Result(p.exitValue(), out.strip(), err.strip());
        } catch (IOException e) {
            throw new ExecutorException("cannot read the output of %s: %s".formatted(command.getFirst(), e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new ExecutorException("interrupted while running " + command.getFirst(), e);
        }
    }

    /**
     * @return the output of a command that must succeed
     * @throws ExecutorException naming the command and its error output if it exits non-zero
     */
    static String check(List<String> command) {
        return check(command, java.util.Map.of());
    }

    /** As {@link #check(List)}, with {@code environment} set for the helper. */
    static String check(List<String> command, java.util.Map<String, String> environment) {
        Result r = run(command, environment);
        if (r.exitCode() != 0) {
            throw new ExecutorException("%s exited %d: %s".formatted(String.join(" ", command), r.exitCode(),
                    r.err().isEmpty() ? r.out() : r.err()));
        }
        return r.out();
    }
}
