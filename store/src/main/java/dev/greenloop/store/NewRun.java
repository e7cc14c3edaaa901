package dev.greenloop.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as it starts: stored at once, so that a crash mid-run leaves a row marked
 * {@link RunStatus#RUNNING} rather than nothing. Immutable.
 *
 * @param name the user's name for the run ({@code --name}), or the command line when none was given
 * @param command the command and its arguments; empty for an in-process tracking
 * @param tags user tags ({@code --tag k=v}), in the order given
 * @param startedAt when measurement started, UTC
 * @param node the node it runs on
 * @param kind what it measures: a command or block, or the node alone ({@code monitor})
 * @param commandPid the measured command's process id, once started; empty for an in-process tracking
 */
public record NewRun(String name, List<String> command, Map<String, String> tags, Instant startedAt, NodeInfo node, RunKind kind,
        java.util.OptionalLong commandPid) {

    /**
     * Copies the collections, keeping tag order.
     *
     * @throws NullPointerException if {@code kind} or {@code commandPid} is null
     */
    public NewRun {
        command = List.copyOf(command);
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(commandPid, "commandPid");
    }

    /** A run of {@code kind} without a command process id (a monitor session, an in-process tracking). */
    public NewRun(String name, List<String> command, Map<String, String> tags, Instant startedAt, NodeInfo node, RunKind kind) {
        this(name, command, tags, startedAt, node, kind, java.util.OptionalLong.empty());
    }

    /** A {@link RunKind#MEASURE} run of a command whose process id is {@code commandPid}. */
    public NewRun(String name, List<String> command, Map<String, String> tags, Instant startedAt, NodeInfo node,
            java.util.OptionalLong commandPid) {
        this(name, command, tags, startedAt, node, RunKind.MEASURE, commandPid);
    }

    /** A {@link RunKind#MEASURE} run without a command process id (a block, or a command not started yet). */
    public NewRun(String name, List<String> command, Map<String, String> tags, Instant startedAt, NodeInfo node) {
        this(name, command, tags, startedAt, node, RunKind.MEASURE, java.util.OptionalLong.empty());
    }
}
