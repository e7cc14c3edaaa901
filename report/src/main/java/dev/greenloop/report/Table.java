package dev.greenloop.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for the terminal: a header, rows, columns padded to fit, numbers right-aligned. Not thread-safe. */
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
            this.header[i] = rightAligned[i] ? header[i].substring(1) : header[i];
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
            r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(r);
        return this;
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
