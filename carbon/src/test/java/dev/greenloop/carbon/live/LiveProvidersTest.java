package dev.greenloop.carbon.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveProvidersTest {

    private static LiveProvider open(String name, Map<String, String> env, String basis) {
        return LiveProviders.open(name, env, basis, LiveOptions.defaults(), ArchiveSink.NONE);
    }

    @Test
    void names_registrationOrder() {
        assertEquals(List.of("neso", "electricitymaps", "watttime"), LiveProviders.names());
        assertEquals(WattTimeProvider.SOURCE, LiveProviders.named(" WattTime ").source());
        assertTrue(LiveProviders.described().startsWith("neso (UK, no key), electricitymaps (ELECTRICITYMAPS_TOKEN) or watttime"),
                LiveProviders.described());
    }

    @Test
    void open_unknownName_listsTheNames() {
        var e = assertThrows(UnknownProviderException.class, () -> open("foo", Map.of(), "lifecycle"));
        assertEquals("'foo' is not one of neso, electricitymaps, watttime", e.getMessage());
    }

    @Test
    void open_missingCredential_namesTheVariable() {
        var e = assertThrows(MissingCredentialsException.class, () -> open("watttime", Map.of("WATTTIME_USERNAME", "u"), "lifecycle"));
        assertEquals("WATTTIME_PASSWORD", e.variable());
        assertThrows(MissingCredentialsException.class, () -> open("electricitymaps", Map.of("ELECTRICITYMAPS_TOKEN", " "), "direct"));
    }

    @Test
    void open_badBaseUrl_namesVariableAndValue() {
        var e = assertThrows(InvalidBaseUrlException.class, () -> open("neso", Map.of("GREENLOOP_NESO_URL", "not a url"), "lifecycle"));
        assertEquals("GREENLOOP_NESO_URL: 'not a url' is not a base URL such as http://127.0.0.1:8080", e.getMessage());
    }

    @Test
    void open_eachProvider_buildsItsClass_lcaIsLifecycle() {
        assertInstanceOf(NesoProvider.class, open("neso", Map.of("GREENLOOP_NESO_URL", "http://127.0.0.1:9"), "direct"));
        assertInstanceOf(ElectricityMapsProvider.class, open("electricitymaps", Map.of("ELECTRICITYMAPS_TOKEN", "t"), "LCA"));
        assertInstanceOf(WattTimeProvider.class, open("watttime", Map.of("WATTTIME_USERNAME", "u", "WATTTIME_PASSWORD", "p"), "lifecycle"));
        assertThrows(IllegalArgumentException.class, () -> open("electricitymaps", Map.of("ELECTRICITYMAPS_TOKEN", "t"), "marginal"));
    }
}
