package dev.greenloop.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Unlabelled texts a static student is trained on ({@code lab distill --corpus}): one text per
 * line, blank lines skipped. Immutable.
 *
 * @param name what the user gave: a known name ({@link #KNOWN}) or the file
 * @param file the file
 * @param texts its texts, in file order
 * @param bytes the file's size, which the cached student records
 * @param modifiedMillis the file's modification time, which the cached student records
 */
public record StudentCorpus(String name, Path file, List<String> texts, long bytes, long modifiedMillis) {

    /** The fewest texts a corpus may have: enough for a held-out share and a training share. */
    public static final int MIN_TEXTS = 20;

    /** Known corpus names, each the file its fetch script writes under {@code HOME/lab/data}, and that script. */
    public static final Map<String, String> KNOWN = Map.of("wordnet-glosses", "scripts/fetch-corpus.sh");

    /** The name that asks for no corpus: the per-token student. */
    public static final String NONE = "none";

    /** @throws NullPointerException if a reference is null */
    public StudentCorpus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        texts = List.copyOf(texts);
    }

    /** No corpus ({@value #NONE}): the per-token student, untrained. */
    public static StudentCorpus none() {
        return new StudentCorpus(NONE, Path.of(NONE), List.of(), -1, -1);
    }

    /** Whether this is {@link #none()}. */
    public boolean isNone() {
        return texts.isEmpty();
    }

    /**
     * Reads a corpus named by the user: {@value #NONE} for {@link #none()}: a known name (see {@link #KNOWN}), read from
     * {@code home/lab/data/NAME.txt}, or else a file.
     *
     * @param fileOrName a known name or a file
     * @param home Greenloop's data directory
     * @throws IllegalArgumentException naming the value and the fix if the file is not there, cannot be
     *     read as UTF-8, or has fewer than {@link #MIN_TEXTS} texts
     */
    public static StudentCorpus read(String fileOrName, Path home) {
        if (fileOrName.equals(NONE)) {
            return none();
        }
        String script = KNOWN.get(fileOrName);
        Path file = script != null ? home.resolve("lab").resolve("data").resolve(fileOrName + ".txt") : Path.of(fileOrName);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(script != null
                    ? "corpus %s: %s is not there yet; fetch it with %s (GREENLOOP_HOME=%s)".formatted(fileOrName, file, script, home)
                    : "corpus %s: no such file; give a text file (one text per line) or one of the names %s".formatted(fileOrName, KNOWN.keySet()));
        }
        try {
            List<String> texts = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (texts.size() < MIN_TEXTS) {
                throw new IllegalArgumentException("corpus %s has %d texts: give at least %d (one per line)".formatted(file, texts.size(), MIN_TEXTS));
            }
            return new StudentCorpus(fileOrName, file, texts, Files.size(file), Files.getLastModifiedTime(file).toMillis());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("corpus %s: cannot read %s as UTF-8 text: %s".formatted(fileOrName, file, e.getMessage()), e);
        }
    }
}
