package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    @Test
    void settings_environmentOverridesConfigFile() throws IOException {
        Files.writeString(home.resolve("config"), "zone=FR\npue=1.3\n");
        Settings s = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "DE"));
        assertEquals("DE", s.get("ZONE").orElseThrow());
        assertEquals("GREENLOOP_ZONE", s.origin("ZONE"));
        assertEquals("1.3", s.get("PUE").orElseThrow());
        assertTrue(s.origin("PUE").contains("config"));
        assertEquals("1.3", s.effectiveEnvironment().get("GREENLOOP_PUE"));
        assertEquals("DE", s.effectiveEnvironment().get("GREENLOOP_ZONE"));
    }

    @Test
    void load_unknownKeyInConfigFile_namesItAndTheKnownKeys() throws IOException {
        Files.writeString(home.resolve("config"), "zone=FR\nzoen=DE\n");
        var e = assertThrows(ConfigException.class, () -> Settings.load(Map.of("GREENLOOP_HOME", home.toString())));
        assertTrue(e.getMessage().contains("unknown key 'zoen'"), e.getMessage());
        assertTrue(e.getMessage().contains(home.resolve("config").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(String.join(", ", Settings.KEYS)), e.getMessage());
    }

    @Test
    void load_everyKnownKey_isAccepted() throws IOException {
        StringBuilder file = new StringBuilder();
        for (String key : Settings.KEYS) {
            file.append(key).append("=x\n");
        }
        Files.writeString(home.resolve("config"), file);
        Settings s = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        assertEquals(Optional.of("x"), s.get("nvml_library"));
        assertEquals("x", s.effectiveEnvironment().get("GREENLOOP_NVML_LIBRARY"));
    }

    @Test
    void load_unreadableConfigFile_isConfigException() throws IOException {
        Files.writeString(home.resolve("config"), "zone=\\u00zz\n");
        var e = assertThrows(ConfigException.class, () -> Settings.load(Map.of("GREENLOOP_HOME", home.toString())));
        assertTrue(e.getMessage().startsWith("cannot read config file"), e.getMessage());
    }

    @Test
    void load_noConfigFile_defaultsAndHomeFromEnvironment() {
        Settings s = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_DEBUG", "1"));
        assertEquals(home, s.home());
        assertEquals(Optional.empty(), s.get("zone"));
        assertEquals(home.toString(), s.effectiveEnvironment().get("GREENLOOP_HOME"));
        assertEquals(home.resolve("config") + " (pue)", s.origin("PUE"));
    }

    @Test
    void get_nameThatIsNotASetting_isRejected() {
        Settings s = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        var e = assertThrows(IllegalArgumentException.class, () -> s.get("ZOEN"));
        assertTrue(e.getMessage().contains("'ZOEN'"), e.getMessage());
    }

    @Test
    void current_isReadOnce() {
        assertSame(Settings.current(), Settings.current());
    }
}
