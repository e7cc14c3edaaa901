package dev.greenloop.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the terminal: a header, rows, columns padded to fit, numbers right-aligned. Control characters
 * in cells (a name holding a terminal escape sequence) are shown escaped ({@link #escape}), never sent to the terminal.
 * Not thread-safe.
 */
public final class Table {

    private final String[] header;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * Starts a table with no rows.
     *
     * @param header column titles; a title starting with '>' marks a right-aligned column (the '>' is not shown)
     */
    public Table(String... header) {
        this.header = new String[header.length];
        this.rightAligned = new boolean[header.length];
        for (int i = 0; i < header.length; i++) {
            rightAligned[i] = header[i].startsWith(">");
            this.header[i] = escape(rightAligned[i] ? header[i].substring(1) : header[i]);
        }
    }

    /**
     * Adds a row; cells beyond the header's columns are ignored, missing or null cells are empty.
     *
     * @param cells the cells, written with {@code toString()}
     * @return this table
     */
    public Table row(Object... cells) {
        String[] r = new String[header.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < cells.length && cells[i] != null ? escape(cells[i].toString()) : "";
        }
        rows.add(r);
        return this;
    }

    /**
     * Text made safe to print on a terminal: each control character (C0, DEL and C1, such as ESC, which starts the
     * escape sequences that recolour or rewrite a terminal) is shown as its Java escape {@code \\uXXXX}, lowercase
     * hexadecimal, such as {@code \\u001b}; everything else is unchanged.
     *
     * @param s the text
     * @return {@code s}, or a copy with its control characters escaped
     */
    public static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** @return whether no row was added */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Prints the table: the header, a rule, then the rows, columns padded to their widest cell.
     *
     * @param out where to print
     */
    public void print(PrintWriter out) {
        lines().forEach(out::println);
    }

    private List<String> lines() {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(header, width));
        String[] rule = new String[header.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        lines.add(line(rule, width));
        for (String[] r : rows) {
            lines.add(line(r, width));
        }
        return lines;
    }

    private String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String pad = " ".repeat(width[i] - cells[i].length());
            sb.append(rightAligned[i] ? pad + cells[i] : i == cells.length - 1 ? cells[i] : cells[i] + pad);
        }
        return sb.toString().stripTrailing();
    }
}
