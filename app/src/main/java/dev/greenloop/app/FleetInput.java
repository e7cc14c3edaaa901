package dev.greenloop.app;

import dev.greenloop.carbon.UnknownZoneException;
import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.FleetStore;
import dev.greenloop.store.NodeRegistration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** The fleet's input rules: what a node may say about itself and what a sample may hold. See {@link Fleet#ingest}. */
final class FleetInput {

    /** The most samples one ingest takes. */
    static final int MAX_BATCH = 10_000;
    /** The longest sample id, in characters. */
    static final int MAX_ID_LENGTH = 128;
    /** The longest node name and hardware summary, in characters. */
    static final int MAX_NAME_LENGTH = 253;
    static final int MAX_HARDWARE_LENGTH = 512;
    /** The shortest sample: a millisecond, the store's resolution. */
    static final double MIN_SECONDS = 0.001;
    /** The most power a component may report: 1 MW, as for a scheduled job's power ({@code Job.MAX_POWER_WATTS}). */
    static final double MAX_WATTS = 1_000_000;
    /** How far past the server's clock a sample may end (agents' clocks drift). */
    static final Duration MAX_FUTURE = Duration.ofHours(1);
    /** Samples before this are refused: a clock that was never set. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Component names as the meter makes them: {@code cpu-package-0}, {@code dram-0}, {@code psys}, {@code gpu-1}. */
    static final Pattern COMPONENT = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

    private FleetInput() {
    }

    /**
     * @return the registration with its zone as the built-in table spells it
     * @throws FleetInputException naming the field and the fix
     */
    static NodeRegistration node(NodeRegistration node) {
        text("node", node.name(), MAX_NAME_LENGTH, "the node's name, such as its host name");
        text("hardware", node.hardware(), MAX_HARDWARE_LENGTH, "a one-line hardware summary");
        String zone;
        try {
            ZoneTable.builtIn().timeline(node.zone());
            zone = ZoneTable.builtIn().find(node.zone()).orElseThrow().code();
        } catch (UnknownZoneException e) {
            throw new FleetInputException("zone", e.getMessage() + "; set the agent's zone (GREENLOOP_ZONE) to one of 'greenloop zones'");
        }
        if (!(node.pue() >= 1 && node.pue() <= 3)) {
            throw new FleetInputException("pue", ("PUE %s is out of range; it is facility energy / IT energy, from 1.0 (no overhead)"
                    + " to 3.0: fix the agent's GREENLOOP_PUE").formatted(node.pue()));
        }
        return new NodeRegistration(node.name(), zone, node.pue(), node.hardware());
    }

    /** @throws FleetInputException naming the first bad sample's index and field, and the fix */
    static void samples(List<FleetSample> samples, Instant now) {
        if (samples.size() > MAX_BATCH) {
            throw new FleetInputException("samples", "%d samples in one push; send at most %d at a time".formatted(samples.size(), MAX_BATCH));
        }
        Instant latest = now.plus(MAX_FUTURE);
        for (int i = 0; i < samples.size(); i++) {
            FleetSample s = samples.get(i);
            String at = "[" + i + "].";
            if (s == null) {
                throw new FleetInputException("[" + i + "]", "sample [%d] is null; give an object with id, time, seconds, component, scope, provenance, joules and watts".formatted(i));
            }
            if (s.id().isEmpty()) {
                throw new FleetInputException(at + "id", "sample [%d]: the id is empty; give each sample an id unique for its node (at most %d characters)".formatted(i, MAX_ID_LENGTH));
            }
            text(at + "id", s.id(), MAX_ID_LENGTH, "an id unique for the node");
            if (s.time().isBefore(EARLIEST) || s.time().isAfter(latest)) {
                throw new FleetInputException(at + "time", ("sample [%d]: time %s is before %s or more than %s after the server's clock (%s);"
                        + " set the agent's clock (NTP)").formatted(i, s.time(), EARLIEST, "1 h", now));
            }
            if (!(s.seconds() >= MIN_SECONDS && s.seconds() <= FleetStore.MAX_SAMPLE_SECONDS)) {
                throw new FleetInputException(at + "seconds", "sample [%d]: seconds %s is out of range; give the interval's length, from %s to %d s"
                        .formatted(i, s.seconds(), MIN_SECONDS, FleetStore.MAX_SAMPLE_SECONDS));
            }
            if (!COMPONENT.matcher(s.component()).matches()) {
                throw new FleetInputException(at + "component", ("sample [%d]: component '%s' is not a component name; give lower-case letters,"
                        + " digits, '.', '_' or '-', starting with a letter, at most 64, such as cpu-package-0").formatted(i, printable(s.component())));
            }
            if (!(s.watts() >= 0 && s.watts() <= MAX_WATTS)) {
                throw new FleetInputException(at + "watts", "sample [%d]: watts %s is out of range; give the mean power, from 0 to %.0f W"
                        .formatted(i, s.watts(), MAX_WATTS));
            }
            if (!(s.joules() >= 0 && s.joules() <= MAX_WATTS * s.seconds())) {
                throw new FleetInputException(at + "joules", ("sample [%d]: joules %s is out of range; give the energy of the interval, from 0 to"
                        + " %.0f W × its %s s").formatted(i, s.joules(), MAX_WATTS, s.seconds()));
            }
        }
    }

    /** @throws FleetInputException if {@code from} is not before {@code to} or the period is longer than {@code longest} */
    static void period(Instant from, Instant to, Duration longest) {
        if (from == null || to == null) {
            throw new FleetInputException(from == null ? "from" : "to", "give both from and to, as ISO-8601 times such as 2026-03-01T00:00:00Z");
        }
        if (!from.isBefore(to)) {
            throw new FleetInputException("from", "from %s is not before to %s; give a period that ends after it starts".formatted(from, to));
        }
        if (Duration.between(from, to).compareTo(longest) > 0) {
            throw new FleetInputException("to", "the period %s to %s is longer than %d days; ask for a shorter one".formatted(from, to, longest.toDays()));
        }
    }

    private static void text(String field, String value, int max, String what) {
        if (value.length() > max) {
            throw new FleetInputException(field, "%s is %d characters long; give %s of at most %d".formatted(field, value.length(), what, max));
        }
        if (field.equals("node") && value.isBlank()) {
            throw new FleetInputException(field, "the node's name is empty; give " + what);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new FleetInputException(field, "%s '%s' holds a control character at %d; give %s without them".formatted(field, printable(value), i, what));
            }
        }
    }

    /** @return {@code text} with control characters shown as {@code \\uXXXX} and cut to 80 characters, for messages */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 80; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? "\\u%04x".formatted((int) c) : String.valueOf(c));
        }
        return text.length() > 80 ? out + "..." : out.toString();
    }
}
