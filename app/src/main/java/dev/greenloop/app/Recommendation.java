package dev.greenloop.app;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One recommendation: a change to make, its estimated saving (a range, labelled estimated), the evidence it rests on,
 * how it is applied, and what became of it. Immutable. docs/recommendations.md describes each kind.
 *
 * @param id stable for its kind and target, such as {@code cap-power:cpu-package-0}
 * @param kind what sort of change
 * @param target what it changes: a component, a model, a job, a node
 * @param estimate the estimated saving
 * @param evidence the measurements it rests on, for people
 * @param howTo how it is applied, for people
 * @param change the change itself, as automation applies it
 * @param status where it stands
 * @param appliedAt when it was applied, if it was
 * @param verified the realised saving or the rollback, once verified
 */
public record Recommendation(String id, Kind kind, String target, Estimate estimate, String evidence, String howTo, Change change,
        Status status, Optional<Instant> appliedAt, Optional<Verification> verified) {

    /** @throws NullPointerException if any part is null */
    public Recommendation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(howTo, "howTo");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(verified, "verified");
    }

    /** A new, open recommendation; its id is {@code kind:target}. */
    static Recommendation open(Kind kind, String target, Estimate estimate, String evidence, String howTo, Change change) {
        return new Recommendation(kind.label() + ":" + target, kind, target, estimate, evidence, howTo, change, Status.OPEN, Optional.empty(),
                Optional.empty());
    }

    /** The kinds of recommendation. */
    public enum Kind {
        /** Move a deferrable job to its cleanest window. */
        SHIFT_JOB("shift-job"),
        /** Serve a cheaper model variant that keeps the quality floor. */
        SWITCH_VARIANT("switch-variant"),
        /** Lower a GPU's power limit or a CPU package's RAPL limit. */
        CAP_POWER("cap-power"),
        /** Consolidate or suspend an idle node. */
        IDLE_NODE("idle-node"),
        /** Run deferrable work in a cleaner zone. */
        MOVE_ZONE("move-zone");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return the name users type, such as {@code cap-power} */
        public String label() {
            return label;
        }

        /**
         * @throws IllegalArgumentException naming the bad value and the kinds there are
         */
        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.label.equals(text)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(("unknown recommendation kind '%s'; the kinds are shift-job, switch-variant, cap-power, idle-node,"
                    + " move-zone").formatted(text));
        }
    }

    /** Where a recommendation stands. */
    public enum Status {
        OPEN, ACCEPTED, DISMISSED, APPLIED, VERIFIED, ROLLED_BACK;

        /** @return the stored name, such as {@code rolled_back} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for an unknown name */
        public static Status parse(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * A range: least, middle and most. Immutable.
     *
     * @throws IllegalArgumentException unless {@code min <= mid <= max}, all finite
     */
    public record Range(double min, double mid, double max) {
        public Range {
            if (!(Double.isFinite(min) && Double.isFinite(mid) && Double.isFinite(max) && min <= mid && mid <= max)) {
                throw new IllegalArgumentException("a range needs finite min <= mid <= max, was %s, %s, %s".formatted(min, mid, max));
            }
        }

        /** @return this range times {@code factor} (at least 0) */
        public Range times(double factor) {
            return new Range(min * factor, mid * factor, max * factor);
        }
    }

    /**
     * An estimated saving. Every estimate is labelled {@code estimated}: it is a projection from past measurements, not
     * a measurement of the change.
     *
     * @param kwh energy saved, in kWh
     * @param grams emissions avoided, in grams of CO2eq
     * @param basis what it is over, such as {@code per week at the last 7 days' load}
     * @param method how it was computed, with the intensity's source
     */
    public record Estimate(Range kwh, Range grams, String basis, String method) {
        /** The label every estimate carries. */
        public static final String LABEL = "estimated";

        /** @throws NullPointerException if any part is null */
        public Estimate {
            Objects.requireNonNull(kwh, "kwh");
            Objects.requireNonNull(grams, "grams");
            Objects.requireNonNull(basis, "basis");
            Objects.requireNonNull(method, "method");
        }
    }

    /**
     * A verification: the realised saving over the after-window (measured), or why it was rolled back.
     *
     * @param kwh realised energy saving, kWh (negative when the change cost energy)
     * @param grams realised saving in grams of CO2eq
     * @param how how it was measured: windows, energy per unit before and after, throughput change
     */
    public record Verification(double kwh, double grams, String how) {
    }

    /** A change automation can make, or {@link Manual} for one people make. */
    public sealed interface Change {

        /** @return the stored form */
        String spec();

        /** Lower a power limit to {@code watts}. */
        record PowerCap(String component, String constraint, double watts) implements Change {
            @Override
            public String spec() {
                return "cap|%s|%s|%s".formatted(component, constraint, watts);
            }
        }

        /** Serve variant {@code to} of {@code model} instead of {@code from}. */
        record VariantSwitch(String model, String from, String to) implements Change {
            @Override
            public String spec() {
                return "variant|%s|%s|%s".formatted(model, from, to);
            }
        }

        /** Start job {@code job} at {@code to} instead of {@code from}. */
        record Reschedule(String job, Instant from, Instant to) implements Change {
            @Override
            public String spec() {
                return "reschedule|%s|%d|%d".formatted(job, from.toEpochMilli(), to.toEpochMilli());
            }
        }

        /** A change people make; its recommendation's how-to says how. */
        record Manual() implements Change {
            @Override
            public String spec() {
                return "manual";
            }
        }

        /** @throws IllegalArgumentException if {@code spec} is not a stored change */
        static Change parse(String spec) {
            String[] p = spec.split("\\|", -1);
            return switch (p[0]) {
                case "cap" -> new PowerCap(p[1], p[2], Double.parseDouble(p[3]));
                case "variant" -> new VariantSwitch(p[1], p[2], p[3]);
                case "reschedule" -> new Reschedule(p[1], Instant.ofEpochMilli(Long.parseLong(p[2])), Instant.ofEpochMilli(Long.parseLong(p[3])));
                case "manual" -> new Manual();
                default -> throw new IllegalArgumentException("unknown stored change '%s'".formatted(spec));
            };
        }
    }
}
