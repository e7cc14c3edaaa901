package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.greenloop.core.Provenance;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnergyLedgerTest {

    private static ProcessEnergy.Reading at(long microjoules) {
        return new ProcessEnergy.Reading(microjoules, microjoules * 9 / 10, microjoules * 11 / 10, Provenance.MODELLED);
    }

    @Test
    void split_byTokens_addsUpExactly() {
        assertArrayEquals(new long[] {25, 75}, EnergyLedger.split(100, new long[] {1, 3}));
        // 10 over three equal weights: 4, 3, 3 (the left-over microjoule to the first largest remainder)
        assertArrayEquals(new long[] {4, 3, 3}, EnergyLedger.split(10, new long[] {5, 5, 5}));
        assertArrayEquals(new long[] {4, 3, 3}, EnergyLedger.split(10, new long[] {0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> EnergyLedger.split(10, new long[] {-1, 2}));
    }

    @Test
    void batchesAndIdle_conserveTheProcessEnergy_exactly() {
        Random random = new Random(14);
        long now = 1_000_000;
        EnergyLedger ledger = new EnergyLedger(at(now));
        long charged = 0;
        for (int b = 0; b < 1_000; b++) {
            now += random.nextInt(50_000); // idle between batches
            ProcessEnergy.Reading before = at(now);
            now += 1 + random.nextInt(2_000_000);
            ProcessEnergy.Reading after = at(now);
            long[] tokens = random.longs(1 + random.nextInt(8), 0, 300).toArray();
            EnergyLedger.Share[] shares = ledger.batch(before, after, tokens);
            long batch = Arrays.stream(shares).mapToLong(EnergyLedger.Share::microjoules).sum();
            assertEquals(after.microjoules() - before.microjoules(), batch, "batch " + b);
            for (EnergyLedger.Share s : shares) {
                assertEquals(Provenance.MODELLED, s.provenance());
                assertEquals(true, s.minMicrojoules() <= s.microjoules() && s.microjoules() <= s.maxMicrojoules(), s.toString());
            }
            charged += batch;
        }
        now += 123_457;
        EnergyLedger.Totals t = ledger.totals(at(now));
        assertEquals(now - 1_000_000, t.processMicrojoules());
        assertEquals(charged, t.requestsMicrojoules());
        assertEquals(t.processMicrojoules(), t.requestsMicrojoules() + t.idleMicrojoules());
    }

    @Test
    void energyWhileRequestsAreInTheServer_goesToTheNextBatch_andOnlyTheRestIsIdle() {
        EnergyLedger ledger = new EnergyLedger(at(0));
        ledger.busy(at(1_000)); // the first request comes: 1,000 idle before it
        EnergyLedger.Share[] first = ledger.batch(at(1_500), at(4_000), new long[] {1});
        assertEquals(500 + 2_500, first[0].microjoules(), "its parsing (500) and its batch (2,500)");
        // answers written, the next requests parsed while others stay in the server: the next batch's
        EnergyLedger.Share[] second = ledger.batch(at(4_700), at(6_000), new long[] {1, 1});
        assertEquals(700 + 1_300, second[0].microjoules() + second[1].microjoules());
        EnergyLedger.Totals during = ledger.totals(at(6_400));
        assertEquals(6_000, during.processMicrojoules(), "with requests in the server, the books close at the last booked reading");
        ledger.quiet(at(6_600)); // the last answers written: nothing left to charge them to
        ledger.busy(at(10_000));
        EnergyLedger.Totals t = ledger.totals(at(10_500));
        assertEquals(1_000 + 600 + 3_400, t.idleMicrojoules());
        assertEquals(5_000, t.requestsMicrojoules());
        assertEquals(10_000, t.processMicrojoules());
        ledger.quiet(at(11_000));
        EnergyLedger.Totals end = ledger.totals(at(11_000));
        assertEquals(end.processMicrojoules(), end.requestsMicrojoules() + end.idleMicrojoules());
        assertEquals(11_000, end.processMicrojoules());
    }

    @Test
    void randomVisitsAndBatches_conserveTheProcessEnergy_exactly() {
        Random random = new Random(15);
        long now = 0;
        EnergyLedger ledger = new EnergyLedger(at(now));
        boolean busy = false;
        for (int step = 0; step < 5_000; step++) {
            now += random.nextInt(10_000);
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (busy) {
                        ledger.quiet(at(now));
                    } else {
                        ledger.busy(at(now));
                    }
                    busy = !busy;
                }
                case 1 -> {
                    long[] tokens = random.longs(1 + random.nextInt(4), 0, 100).toArray();
                    ledger.batch(at(now), at(now += random.nextInt(100_000)), tokens);
                }
                default -> {
                    EnergyLedger.Totals t = ledger.totals(at(now));
                    assertEquals(t.processMicrojoules(), t.requestsMicrojoules() + t.idleMicrojoules(), "step " + step);
                }
            }
        }
        if (busy) {
            ledger.quiet(at(now));
        }
        EnergyLedger.Totals t = ledger.totals(at(now + 1));
        assertEquals(now + 1, t.processMicrojoules());
        assertEquals(t.processMicrojoules(), t.requestsMicrojoules() + t.idleMicrojoules());
    }

    @Test
    void idle_isChargedToNoRequest() {
        EnergyLedger ledger = new EnergyLedger(at(0));
        EnergyLedger.Share[] shares = ledger.batch(at(5_000), at(8_000), new long[] {10, 20});
        assertEquals(1_000, shares[0].microjoules());
        assertEquals(2_000, shares[1].microjoules());
        EnergyLedger.Totals t = ledger.totals(at(9_000));
        assertEquals(6_000, t.idleMicrojoules());
        assertEquals(3_000, t.requestsMicrojoules());
    }

    @Test
    void readingThatGoesBack_isRefused() {
        EnergyLedger ledger = new EnergyLedger(at(100));
        assertThrows(IllegalArgumentException.class, () -> ledger.batch(at(50), at(200), new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> ledger.batch(at(200), at(150), new long[] {1}));
    }
}
