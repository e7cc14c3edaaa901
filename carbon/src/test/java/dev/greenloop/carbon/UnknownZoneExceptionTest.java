package dev.greenloop.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownZoneExceptionTest {

    private final ZoneTable table = ZoneTable.builtIn();

    @Test
    void timeline_countryName_messageSuggestsCode() {
        UnknownZoneException e = assertThrows(UnknownZoneException.class, () -> table.timeline("GERMANY"));
        assertEquals("unknown grid zone 'GERMANY': did you mean DE (Germany)? See 'greenloop zones' for the list.", e.getMessage());
        assertEquals("GERMANY", e.zone());
        assertEquals(List.of("DE"), e.suggestions());
        assertInstanceOf(IllegalArgumentException.class, e);
    }

    @Test
    void timeline_severalCloseMatches_messageListsThemWithOr() {
        UnknownZoneException e = assertThrows(UnknownZoneException.class, () -> table.timeline("AU-"));
        assertTrue(e.getMessage().startsWith("unknown grid zone 'AU-': did you mean AU-"), e.getMessage());
        assertTrue(e.getMessage().contains(" or "), e.getMessage());
        assertEquals(3, e.suggestions().size());
    }

    @Test
    void timeline_noCloseMatch_messagePointsToList() {
        UnknownZoneException e = assertThrows(UnknownZoneException.class, () -> table.timeline("qqqqqqqqqq"));
        assertEquals("unknown grid zone 'qqqqqqqqqq'. See 'greenloop zones' for the list.", e.getMessage());
        assertEquals(List.of(), e.suggestions());
    }

    @Test
    void timeline_typoInSubNationalCode_suggestsZoneWithName() {
        UnknownZoneException e = assertThrows(UnknownZoneException.class, () -> table.timeline("us-cal-ciss"));
        assertTrue(e.getMessage().contains("did you mean US-CAL-CISO (California ISO (CAISO))"), e.getMessage());
    }

    @Test
    void suggestions_returned_isImmutable() {
        UnknownZoneException e = assertThrows(UnknownZoneException.class, () -> table.timeline("Frnace"));
        assertThrows(UnsupportedOperationException.class, () -> e.suggestions().add("X"));
    }

    @Test
    void timeline_null_throwsNullPointer() {
        assertThrows(NullPointerException.class, () -> table.timeline(null));
    }
}
