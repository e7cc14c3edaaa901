package dev.greenloop.app;

import dev.greenloop.core.Provenance;

/**
 * Splits the serving process's energy between requests and idle, in whole microjoules so that nothing is lost to
 * rounding: a batch's energy (the reading after it minus the reading before it) goes to its requests in proportion
 * to their tokens. Between batches, the energy while requests are in the server ({@link #busy} to {@link #quiet}:
 * parsing them, writing earlier answers) goes to the next batch's requests; the energy while none is in the server is
 * idle and goes to no request. Hence, exactly, Σ requests + idle = the last booked reading − the first one. Callers
 * serialise the calls (the service holds its lock).
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
    private boolean busy;

    EnergyLedger(ProcessEnergy.Reading start) {
        this.first = start;
        this.last = start;
        this.provenance = start.provenance();
    }

    /**
     * Accounts one batch.
     *
     * @param before the reading when the batch's first request was taken; what came since the previous booked reading
     *     goes to this batch if requests were in the server ({@link #busy}) and is idle otherwise
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
        long gap = before.microjoules() - last.microjoules();
        long energy = after.microjoules() - before.microjoules();
        if (busy) {
            energy += gap; // requests were in the server since the last booked reading: the HTTP work on them is theirs
        } else {
            idle += gap;
        }
        long[] estimate = split(energy, tokens);
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
     * Requests are in the server from this reading on (the first one came): what came since the last booked reading
     * is idle.
     *
     * @throws IllegalArgumentException if the reading goes back
     */
    void busy(ProcessEnergy.Reading now) {
        book(now);
        busy = true;
    }

    /**
     * No request is in the server from this reading on (the last one's answer was written): what came since the last
     * booked reading — the writing of the last answers, with no batch left to charge it to — is idle.
     *
     * @throws IllegalArgumentException if the reading goes back
     */
    void quiet(ProcessEnergy.Reading now) {
        book(now);
        busy = false;
    }

    /**
     * The books so far. With no request in the server they are closed up to {@code now} (what came since the last
     * batch is idle); with requests in it, up to the last booked reading, the energy since then being the next batch's.
     *
     * @throws IllegalArgumentException if the reading goes back
     */
    Totals totals(ProcessEnergy.Reading now) {
        if (!busy) {
            book(now);
        } else if (now.microjoules() < last.microjoules()) {
            throw new IllegalArgumentException("energy readings must not go back: %d, then %d microjoules".formatted(last.microjoules(), now.microjoules()));
        }
        return new Totals(last.microjoules() - first.microjoules(), requests, idle, provenance);
    }

    /** Books what came since the last booked reading as idle. */
    private void book(ProcessEnergy.Reading now) {
        if (now.microjoules() < last.microjoules()) {
            throw new IllegalArgumentException("energy readings must not go back: %d, then %d microjoules".formatted(last.microjoules(), now.microjoules()));
        }
        idle += now.microjoules() - last.microjoules();
        last = now;
        provenance = provenance.weakest(now.provenance());
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
