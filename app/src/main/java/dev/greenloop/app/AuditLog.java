package dev.greenloop.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.greenloop.core.PrivateFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only file of JSON lines, one flat object per line, each forced to disk before {@link #append} returns. A
 * line that cannot be parsed on reading (a crash mid-write leaves at most one, the last) is skipped: the lines before
 * it were fsync'd whole. A file (and folders) this class creates is owner-only: 0600 (0700).
 */
final class AuditLog {

    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;

    AuditLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * Appends one line and forces it to disk.
     *
     * @param fields names to values: {@link String}, {@link Long} or {@link Boolean}; nulls are left out
     * @throws IOException if the folder cannot be made or the line cannot be written and forced
     */
    void append(Map<String, Object> fields) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            for (var e : fields.entrySet()) {
                switch (e.getValue()) {
                    case null -> { }
                    case Long n -> g.writeNumberField(e.getKey(), n);
                    case Boolean b -> g.writeBooleanField(e.getKey(), b);
                    default -> g.writeStringField(e.getKey(), e.getValue().toString());
                }
            }
            g.writeEndObject();
        }
        text.write('\n');
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            PrivateFiles.createDirectories(dir);
        }
        // Owner-only, as the store: the log names who changed which limit or applied which recommendation.
        boolean created = PrivateFiles.createFileIfAbsent(file);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        if (created && dir != null) {
            // a new file's name lives in its directory: force that too, or a crash may lose the whole log
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }
    }

    /**
     * @return every whole line, oldest first, as field names to their text; empty if the file does not exist
     * @throws IOException if it exists and cannot be read
     */
    List<Map<String, String>> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Map<String, String>> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try (JsonParser p = JSON.createParser(line)) {
                Map<String, String> entry = new LinkedHashMap<>();
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    entry.put(name, p.getValueAsString());
                }
                entries.add(entry);
            } catch (IOException e) {
                // a torn last line after a crash: the change it describes may not have been made; skipping it is safe
            }
        }
        return entries;
    }
}
