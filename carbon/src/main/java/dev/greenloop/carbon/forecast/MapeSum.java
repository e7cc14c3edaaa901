package dev.greenloop.carbon.forecast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The running sums behind a MAPE by horizon, shared by {@link ForecastEvaluation} and {@link Backtest}: one pair
 * counts when both values are known (not NaN) and the actual is positive.
 */
final class MapeSum {

    private final List<Duration> horizons;
    private final double[] sum;
    private final int[] count;

    MapeSum(List<Duration> horizons) {
        this.horizons = List.copyOf(horizons);
        this.sum = new double[horizons.size()];
        this.count = new int[horizons.size()];
    }

    void add(int horizon, double forecast, double actual) {
        if (!Double.isNaN(forecast) && !Double.isNaN(actual) && actual > 0) {
            sum[horizon] += Math.abs(forecast - actual) / actual;
            count[horizon]++;
        }
    }

    /** @return one error per horizon, NaN where no pair counted */
    List<ForecastEvaluation.HorizonError> errors() {
        List<ForecastEvaluation.HorizonError> out = new ArrayList<>();
        for (int h = 0; h < sum.length; h++) {
            out.add(new ForecastEvaluation.HorizonError(horizons.get(h), count[h] == 0 ? Double.NaN : 100 * sum[h] / count[h], count[h]));
        }
        return out;
    }
}
