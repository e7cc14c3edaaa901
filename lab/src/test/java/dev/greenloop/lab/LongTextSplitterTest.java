package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LangChain4j's cut of long token lists, on token lists written out. */
class LongTextSplitterTest {

    private static List<String> tokens(String... inner) {
        List<String> t = new ArrayList<>();
        t.add("[CLS]");
        t.addAll(List.of(inner));
        t.add("[SEP]");
        return t;
    }

    @Test
    void runs_fits_oneRunWithoutSpecialTokens() {
        assertEquals(List.of(List.of("a", "b")), LongTextSplitter.runs(tokens("a", "b"), 3));
    }

    @Test
    void runs_specialTokensAlone_none() {
        assertEquals(List.of(), LongTextSplitter.runs(tokens(), 3));
    }

    @Test
    void runs_cutMovesLeftOutOfAWord() {
        // The cut after 3 would start the next run at "##y": it moves to the start of "x ##y".
        assertEquals(List.of(List.of("a", "b"), List.of("x", "##y", "c"), List.of("d")),
                LongTextSplitter.runs(tokens("a", "b", "x", "##y", "c", "d"), 3));
    }

    @Test
    void runs_wordLongerThanARun_cutInside() {
        assertEquals(List.of(List.of("x", "##y"), List.of("##z", "##w")), LongTextSplitter.runs(tokens("x", "##y", "##z", "##w"), 2));
    }

    @Test
    void runs_exactMultiple() {
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), LongTextSplitter.runs(tokens("a", "b", "c", "d"), 2));
    }
}
