/**
 * Grid carbon intensity for Greenloop: the {@link dev.greenloop.carbon.IntensityProvider} SPI and the built-in
 * yearly zone table ({@link dev.greenloop.carbon.ZoneTable#builtIn()}); trace files
 * ({@link dev.greenloop.carbon.TraceFiles}) and their textual form for front ends
 * ({@link dev.greenloop.carbon.TraceArguments}); the best window for a job
 * ({@link dev.greenloop.carbon.BestWindow}) on the prefix-sum core the scheduler shares
 * ({@link dev.greenloop.carbon.StepIntegral}). Live providers and their registry are in {@code .live}, the
 * forecaster and the backtest in {@code .forecast}.
 *
 * <p>Zones are named with Electricity Maps–style codes: ISO 3166-1 alpha-2 for countries ({@code DE}, {@code FR}),
 * {@code COUNTRY-REGION[-OPERATOR]} for sub-national grids ({@code US-CAL-CISO}, {@code AU-NSW}), and
 * {@code WORLD} for the global average. A yearly value is a fallback: its {@link dev.greenloop.core.CarbonSignal}
 * says so ({@code resolution = "yearly"}) and names the source and year.
 */
package dev.greenloop.carbon;
