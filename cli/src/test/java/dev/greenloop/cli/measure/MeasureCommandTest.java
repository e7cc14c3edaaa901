package dev.greenloop.cli.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.greenloop.cli.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasureCommandTest {

    @Test
    void tags_keyValue_keepOrder_andBadTagIsUsageError() {
        assertEquals(List.of("b", "a"), List.copyOf(MeasureCommand.parseTags(List.of("b=2", "a=1")).keySet()));
        assertEquals("x=y", MeasureCommand.parseTags(List.of("k=x=y")).get("k"));
        assertThrows(UsageException.class, () -> MeasureCommand.parseTags(List.of("=v")));
    }
}
