package dev.greenloop.meter.nvml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.meter.spi.ProcessAwareSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvmlProcessSharesTest {

    private static final String UUID0 = "GPU-11111111-aaaa-bbbb-cccc-000000000000";
    private static final String UUID1 = "GPU-22222222-aaaa-bbbb-cccc-000000000000";
    private static final LongPredicate TREE = Set.of(1234L, 1235L)::contains;

    @TempDir
    Path dir;

    private FakeNvml fake;

    @AfterEach
    void closeFake() {
        if (fake != null) {
            fake.close();
        }
    }

    private FakeNvml fake(String variant) {
        fake = new FakeNvml(dir, variant).set("gpus=2", "gpu0.uuid=" + UUID0, "gpu1.uuid=" + UUID1,
                "gpu0.energy_mj=1000", "gpu0.power_mw=100000", "gpu1.energy_mj=1000", "gpu1.power_mw=100000");
        return fake;
    }

    private double[] shares(Map<String, String> env) throws Exception {
        try (ProcessAwareSource source = NvmlGpus.discover(env, Duration.ZERO, System::nanoTime).source().orElseThrow()) {
            double[] shares = new double[2];
            source.read();
            source.processShares(TREE, shares);
            return shares;
        }
    }

    @Test
    void processShares_treeAndOtherPids_splitByMemory() throws Exception {
        fake(FakeNvml.FULL).set("gpu0.procs=1234:3000,9999:1000", "gpu1.procs=1235:100,1234:100");

        assertArrayEquals(new double[] {0.75, 1.0}, shares(fake.env()), 1e-12);
    }

    @Test
    void processShares_memoryNotAvailable_splitByProcessCount() throws Exception {
        fake(FakeNvml.FULL).set("gpu0.procs=1234:NA,9999:1000,8888:NA,7777:5", "gpu1.procs=9999:NA");

        assertArrayEquals(new double[] {0.25, 0.0}, shares(fake.env()), 1e-12);
    }

    @Test
    void processShares_noProcessOnGpu_zeroEvenIfVisible() throws Exception {
        fake(FakeNvml.FULL).set("gpu0.procs=", "gpu1.procs=1234:10");

        assertArrayEquals(new double[] {0.0, 1.0}, shares(fake.env("CUDA_VISIBLE_DEVICES=0,1")), 0);
    }

    @Test
    void processShares_moreProcessesThanBuffer_retriesAfterInsufficientSize() throws Exception {
        String many = IntStream.range(0, 40).mapToObj(i -> (i == 0 ? 1234 : 5000 + i) + ":100").collect(Collectors.joining(","));
        fake(FakeNvml.FULL).set("gpu0.procs=" + many, "gpu1.procs=");
        int before = fake.processCalls();

        double[] shares = shares(fake.env());

        assertEquals(1.0 / 40, shares[0], 1e-12);
        // the source's first listing of GPU 0 meets a 16-entry table: INSUFFICIENT_SIZE, then the retry
        assertTrue(fake.processCalls() - before >= 3, "calls: " + (fake.processCalls() - before));
    }

    @Test
    void processShares_listingUnsupportedCudaVisibleByIndex_visibleNaNHiddenZero() throws Exception {
        fake(FakeNvml.FULL).set("gpu0.procs=NOT_SUPPORTED", "gpu1.procs=NOT_SUPPORTED");

        double[] shares = shares(fake.env("CUDA_VISIBLE_DEVICES=1"));

        assertEquals(0.0, shares[0]);
        assertTrue(Double.isNaN(shares[1]));
    }

    @Test
    void processShares_listingUnsupportedCudaVisibleByUuidPrefix_visibleNaNHiddenZero() throws Exception {
        fake(FakeNvml.FULL).set("gpu0.procs=NOT_SUPPORTED", "gpu1.procs=NOT_SUPPORTED");

        double[] shares = shares(fake.env("CUDA_VISIBLE_DEVICES=GPU-1111"));

        assertTrue(Double.isNaN(shares[0]));
        assertEquals(0.0, shares[1]);
    }

    @Test
    void processShares_listingSymbolMissing_noCudaVisibleDevicesMeansAllNaN_emptyMeansNone() throws Exception {
        fake(FakeNvml.NO_PROCS);

        double[] unset = shares(fake.env());
        double[] empty = shares(fake.env("CUDA_VISIBLE_DEVICES="));

        assertTrue(Double.isNaN(unset[0]) && Double.isNaN(unset[1]));
        assertArrayEquals(new double[] {0, 0}, empty, 0);
    }
}
