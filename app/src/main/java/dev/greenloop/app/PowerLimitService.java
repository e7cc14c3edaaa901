package dev.greenloop.app;

import dev.greenloop.meter.LimitChange;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.spi.PowerLimit;
import dev.greenloop.meter.spi.PowerLimitException;
import dev.greenloop.meter.PowerLimits;
import dev.greenloop.meter.spi.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Lists, sets and restores the power limits of this node (RAPL constraints and GPU power limits, see
 * {@link PowerLimits}), and records every change it makes or attempts in {@code $GREENLOOP_HOME/audit.log}: one JSON
 * line each, forced to disk, saying who (the OS user, and {@code SUDO_USER} where set), what, when, the value before,
 * the value after and the result. A change the log cannot record is rolled back and reported as an error: a limit
 * nobody can trace or {@link #restore} is worse than none. Not thread-safe; close it to release NVML.
 *
 * <p>The log's lines: {@code {"at":"2026-12-05T12:00:00Z","user":"root","sudoUser":"ana","action":"set",
 * "component":"gpu-0","constraint":"power_limit","target":"gpu 0 (GPU-...)","beforeMicrowatts":700000000,
 * "afterMicrowatts":450000000,"result":"ok"}}; {@code action} is {@code set} or {@code restore}; {@code result} is
 * {@code ok} or {@code failed}, with {@code error} then.
 */
public final class PowerLimitService implements AutoCloseable {

    /** The audit log's file name in {@code GREENLOOP_HOME}. */
    public static final String AUDIT_FILE = "audit.log";

    /**
     * What a dry run found: the limit as it is and what would be written. Immutable.
     *
     * @param limit the limit now
     * @param afterMicrowatts the value that would be written
     */
    public record Plan(PowerLimit limit, long afterMicrowatts) {
        /** @throws NullPointerException if {@code limit} is null */
        public Plan {
            Objects.requireNonNull(limit, "limit");
        }
    }

    private final PowerLimits limits;
    private final AuditLog audit;
    private final String user;
    private final String sudoUser;
    private final Clock clock;

