package dev.greenloop.report;

import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.StoredRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** CSV export: one row per run (RFC 4180 quoting), energy in joules and kWh, and emissions. */
public final class RunCsv {

    /** The header row, without its line end. */
    public static final String HEADER = "run_id,name,status,node,started_at,ended_at,duration_seconds,exit_code,"
            + "energy_joules,energy_kwh,energy_min_joules,energy_max_joules,provenance,process_joules,process_kwh,"
            + "zone,grams_per_kwh,signal,intensity_source,pue,emissions_grams,process_emissions_grams,command,tags";

    private RunCsv() {
    }

    /**
     * Writes the runs as CSV (RFC 4180: the header, then one CRLF-terminated row a run, cells quoted as
     * {@link #quote} says), and flushes.
     *
     * @param out where to write
     * @param runs the runs, in the order wanted
     */
    public static void write(PrintWriter out, List<StoredRun> runs) {
        out.print(HEADER + "\r\n");
        for (StoredRun r : runs) {
            out.print(row(r));
        }
        out.flush();
    }

    /** One run's row, with its CRLF. */
    private static String row(StoredRun r) {
            StringBuilder sb = new StringBuilder();
            sb.append(r.id()).append(',').append(quote(r.start().name())).append(',').append(r.status().label()).append(',')
                    .append(quote(r.start().node().name())).append(',').append(Iso.format(r.start().startedAt())).append(',');
            if (r.outcome().isPresent()) {
                RunOutcome o = r.outcome().get();
                double total = o.total().joules();
                double min = o.totalMin().joules();
                double max = o.totalMax().joules();
                double process = o.processEnergy().joules();
                sb.append(Iso.format(o.endedAt())).append(',')
                        .append(num(Duration.between(r.start().startedAt(), o.endedAt()).toMillis() / 1000.0)).append(',')
                        .append(r.interruption().isPresent() ? "" : String.valueOf(o.exitCode())).append(',').append(num(total)).append(',').append(num(total / 3.6e6)).append(',')
                        .append(num(min)).append(',').append(num(max)).append(',').append(o.provenance().label()).append(',')
                        .append(num(process)).append(',').append(num(process / 3.6e6)).append(',')
                        .append(quote(o.carbon().zone())).append(',').append(num(o.carbon().gramsPerKWh())).append(',')
                        .append(quote(o.carbon().signal())).append(',').append(quote(o.carbon().source())).append(',')
                        .append(num(o.carbon().pue())).append(',').append(num(o.carbon().grams())).append(',')
                        .append(num(o.carbon().processGrams())).append(',');
            } else {
                sb.append(",".repeat(17));
            }
            sb.append(quote(String.join(" ", r.start().command()))).append(',');
            sb.append(quote(r.start().tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(";"))));
            return sb.append("\r\n").toString();
    }

    private static String num(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * Quotes one text field (numbers are written as they are) as RFC 4180 asks: unchanged unless it holds a comma, a
     * double quote or a line break, else enclosed in double quotes with its double quotes doubled. A field a
     * spreadsheet would read as a formula, one starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
     * carriage return, is neutralised as OWASP recommends against CSV injection: prefixed with a single quote
     * {@code '} and quoted.
     *
     * @param s the text field
     * @return the field as written
     */
    public static String quote(String s) {
        boolean formula = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
        if (!formula && s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + (formula ? "'" : "") + s.replace("\"", "\"\"") + '"';
    }
}
