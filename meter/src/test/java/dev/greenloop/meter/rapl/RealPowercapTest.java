package dev.greenloop.meter.rapl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.meter.spi.ComponentReading;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.spi.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Discovery against this machine's real {@code /sys}: whatever it holds, discovery explains itself
 * and a source, where there is one, reads counters that never go back.
 */
class RealPowercapTest {

    private static final Path SYS = Path.of("/sys");

    @Test
    void discover_realSys_explainsItselfAndReadsForward() throws Exception {
        RaplDiscovery d = Powercap.discover(SYS);

        assertFalse(d.findings().isEmpty());
        if (!Files.isDirectory(SYS.resolve("class/powercap")) && !Files.isDirectory(SYS.resolve("devices/virtual/powercap"))) {
            assertTrue(d.source().isEmpty());
            assertEquals(Finding.Status.UNAVAILABLE, d.findings().getFirst().status());
            return;
        }
        if (d.source().isPresent()) {
            try (EnergySource source = d.source().get()) {
                List<ComponentReading> first = source.read();
                Thread.sleep(50);
                List<ComponentReading> second = source.read();
                assertEquals(source.components().size(), second.size());
                for (int i = 0; i < first.size(); i++) {
                    assertTrue(second.get(i).energy().compareTo(first.get(i).energy()) >= 0, source.components().get(i).name());
                }
            }
        }
    }
}