    PowerLimitService(PowerLimits limits, Path auditFile, String user, String sudoUser, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.audit = new AuditLog(auditFile);
        this.user = Objects.requireNonNull(user, "user");
        this.sudoUser = sudoUser;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens the limits of this node as the settings place them ({@code GREENLOOP_SYSFS_ROOT},
     * {@code GREENLOOP_NVML_LIBRARY}), auditing to {@code $GREENLOOP_HOME/audit.log} as the user this JVM runs as.
     */
    public static PowerLimitService open(Settings settings) {
        Map<String, String> env = settings.effectiveEnvironment();
        Clock clock = Clock.systemUTC();
        return new PowerLimitService(PowerLimits.open(MeterConfig.fromEnvironment(env), clock), settings.home().resolve(AUDIT_FILE),
                System.getProperty("user.name"), System.getenv("SUDO_USER"), clock);
    }

    /** @return where changes are recorded */
    public Path auditFile() {
        return audit.file();
    }

    /** @return every limit as it is now; see {@link PowerLimits#list()} */
    public List<PowerLimit> list() {
        return limits.list();
    }

    /** @return why some limits could not be listed or set */
    public List<Finding> findings() {
        return limits.findings();
    }

    /**
     * Checks a change without making it (a dry run); nothing is written, not even to the audit log.
     *
     * @param watts the new limit in watts, rounded to the microwatt
     * @throws PowerLimitException as {@link PowerLimits#check} does
     * @throws IllegalArgumentException if {@code watts} is not a finite number
     */
    public Plan plan(String component, Optional<String> constraint, double watts) throws PowerLimitException {
        long microwatts = microwatts(watts);
        return new Plan(limits.check(component, constraint, microwatts), microwatts);
    }

    /**
     * Sets a limit and records it (and records a failed attempt too).
     *
     * @param constraint the constraint, or empty for the component's first
     * @param watts the new limit in watts, rounded to the microwatt
     * @return the change
     * @throws PowerLimitException if it is refused or fails (see {@link PowerLimits#set})
     * @throws AuditException if the audit log cannot be written; the change is then rolled back (the message says
     *     whether that worked)
     * @throws IllegalArgumentException if {@code watts} is not a finite number
     */
    public LimitChange set(String component, Optional<String> constraint, double watts) throws PowerLimitException, AuditException {
        long microwatts = microwatts(watts);
        return apply("set", component, () -> limits.set(component, constraint, microwatts));
    }

    /**
     * Rolls back the latest change of {@code component} made through Greenloop that is not rolled back yet, as the audit
     * log tells it: each {@code restore} undoes the {@code set} before it, so repeated restores walk back through the
     * history.
     *
     * @return the change the restore made
     * @throws PowerLimitException {@link PowerLimitException.Reason#UNKNOWN_LIMIT} if the log holds no change of the
     *     component left to restore; else as {@link PowerLimits#set} does
     * @throws AuditException if the audit log cannot be read or written
     */
    public LimitChange restore(String component) throws PowerLimitException, AuditException {
        Deque<Map<String, String>> open = new ArrayDeque<>();
        try {
            for (Map<String, String> e : audit.read()) {
                if (component.equals(e.get("component")) && "ok".equals(e.get("result"))) {
                    if ("set".equals(e.get("action"))) {
                        open.push(e);
                    } else if ("restore".equals(e.get("action")) && !open.isEmpty()) {
                        open.pop();
                    }
                }
            }
        } catch (IOException e) {
            throw new AuditException("cannot read the audit log %s: %s".formatted(audit.file(), e.getMessage()), e);
        }
        if (open.isEmpty()) {
            throw new PowerLimitException(PowerLimitException.Reason.UNKNOWN_LIMIT,
                    "%s records no change of %s left to restore".formatted(audit.file(), component), null);
        }
        Map<String, String> last = open.peek();
        long before = Long.parseLong(last.get("beforeMicrowatts"));
        String constraint = last.get("constraint");
        return apply("restore", component, () -> limits.set(component, Optional.of(constraint), before));
    }

    @FunctionalInterface
    private interface Change {
        LimitChange make() throws PowerLimitException;
    }

    private LimitChange apply(String action, String component, Change change) throws PowerLimitException, AuditException {
        LimitChange done;
        try {
            done = change.make();
        } catch (PowerLimitException e) {
            if (!e.isUsageError()) {
                recordFailure(action, component, e);
            }
            throw e;
        }
        try {
            audit.append(entry(action, done, "ok"));
        } catch (IOException e) {
            String undone;
            try {
                limits.rollback(done);
                undone = "the change was rolled back";
            } catch (PowerLimitException r) {
                e.addSuppressed(r);
                undone = "rolling the change back failed too (%s); the limit stays at %d µW".formatted(r.getMessage(), done.afterMicrowatts());
            }
            throw new AuditException("cannot write the audit log %s (%s): %s".formatted(audit.file(), e.getMessage(), undone), e);
        }
        return done;
    }

    private void recordFailure(String action, String component, PowerLimitException failure) throws AuditException {
        Map<String, Object> line = base(action, component);
        line.put("result", "failed");
        line.put("error", failure.getMessage());
        try {
            audit.append(line);
        } catch (IOException e) {
            AuditException x = new AuditException("cannot write the audit log %s (%s) after a failed %s: %s".formatted(
                    audit.file(), e.getMessage(), action, failure.getMessage()), e);
            x.addSuppressed(failure);
            throw x;
        }
    }

    private Map<String, Object> entry(String action, LimitChange c, String result) {
        Map<String, Object> line = base(action, c.component());
        line.put("at", c.at().toString());
        line.put("constraint", c.constraint());
        line.put("target", c.target());
        line.put("beforeMicrowatts", c.beforeMicrowatts());
        line.put("afterMicrowatts", c.afterMicrowatts());
        line.put("result", result);
        return line;
    }

    private Map<String, Object> base(String action, String component) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", clock.instant().toString());
        line.put("user", user);
        line.put("sudoUser", sudoUser);
        line.put("action", action);
        line.put("component", component);
        return line;
    }

    private static long microwatts(double watts) {
        if (!Double.isFinite(watts)) {
            throw new IllegalArgumentException("a power limit must be a finite number of watts, was " + watts);
        }
        return Math.round(watts * 1_000_000);
    }

    /** Releases NVML. */
    @Override
    public void close() {
        limits.close();
    }
}
