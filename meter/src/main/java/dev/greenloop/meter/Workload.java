package dev.greenloop.meter;

/**
 * What the measured process tree is, for attributing node energy to it by CPU time.
 */
public sealed interface Workload {

    /**
     * A command this JVM started: the child and all its live descendants, plus whatever of them
     * this JVM has already reaped (their CPU time lands in this JVM's children times).
     *
     * @param pid the child's process id
     */
    record ChildProcess(long pid) implements Workload {
    }

    /**
     * A command this JVM is about to start: sampling begins before the spawn, so that the time and energy of
     * starting the command are measured too, and {@link #started(long)} names the child once it exists. Until then
     * nothing is attributed to it (there is no tree yet). Afterwards it is measured as {@link ChildProcess} is.
     */
    final class Command implements Workload {

        private volatile long pid = -1;
        private final java.util.Optional<dev.greenloop.meter.proc.CommandCgroup> cgroup;

        /** Creates a workload whose child is not started yet, measured by its process tree. */
        public Command() {
            this.cgroup = java.util.Optional.empty();
        }

        /**
         * Creates a workload whose child is not started yet and will be started in {@code cgroup}: its CPU time is
         * the cgroup's, which counts every process the command starts, daemons and double forks included.
         */
        public Command(dev.greenloop.meter.proc.CommandCgroup cgroup) {
            this.cgroup = java.util.Optional.of(cgroup);
        }

        /** @return the cgroup the command runs in, if any */
        public java.util.Optional<dev.greenloop.meter.proc.CommandCgroup> cgroup() {
            return cgroup;
        }

        /**
         * Names the started child.
         *
         * @throws IllegalArgumentException if {@code pid} is not positive
         * @throws IllegalStateException if a child was named already
         */
        public void started(long pid) {
            if (pid <= 0) {
                throw new IllegalArgumentException("pid must be positive, was " + pid);
            }
            if (this.pid != -1) {
                throw new IllegalStateException("the command was started already as pid " + this.pid);
            }
            this.pid = pid;
        }

        /** @return the child's process id, or -1 before {@link #started(long)} */
        public long pid() {
            return pid;
        }
    }

    /** This JVM itself, all its threads: the in-process {@link Greenloop#track(String)} API. */
    record ThisProcess() implements Workload {
    }

    /** No workload: node sampling only ({@code greenloop monitor}); nothing is attributed. */
    record None() implements Workload {
    }
}
