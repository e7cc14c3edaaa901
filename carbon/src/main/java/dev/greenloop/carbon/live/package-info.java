/**
 * Live grid carbon intensity from online providers: the UK NESO Carbon Intensity API
 * ({@link dev.greenloop.carbon.live.NesoProvider}), Electricity Maps
 * ({@link dev.greenloop.carbon.live.ElectricityMapsProvider}) and WattTime v3
 * ({@link dev.greenloop.carbon.live.WattTimeProvider}), behind one interface,
 * {@link dev.greenloop.carbon.live.LiveProvider}, and registered by name in
 * {@link dev.greenloop.carbon.live.LiveProviders} (credentials and base URLs read from an environment map).
 *
 * <p>Every value is a {@link dev.greenloop.carbon.live.LivePoint} that names its zone, signal (average or
 * marginal; lifecycle or direct), whether it is an actual or a forecast, when it was issued and by whom.
 * Requests have connect and request timeouts, back off exponentially on HTTP 429 and 503 (honouring
 * {@code Retry-After}, bounded), and answers are cached with their fetch time, in memory and in a shared
 * {@link dev.greenloop.carbon.live.AnswerCache} (the store, for every process), and reused while younger than the
 * caller's lifetime per kind of request ({@link dev.greenloop.carbon.live.LiveOptions}). Every forecast fetched from a provider (not from the
 * cache) is handed to an {@link dev.greenloop.carbon.live.ArchiveSink}, so that it can be stored with its
 * issue time and backtested later; this module does not depend on the store.
 */
package dev.greenloop.carbon.live;
