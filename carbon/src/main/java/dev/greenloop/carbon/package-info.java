/**
 * Grid carbon intensity for Greenloop: the {@link dev.greenloop.carbon.IntensityProvider} SPI and the built-in
 * yearly zone table ({@link dev.greenloop.carbon.ZoneTable#builtIn()}).
 *
 * <p>Zones are named with Electricity Maps–style codes: ISO 3166-1 alpha-2 for countries ({@code DE}, {@code FR}),
 * {@code COUNTRY-REGION[-OPERATOR]} for sub-national grids ({@code US-CAL-CISO}, {@code AU-NSW}), and
 * {@code WORLD} for the global average. A yearly value is a fallback: its {@link dev.greenloop.core.CarbonSignal}
 * says so ({@code resolution = "yearly"}) and names the source and year.
 */
package dev.greenloop.carbon;
