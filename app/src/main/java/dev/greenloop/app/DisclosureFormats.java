package dev.greenloop.app;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.report.RunJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The formats a {@link Disclosure} is written in, for every front end ({@code greenloop report}, the dashboard's report
 * page): {@code json}, {@code csv}, {@code html}, {@code impact} (text) and {@code pdf} ({@link DisclosurePdf}, bytes).
 */
public final class DisclosureFormats {

    /** Every format, as users name them. */
    public static final List<String> ALL = List.of("json", "csv", "html", "pdf", "impact");

    private DisclosureFormats() {
    }

    /**
     * @param text as the user wrote it
     * @return its name in {@link #ALL}
     * @throws ConfigException naming the value and the formats
     */
    public static String parse(String text) {
        String f = text.strip().toLowerCase(Locale.ROOT);
        if (!ALL.contains(f)) {
            throw new ConfigException("--format: '%s' is not supported; use json, csv, html, pdf or impact".formatted(text));
        }
        return f;
    }

    /** @return the media type of a format's file */
    public static String mediaType(String format) {
        return switch (format) {
            case "json" -> "application/json";
            case "csv" -> "text/csv; charset=utf-8";
            case "html" -> "text/html; charset=utf-8";
            case "pdf" -> "application/pdf";
            case "impact" -> "application/yaml; charset=utf-8";
            default -> throw new IllegalArgumentException("no format " + format);
        };
    }

    /** @return the file name ending of a format: {@code .json}, {@code .csv}, {@code .html}, {@code .pdf}, {@code .yaml} */
    public static String extension(String format) {
        return format.equals("impact") ? ".yaml" : "." + format;
    }

    /**
     * Writes a text format.
     *
     * @param format {@code json}, {@code csv}, {@code html} or {@code impact}
     * @throws IllegalArgumentException for {@code pdf} (bytes: {@link DisclosurePdf}) or an unknown format
     * @throws IOException if the writer fails
     */
    public static void write(String format, Disclosure d, Writer w) throws IOException {
        switch (format) {
            case "json" -> {
                try (JsonGenerator g = RunJson.generator(w)) {
                    DisclosureJson.write(g, d);
                }
                w.write(System.lineSeparator());
            }
            case "csv" -> DisclosureCsv.write(new PrintWriter(w), d);
            case "html" -> w.write(DisclosureHtml.render(d));
            case "impact" -> ImpactManifest.write(new PrintWriter(w), d);
            default -> throw new IllegalArgumentException("format %s is not text; use DisclosurePdf".formatted(format));
        }
    }
}
