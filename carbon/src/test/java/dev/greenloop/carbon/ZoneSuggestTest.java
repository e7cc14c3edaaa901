package dev.greenloop.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoneSuggestTest {

    private final ZoneTable table = ZoneTable.builtIn();

    @ParameterizedTest(name = "''{0}'' suggests {1} first")
    @CsvSource({
        "GERMANY, DE",
        "germany, DE",
        "Germny, DE",
        "Frnace, FR",
        "france, FR",
        "california, US-CAL-CISO",
        "texas, US-TEX-ERCO",
        "US-CAL, US-CAL-CISO",
        "us-tex-erct, US-TEX-ERCO",
        "AU-NWS, AU-NSW",
        "tasmania, AU-TAS",
        "UK, GB",
        "united kingdom, GB",
        "UAE, AE",
        "DEU, DE",
        "world, WORLD",
        "global, WORLD",
        "DE-BY, DE",
        "switzerland, CH",
        "Swtizerland, CH",
    })
    void suggest_typoNameOrPrefix_bestMatchFirst(String typed, String expected) {
        List<String> suggestions = table.suggest(typed, 3);
        assertTrue(!suggestions.isEmpty(), "no suggestion for " + typed);
        assertEquals(expected, suggestions.get(0), () -> typed + " gave " + suggestions);
    }

    @Test
    void suggest_prefixOfSeveralZones_returnsThemAllUpToMax() {
        List<String> suggestions = table.suggest("AU-", 10);
        assertTrue(suggestions.containsAll(List.of("AU-NSW", "AU-QLD", "AU-SA", "AU-TAS", "AU-VIC", "AU-WA")), suggestions::toString);
    }

    @Test
    void suggest_max_limitsCount() {
        assertEquals(2, table.suggest("US-", 2).size());
        assertEquals(List.of(), table.suggest("germany", 0));
    }

    @Test
    void suggest_gibberish_isEmpty() {
        assertEquals(List.of(), table.suggest("qqqqqqqqqq", 3));
        assertEquals(List.of(), table.suggest("   ", 3));
    }
}
