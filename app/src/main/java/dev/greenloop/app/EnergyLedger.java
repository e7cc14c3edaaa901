package dev.greenloop.app;

import dev.greenloop.core.Provenance;

/**
 * Splits the serving process's energy between requests and idle, in whole microjoules so that nothing is lost to
 * rounding: a batch's energy (the reading after it minus the reading before it) goes to its requests in proportion
 * to their tokens, the energy between batches is idle and goes to no request. Hence, exactly,
 * Σ requests + idle = the last reading − the first one. Used by one thread (the batch worker).
 */
final class EnergyLedger {

    /** One request's share of a batch, in microjoules, with its range and provenance. */
    record Share(long microjoules, long minMicrojoules, long maxMicrojoules, Provenance provenance) {
    }

    /** What the ledger holds since it started, in microjoules. */
    record Totals(long processMicrojoules, long requestsMicrojoules, long idleMicrojoules, Provenance provenance) {
    }

    private final ProcessEnergy.Reading first;
    private ProcessEnergy.Reading last;
    private long requests;
    private long idle;
    private Provenance provenance;

    EnergyLedger(ProcessEnergy.Reading start) {
        this.first = start;
        this.last = start;
        this.provenance = start.provenance();
    }

    /**
     * Accounts one batch.
     *
     * @param before the reading just before the batch ran; what came since the previous reading is idle
     * @param after the reading just after it
     * @param tokens each request's tokens, in order; all zero splits evenly
     * @return each request's share, in order; they add up to the batch's energy exactly
     * @throws IllegalArgumentException if there are no requests, a count is negative, or a reading goes back
     */
    Share[] batch(ProcessEnergy.Reading before, ProcessEnergy.Reading after, long[] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one request");
        }
        if (before.microjoules() < last.microjoules() || after.microjoules() < before.microjoules()) {
            throw new IllegalArgumentException("energy readings must not go back: %d, then %d, then %d microjoules"
                    .formatted(last.microjoules(), before.microjoules(), after.microjoules()));
        }
        idle += before.microjoules() - last.microjoules();
        long[] estimate = split(after.microjoules() - before.microjoules(), tokens);
        long[] min = split(Math.max(0, after.minMicrojoules() - before.minMicrojoules()), tokens);
        long[] max = split(Math.max(0, after.maxMicrojoules() - before.maxMicrojoules()), tokens);
        Provenance p = before.provenance().weakest(after.provenance());
        provenance = provenance.weakest(p);
        Share[] shares = new Share[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            requests += estimate[i];
            shares[i] = new Share(estimate[i], Math.min(min[i], estimate[i]), Math.max(max[i], estimate[i]), p);
        }
        last = after;
        return shares;
    }

    /**
     * Closes the books up to a reading: what came since the last batch is idle.
     *
     * @throws IllegalArgumentException if the reading goes back
     */
    Totals totals(ProcessEnergy.Reading now) {
        if (now.microjoules() < last.microjoules()) {
            throw new IllegalArgumentException("energy readings must not go back: %d, then %d microjoules".formatted(last.microjoules(), now.microjoules()));
        }
        idle += now.microjoules() - last.microjoules();
        last = now;
        provenance = provenance.weakest(now.provenance());
        return new Totals(now.microjoules() - first.microjoules(), requests, idle, provenance);
    }

    /** Largest-remainder split of {@code total} by {@code weights}: the parts add up to {@code total} exactly. */
    static long[] split(long total, long[] weights) {
        long sum = 0;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("a request's token count must be >= 0, was " + w);
            }
            sum += w;
        }
        int n = weights.length;
        long[] parts = new long[n];
        long[] remainders = new long[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            if (sum == 0) {
                parts[i] = total / n;
                remainders[i] = total % n;
            } else {
                // total × w / sum without overflow for any energy below 9.2e18 µJ × tokens
                java.math.BigInteger[] qr = java.math.BigInteger.valueOf(total).multiply(java.math.BigInteger.valueOf(weights[i]))
                        .divideAndRemainder(java.math.BigInteger.valueOf(sum));
                parts[i] = qr[0].longValueExact();
                remainders[i] = qr[1].longValueExact();
            }
            given += parts[i];
        }
        long left = total - given;
        // the left-over microjoules go one each to the largest remainders (earliest first on ties)
        while (left > 0) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            parts[best]++;
            remainders[best] = -1;
            left--;
        }
        return parts;
    }
}
