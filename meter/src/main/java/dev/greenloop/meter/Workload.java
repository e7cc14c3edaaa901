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

    /** This JVM itself, all its threads: the in-process {@link Greenloop#track(String)} API. */
    record ThisProcess() implements Workload {
    }

    /** No workload: node sampling only ({@code greenloop monitor}); nothing is attributed. */
    record None() implements Workload {
    }
}
