package dev.greenloop.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;

/**
 * The guard on every JSON generator Greenloop opens: JSON has no NaN or infinity, and Jackson would write them as the
 * strings {@code "NaN"} and {@code "Infinity"}, which a reader takes for a figure or chokes on. A non-finite number
 * reaching a writer is a bug (a value that should have been refused at the input, or an unguarded division), so it
 * fails loudly, naming the key, instead of being written. A value that can legitimately be undefined is written as
 * {@code null} by its writer, and documented there.
 */
final class FiniteNumbers extends JsonGeneratorDelegate {

    private FiniteNumbers(JsonGenerator g) {
        super(g, true);
    }

    /** @return {@code g}, refusing non-finite numbers */
    static JsonGenerator of(JsonGenerator g) {
        return g instanceof FiniteNumbers ? g : new FiniteNumbers(g);
    }

    @Override
    public void writeNumber(double v) throws IOException {
        check(v);
        super.writeNumber(v);
    }

    @Override
    public void writeNumber(float v) throws IOException {
        check(v);
        super.writeNumber(v);
    }

    private void check(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("JSON key '%s' is %s, which JSON cannot hold; this is a bug in Greenloop, please report it with the command that printed it"
                    .formatted(key(), v));
        }
    }

    /** @return the key being written, as a path such as {@code battery.savingsPercent} or {@code rows[].joulesPerQuery} */
    private String key() {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = getOutputContext(); c != null && !c.inRoot(); c = c.getParent()) {
            parts.addFirst(c.inArray() ? "[]" : String.valueOf(c.getCurrentName()));
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            path.append(part.equals("[]") || path.isEmpty() ? "" : ".").append(part);
        }
        return path.isEmpty() ? "(top level)" : path.toString();
    }
}
