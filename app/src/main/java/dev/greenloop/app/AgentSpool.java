package dev.greenloop.app;

import dev.greenloop.core.PrivateFiles;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NodeRegistration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The agent's spool in {@code $GREENLOOP_HOME/agent-spool/}: every sample is written here, and forced to disk, before it
 * is pushed, and stays until the server acknowledged it, so that a server away, a server killed or an agent killed
 * loses nothing that was sampled.
 *
 * <p>Format: append-only segment files {@code segment-<epoch ms>-<pid>-<n>.jsonl}, read in name order (time order).
 * A segment's first line is its node ({@code {"format":1,"node","zone","pue","hardware"}}), each further line one
 * sample as the ingest route takes it. What the server acknowledged is a byte offset in {@code <segment>.acked},
 * replaced atomically; a segment acknowledged to its end is removed. A line cut short by a crash (no line end) ends its
 * segment. Files are 0600 in a 0700 folder. One agent at a time holds {@code agent.lock}; others (such as
 * {@code measure --server} while an agent runs) hand over whole segments with {@link #handOver}.
 *
 * <p>Bounds ({@link Limits}): when the segments together exceed the size cap, or a segment is older than the age cap,
 * the oldest segments are dropped and {@code notes} says how many samples and from when. Safe for one thread that
 * appends and one that pushes.
 */
final class AgentSpool implements AutoCloseable {

    /** The spool's folder in {@code GREENLOOP_HOME}. */
    static final String FOLDER = "agent-spool";
    /** Where batches the server refused (400, 413) are kept, one JSON object per line, in the spool's folder. */
    static final String DEAD_LETTER = "dead-letter.jsonl";
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".jsonl";
    private static final String ACKED = ".acked";
    private static final AtomicLong SEGMENTS = new AtomicLong();

    /**
     * The spool's bounds.
     *
     * @param maxBytes the most the segments may hold together, in bytes
     * @param maxAge the oldest a segment may get before it is dropped
     * @param segmentBytes the size at which the agent starts a new segment
     */
    record Limits(long maxBytes, Duration maxAge, long segmentBytes) {
        /** 256 MiB (about 9 days of 4 components every second), 7 days, segments of 4 MiB. */
        static final Limits DEFAULT = new Limits(256L << 20, Duration.ofDays(7), 4L << 20);
    }

    /** Samples of one segment, in order, and where in the segment they end. */
    record Batch(Path segment, NodeRegistration node, List<FleetSample> samples, long endOffset, boolean toTheEnd) {
    }

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Limits limits;
    private final Consumer<String> notes;
    private FileChannel live;
    private Path livePath;
    private NodeRegistration liveNode;
    private long liveBytes;
    private long pending;

    private AgentSpool(Path dir, FileChannel lockChannel, FileLock lock, Limits limits, Consumer<String> notes) throws IOException {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.limits = limits;
        this.notes = notes;
        for (Path segment : segments()) {
            pending += countLines(segment, ackedOffset(segment));
        }
    }

    /**
     * Opens the spool for one agent, creating its folder (0700) if needed.
     *
     * @param notes told of samples dropped over the bounds, and of damaged lines skipped
     * @return the spool, or empty if another process holds it
     * @throws IOException if the folder or its lock cannot be created
     */
    static Optional<AgentSpool> tryOpen(Path home, Limits limits, Consumer<String> notes) throws IOException {
        Path dir = home.resolve(FOLDER);
        PrivateFiles.createDirectories(dir);
        Path lockFile = dir.resolve("agent.lock");
        PrivateFiles.createFileIfAbsent(lockFile);
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        try {
            return Optional.of(new AgentSpool(dir, channel, lock, limits, notes));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return the spool's folder */
    Path dir() {
        return dir;
    }

    /** @return how many samples wait to be acknowledged */
    synchronized long pending() {
        return pending;
    }

    /**
     * Appends samples and forces them to disk; starts a new segment when the node changed or the segment is full, and
     * drops the oldest segments if the spool is over its bounds.
     *
     * @throws IOException if they cannot be written
     */
    synchronized void append(NodeRegistration node, List<FleetSample> samples) throws IOException {
        if (samples.isEmpty()) {
            return;
        }
        if (live != null && (!node.equals(liveNode) || liveBytes >= limits.segmentBytes())) {
            live.close();
            live = null;
        }
        if (live == null) {
            livePath = dir.resolve(newSegmentName());
            PrivateFiles.createFileIfAbsent(livePath);
            live = FileChannel.open(livePath, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            liveNode = node;
            liveBytes = write(live, SampleJson.header(node) + "\n");
        }
        StringBuilder text = new StringBuilder(samples.size() * 200);
        for (FleetSample s : samples) {
            text.append(SampleJson.line(s)).append('\n');
        }
        liveBytes += write(live, text.toString());
        live.force(false);
        pending += samples.size();
        enforceBounds();
    }

    /**
     * Writes samples as a whole segment of their own (a temporary file renamed into place, forced to disk), without
     * the lock: for a process that is not the agent, such as {@code measure --server}; the agent pushes it in turn.
     *
     * @return the segment written
     * @throws IOException if it cannot be written (nothing is left behind)
     */
    static Path handOver(Path home, NodeRegistration node, List<FleetSample> samples) throws IOException {
        Path dir = home.resolve(FOLDER);
        PrivateFiles.createDirectories(dir);
        String name = newSegmentName();
        Path tmp = dir.resolve(name + ".tmp");
        Path target = dir.resolve(name);
        PrivateFiles.createFileIfAbsent(tmp);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder text = new StringBuilder(SampleJson.header(node)).append('\n');
            for (FleetSample s : samples) {
                text.append(SampleJson.line(s)).append('\n');
            }
            write(c, text.toString());
            c.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
        return target;
    }

    /**
     * @param max the most samples to return
     * @return the oldest samples not yet acknowledged, all of one segment and so of one node; empty when none wait
     * @throws IOException if a segment cannot be read
     */
    synchronized Optional<Batch> next(int max) throws IOException {
        for (Path segment : segments()) {
            long offset = ackedOffset(segment);
            Optional<Batch> batch = read(segment, offset, max);
            if (batch.isPresent() && !batch.get().samples().isEmpty()) {
                return batch;
            }
            if (!segment.equals(livePath)) {
                // Nothing left in it: acknowledged to its end, or only a header, or a line cut short by a crash.
                remove(segment);
            }
        }
        return Optional.empty();
    }

    /**
     * Records that the server took a batch (or that it went to the dead letters): a segment acknowledged to its end is
     * removed, unless it is the one being written.
     *
     * @throws IOException if the acknowledgement cannot be written
     */
    synchronized void ack(Batch batch) throws IOException {
        pending = Math.max(0, pending - batch.samples().size());
        if (batch.toTheEnd() && !batch.segment().equals(livePath)) {
            remove(batch.segment());
            return;
        }
        Path ack = ackFile(batch.segment());
        Path tmp = ack.resolveSibling(ack.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        PrivateFiles.createFileIfAbsent(tmp);
        Files.writeString(tmp, Long.toString(batch.endOffset()));
        try {
            Files.move(tmp, ack, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, ack, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Keeps a batch the server refused in {@link #DEAD_LETTER}, one JSON object per line:
     * {@code {"time","status","problem","node","samples":[...]}}; then acknowledges it.
     *
     * @return the dead-letter file
     * @throws IOException if it cannot be written
     */
    synchronized Path deadLetter(Batch batch, int status, String problem) throws IOException {
        Path file = dir.resolve(DEAD_LETTER);
        PrivateFiles.createFileIfAbsent(file);
        StringBuilder line = new StringBuilder(batch.samples().size() * 200 + 200);
        java.io.StringWriter w = new java.io.StringWriter();
        try (var g = SampleJson.JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.now().toString());
            g.writeNumberField("status", status);
            g.writeStringField("problem", problem);
            g.writeStringField("node", batch.node().name());
            g.writeFieldName("samples");
            g.writeStartArray();
            for (FleetSample s : batch.samples()) {
                SampleJson.write(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        line.append(w).append('\n');
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            write(c, line.toString());
            c.force(false);
        }
        ack(batch);
        return file;
    }

    private Optional<Batch> read(Path segment, long offset, int max) throws IOException {
        List<FleetSample> samples = new ArrayList<>();
        NodeRegistration node;
        long position;
        boolean end = false;
        try (FileChannel c = FileChannel.open(segment, StandardOpenOption.READ)) {
            InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(c), 1 << 16);
            byte[] header = line(in);
            if (header == null) {
                return Optional.empty(); // only a header cut short
            }
            try {
                node = SampleJson.readHeader(new String(header, StandardCharsets.UTF_8));
            } catch (IOException e) {
                notes.accept("skipped spool segment %s: its first line is not a node (%s)".formatted(segment, e.getMessage()));
                return Optional.empty();
            }
            position = Math.max(offset, header.length + 1);
            if (position > header.length + 1) {
                c.position(position);
                in = new java.io.BufferedInputStream(Channels.newInputStream(c), 1 << 16);
            }
            while (samples.size() < max) {
                byte[] l = line(in);
                if (l == null) {
                    end = true;
                    break;
                }
                position += l.length + 1;
                try {
                    samples.add(SampleJson.read(new String(l, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    pending = Math.max(0, pending - 1);
                    notes.accept("skipped a damaged line of spool segment %s: %s".formatted(segment, e.getMessage()));
                }
            }
            if (!end) {
                in.mark(1);
                end = in.read() < 0;
            }
        } catch (NoSuchFileException e) {
            return Optional.empty(); // dropped meanwhile
        }
        return Optional.of(new Batch(segment, node, samples, position, end));
    }

    /** @return the next whole line without its line end, or null at the end or before a line cut short */
    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return buf.toByteArray();
            }
            buf.write(b);
        }
        return null;
    }

    private static long countLines(Path segment, long offset) throws IOException {
        long lines = 0;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(segment), 1 << 16)) {
            byte[] header = line(in);
            if (header == null) {
                return 0;
            }
            in.skipNBytes(Math.max(0, offset - header.length - 1));
            while (line(in) != null) {
                lines++;
            }
        } catch (java.io.EOFException | NoSuchFileException e) {
            return 0;
        }
        return lines;
    }

    private void enforceBounds() throws IOException {
        List<Path> segments = segments();
        long total = 0;
        for (Path s : segments) {
            total += size(s);
        }
        Instant oldest = Instant.now().minus(limits.maxAge());
        for (Path s : segments) {
            boolean tooOld = Files.getLastModifiedTime(s).toInstant().isBefore(oldest);
            if (s.equals(livePath) || !(total > limits.maxBytes() || tooOld)) {
                continue;
            }
            long dropped = countLines(s, ackedOffset(s));
            total -= size(s);
            remove(s);
            pending = Math.max(0, pending - dropped);
            notes.accept("dropped %d oldest spooled samples (%s): the spool is over its bound of %d MiB or %d days"
                    .formatted(dropped, s.getFileName(), limits.maxBytes() >> 20, limits.maxAge().toDays()));
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // removed meanwhile
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
            }).sorted().toList();
        }
    }

    private static long ackedOffset(Path segment) throws IOException {
        try {
            String text = Files.readString(ackFile(segment)).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (NumberFormatException e) {
            return 0; // a damaged acknowledgement: replay the segment, the server skips what it has
        }
    }

    private static Path ackFile(Path segment) {
        return segment.resolveSibling(segment.getFileName() + ACKED);
    }

    private void remove(Path segment) throws IOException {
        if (segment.equals(livePath) && live != null) {
            live.close();
            live = null;
            livePath = null;
        }
        Files.deleteIfExists(segment);
        Files.deleteIfExists(ackFile(segment));
    }

    private static String newSegmentName() {
        return "%s%015d-%d-%06d%s".formatted(PREFIX, System.currentTimeMillis(), ProcessHandle.current().pid(),
                SEGMENTS.incrementAndGet(), SUFFIX);
    }

    private static int write(FileChannel c, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        int n = bytes.remaining();
        while (bytes.hasRemaining()) {
            c.write(bytes);
        }
        return n;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (live != null) {
                live.close();
                live = null;
            }
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
