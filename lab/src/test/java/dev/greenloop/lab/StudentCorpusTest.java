package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudentCorpusTest {

    @TempDir
    Path home;

    @Test
    void read_knownName_fromTheLabDataFolder_blankLinesSkipped() throws Exception {
        Path data = Files.createDirectories(home.resolve("lab/data"));
        Files.writeString(data.resolve("wordnet-glosses.txt"), IntStream.range(0, 25).mapToObj(i -> "text " + i + "\n\n").collect(Collectors.joining()));
        StudentCorpus c = StudentCorpus.read("wordnet-glosses", home);
        assertEquals(25, c.texts().size());
        assertEquals("text 0", c.texts().getFirst());
        assertEquals(Files.size(data.resolve("wordnet-glosses.txt")), c.bytes());
    }

    @Test
    void read_knownNameNotFetched_namesTheScript() {
        var e = assertThrows(IllegalArgumentException.class, () -> StudentCorpus.read("wordnet-glosses", home));
        assertTrue(e.getMessage().contains("fetch it with scripts/fetch-corpus.sh"), e.getMessage());
    }

    @Test
    void read_missingFile_namesItAndTheKnownNames() {
        var e = assertThrows(IllegalArgumentException.class, () -> StudentCorpus.read(home.resolve("nope.txt").toString(), home));
        assertTrue(e.getMessage().contains("nope.txt: no such file") && e.getMessage().contains("wordnet-glosses"), e.getMessage());
    }

    @Test
    void read_tooFewTexts_refusedWithTheCount() throws Exception {
        Path f = Files.writeString(home.resolve("few.txt"), "one\ntwo\n");
        var e = assertThrows(IllegalArgumentException.class, () -> StudentCorpus.read(f.toString(), home));
        assertTrue(e.getMessage().contains("has 2 texts: give at least 20"), e.getMessage());
    }

    @Test
    void read_notUtf8_refused() throws Exception {
        Path f = Files.write(home.resolve("bin.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 'a', '\n'});
        var e = assertThrows(IllegalArgumentException.class, () -> StudentCorpus.read(f.toString(), home));
        assertTrue(e.getMessage().contains("cannot read") && e.getMessage().contains("as UTF-8"), e.getMessage());
    }

    @Test
    void read_none_isThePerTokenStudent() {
        assertTrue(StudentCorpus.read("none", home).isNone());
    }
}
