/**
 * Forecasts of grid carbon intensity for zones without a provider forecast, and the tools to measure
 * their error.
 *
 * <p>A {@link dev.greenloop.carbon.forecast.Forecaster} issues a
 * {@link dev.greenloop.carbon.forecast.Forecast} at an instant from a trace's points that start
 * before it; {@link dev.greenloop.carbon.forecast.HourOfWeekForecaster} is the one to use,
 * {@link dev.greenloop.carbon.forecast.NaiveForecasters} are the baselines it is measured against, and
 * {@link dev.greenloop.carbon.forecast.ForecastEvaluation} measures MAPE by horizon with a rolling
 * origin. {@link dev.greenloop.carbon.forecast.Backtest} scores real forecasts, archived as they were issued,
 * with the same MAPE, beside Greenloop's forecaster issued at the same times.
 */
package dev.greenloop.carbon.forecast;
