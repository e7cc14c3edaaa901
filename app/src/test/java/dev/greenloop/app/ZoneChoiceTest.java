package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneChoiceTest {

    @TempDir
    Path home;

    @Test
    void zoneChoice_flagOverridesEnvironment_andUnknownZoneIsUsageError() {
        Settings s = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "DE"));
        assertEquals("FR", ZoneChoice.resolve("fr", s).zone().code());
        assertEquals("DE", ZoneChoice.resolve(null, s).zone().code());
        var e = assertThrows(ConfigException.class, () -> ZoneChoice.resolve("Germny", s));
        assertTrue(e.getMessage().contains("'Germny'") && e.getMessage().contains("DE"), e.getMessage());
        Settings bad = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "XX-NOWHERE"));
        var e2 = assertThrows(ConfigException.class, () -> ZoneChoice.resolve(null, bad));
        assertTrue(e2.getMessage().startsWith("GREENLOOP_ZONE"), e2.getMessage());
    }
}
