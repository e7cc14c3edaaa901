package dev.greenloop.schedule;

import dev.greenloop.core.BoundedLines;
import dev.greenloop.core.InputTooLargeException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads job files: CSV with the header {@code id,submit,duration_minutes,deadline,power_watts,interruptible,zones}
 * and, optionally after it, {@code checkpoint_minutes,min_segment_minutes} and {@code precompute}
 * (each optional column at most once, in any order; absent ones read as 0 and false). Times are
 * ISO-8601 UTC ({@code 2022-01-01T00:00:00Z}; without an offset they are read as UTC);
 * {@code interruptible} and {@code precompute} are {@code true} or {@code false}; {@code zones} are
 * separated by {@code ;}, empty meaning any zone, and match the simulator's trace zones in any case
 * ({@code es} is {@code ES}). Cells are not quoted; an id holding a double quote or a NUL character
 * is refused. Blank lines and lines starting with {@code #} are skipped.
 *
 * <p>Limits: a line of at most 1 MiB and a file of at most 256 MiB ({@link BoundedLines}); {@code power_watts} at most
 * {@link Job#MAX_POWER_WATTS} (1 MW); {@code duration_minutes}, the overheads and the window from {@code submit} to
 * {@code deadline} at most {@link Job#MAX_MINUTES} (10 years).
 */
public final class JobFiles {

    /** The columns every job file has, in this order. */
    public static final List<String> COLUMNS = List.of("id", "submit", "duration_minutes", "deadline", "power_watts", "interruptible", "zones");

    /** The optional overhead columns that may follow (each at most once, in any order, with {@link #PRECOMPUTE_COLUMN}). */
    public static final List<String> OPTIONAL_COLUMNS = List.of("checkpoint_minutes", "min_segment_minutes");

    /**
     * The optional column that marks a job precomputable for the information battery
     * ({@link Job#precompute()}); it may follow the columns above or {@link #OPTIONAL_COLUMNS}.
     */
    public static final String PRECOMPUTE_COLUMN = "precompute";

    private JobFiles() {
    }

    /**
     * @param file the job file
     * @return the jobs, in file order
     * @throws InvalidJobException naming the file, line and column of the first bad cell, a
     *     duplicate id, a deadline not after the submit time, a value over its limit, or a line or file over
     *     {@link BoundedLines}' limits
     * @throws IOException if the file cannot be read (a missing one names the path)
     */
    public static List<Job> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = BoundedLines.readAll(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such job file");
        } catch (InputTooLargeException e) {
            throw new InvalidJobException(e.getMessage());
        }
        return parse(lines, file.toString());
    }

    /**
     * @param lines the file's lines, header first
     * @param origin the file name, for messages
     * @return the jobs, in order
     * @throws InvalidJobException as {@link #read(Path)}
     */
    public static List<Job> parse(List<String> lines, String origin) {
        if (lines.isEmpty()) {
            throw new InvalidJobException(origin + ": the file is empty; expected the header " + String.join(",", COLUMNS));
        }
        List<String> header = Arrays.stream(stripBom(lines.getFirst()).split(",", -1)).map(String::trim).toList();
        if (!validHeader(header)) {
            throw new InvalidJobException("%s line 1: header is '%s'; expected %s (optionally followed by ,%s and/or ,%s)"
                    .formatted(origin, lines.getFirst(), String.join(",", COLUMNS), String.join(",", OPTIONAL_COLUMNS), PRECOMPUTE_COLUMN));
        }
        List<Job> jobs = new ArrayList<>(lines.size());
        Set<String> ids = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Job job = new Row(origin, i + 1, line.split(",", -1), header).job();
            if (!ids.add(job.id())) {
                throw new InvalidJobException("%s line %d column 1: job id '%s' is used twice; give each job its own id"
                        .formatted(origin, i + 1, job.id()));
            }
            jobs.add(job);
        }
        return jobs;
    }

    /** The fixed columns, then each optional one at most once, in any order. */
    private static boolean validHeader(List<String> header) {
        if (header.size() < COLUMNS.size() || !header.subList(0, COLUMNS.size()).equals(COLUMNS)) {
            return false;
        }
        List<String> rest = header.subList(COLUMNS.size(), header.size());
        return rest.stream().allMatch(c -> OPTIONAL_COLUMNS.contains(c) || c.equals(PRECOMPUTE_COLUMN))
                && rest.stream().distinct().count() == rest.size();
    }

    /**
     * Writes jobs in the format {@link #read(Path)} reads: the header, then one row per job, times
     * ISO-8601 UTC. The optional columns are written only when some job has a checkpoint overhead
     * or a minimum segment, and {@code precompute} only when some job is precomputable.
     *
     * @param jobs the jobs, in the order to write
     * @param out where to write
     * @throws IllegalArgumentException if an id or zone holds a comma, a semicolon or a line break,
     *     which the format cannot carry
     * @throws IOException if writing fails
     */
    public static void write(List<Job> jobs, Appendable out) throws IOException {
        boolean optional = jobs.stream().anyMatch(j -> j.checkpointMinutes() != 0 || j.minSegmentMinutes() != 0);
        boolean precompute = jobs.stream().anyMatch(Job::precompute);
        List<String> header = new ArrayList<>(optional ? concat() : COLUMNS);
        if (precompute) {
            header.add(PRECOMPUTE_COLUMN);
        }
        out.append(String.join(",", header)).append('\n');
        for (Job j : jobs) {
            out.append(cell(j.id(), j)).append(',').append(j.submit().toString()).append(',')
                    .append(Integer.toString(j.durationMinutes())).append(',').append(j.deadline().toString()).append(',')
                    .append(watts(j.powerWatts())).append(',').append(Boolean.toString(j.interruptible())).append(',');
            for (int z = 0; z < j.zones().size(); z++) {
                out.append(z == 0 ? "" : ";").append(cell(j.zones().get(z), j));
            }
            if (optional) {
                out.append(',').append(Integer.toString(j.checkpointMinutes())).append(',').append(Integer.toString(j.minSegmentMinutes()));
            }
            if (precompute) {
                out.append(',').append(Boolean.toString(j.precompute()));
            }
            out.append('\n');
        }
    }

    private static String cell(String text, Job job) {
        if (text.chars().anyMatch(c -> c == ',' || c == ';' || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("job %s: '%s' holds a comma, semicolon or line break, which a job file cannot carry"
                    .formatted(job.id(), text));
        }
        return text;
    }

    private static String watts(double w) {
        return w == Math.rint(w) && Math.abs(w) < 1e15 ? Long.toString((long) w) : Double.toString(w);
    }

    private static List<String> concat() {
        List<String> all = new ArrayList<>(COLUMNS);
        all.addAll(OPTIONAL_COLUMNS);
        return all;
    }

    private static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    /** One data row, with the position for messages. */
    private record Row(String origin, int line, String[] cells, List<String> header) {

        Job job() {
            if (cells.length != header.size()) {
                throw new InvalidJobException("%s line %d: %d columns, expected %d (%s)"
                        .formatted(origin, line, cells.length, header.size(), String.join(",", header)));
            }
            String id = cells[0].trim();
            if (id.isEmpty()) {
                throw bad(1, "", "a job id", "name the job");
            }
            if (id.indexOf('"') >= 0 || id.indexOf('\0') >= 0) {
                throw bad(1, id.replace("\0", "\\0"), "a job id (it holds a double quote or a NUL character)",
                        "use letters, digits, '.', '_' and '-'");
            }
            Instant submit = time(2);
            int duration = minutes(3, 1);
            Instant deadline = time(4);
            double power = watts(5);
            boolean interruptible = flag(6);
            List<String> zones = Arrays.stream(cells[6].split(";")).map(String::trim).filter(z -> !z.isEmpty()).toList();
            int checkpoint = optional(OPTIONAL_COLUMNS.get(0)) > 0 ? minutes(optional(OPTIONAL_COLUMNS.get(0)), 0) : 0;
            int minSegment = optional(OPTIONAL_COLUMNS.get(1)) > 0 ? minutes(optional(OPTIONAL_COLUMNS.get(1)), 0) : 0;
            boolean precompute = optional(PRECOMPUTE_COLUMN) > 0 && flag(optional(PRECOMPUTE_COLUMN));
            if (!deadline.isAfter(submit)) {
                throw new InvalidJobException("%s line %d column 4: job %s: deadline %s is not after submit time %s"
                        .formatted(origin, line, id, deadline, submit));
            }
            if (Duration.between(submit, deadline).toMinutes() > Job.MAX_MINUTES) {
                throw new InvalidJobException(("%s line %d column 4: job %s: deadline %s is more than 10 years (%d min) after submit"
                        + " time %s; give a nearer deadline").formatted(origin, line, id, deadline, Job.MAX_MINUTES, submit));
            }
            if (!interruptible && (checkpoint > 0 || minSegment > 0)) {
                throw new InvalidJobException("%s line %d: job %s is not interruptible but has a checkpoint overhead or minimum segment; set interruptible to true or the two columns to 0"
                        .formatted(origin, line, id));
            }
            return new Job(id, submit, duration, deadline, power, interruptible, checkpoint, minSegment, zones, precompute);
        }

        /** @return the 1-based column of an optional column, or 0 when the file has none */
        private int optional(String name) {
            return header.indexOf(name) + 1;
        }

        private String cell(int column) {
            return cells[column - 1].trim();
        }

        private InvalidJobException bad(int column, String text, String expected, String fix) {
            return new InvalidJobException("%s line %d column %d (%s): '%s' is not %s; %s"
                    .formatted(origin, line, column, header.get(column - 1), text, expected, fix));
        }

        private Instant time(int column) {
            String t = cell(column);
            try {
                if (t.endsWith("Z") || t.endsWith("z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                    return OffsetDateTime.parse(t.toUpperCase(Locale.ROOT)).toInstant();
                }
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw bad(column, t, "an ISO-8601 time", "write it as 2022-01-01T09:00:00Z");
            }
        }

        private int minutes(int column, int min) {
            String t = cell(column);
            try {
                long v = Long.parseLong(t);
                if (v > Job.MAX_MINUTES) {
                    throw bad(column, t, "at most %d minutes (10 years), the limit".formatted(Job.MAX_MINUTES), "give a shorter time, in minutes");
                }
                if (v >= min) {
                    return (int) v;
                }
            } catch (NumberFormatException e) {
                // reported below with the position
            }
            throw bad(column, t, "a whole number of minutes ≥ " + min, "write it as 90");
        }

        private double watts(int column) {
            String t = cell(column);
            try {
                double v = Double.parseDouble(t);
                if (Double.isFinite(v) && v > Job.MAX_POWER_WATTS) {
                    throw bad(column, t, "at most 1 MW (1000000 W), the limit for one job",
                            "write the power in watts (not mW); split a larger workload into several jobs");
                }
                if (Double.isFinite(v) && v >= 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below with the position
            }
            throw bad(column, t, "a power in watts ≥ 0", "write it as 250");
        }

        private boolean flag(int column) {
            String t = cell(column).toLowerCase(Locale.ROOT);
            return switch (t) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0", "" -> false;
                default -> throw bad(column, cell(column), "true or false", "write true or false");
            };
        }
    }
}
