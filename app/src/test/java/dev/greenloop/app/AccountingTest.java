package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountingTest {

    @TempDir
    Path home;

    @Test
    void pue_outOfRangeOrNotANumber_isUsageError() {
        assertEquals(1.2, Accounting.pue("1.2", "--pue"));
        assertThrows(ConfigException.class, () -> Accounting.pue("0.8", "--pue"));
        assertThrows(ConfigException.class, () -> Accounting.pue("abc", "--pue"));
        assertThrows(ConfigException.class, () -> Accounting.pue("NaN", "--pue"));
    }

    @Test
    void pue_flagOverridesSettings_elseSettings_elseOne() {
        Settings none = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        Settings set = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_PUE", "1.5"));
        assertEquals(1.0, Accounting.pue(null, "--pue", none));
        assertEquals(1.5, Accounting.pue(null, "--pue", set));
        assertEquals(1.1, Accounting.pue("1.1", "--pue", set));
        var e = assertThrows(ConfigException.class, () -> Accounting.pue(null, "--pue",
                Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_PUE", "9"))));
        assertTrue(e.getMessage().startsWith("GREENLOOP_PUE: PUE 9 is out of range"), e.getMessage());
    }
}
