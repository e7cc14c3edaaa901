/**
 * Greenloop's application layer: the use cases as plain Java services that every front end (the CLI, the
 * server, the dashboard, reports) calls. A front end parses its input, calls a service here and renders the
 * result; it holds no domain logic. The services compose the capability modules (meter, carbon, schedule,
 * lab, report) over the store, and read their configuration once per process from {@link dev.greenloop.app.Settings}.
 *
 * <ul>
 *   <li>{@link dev.greenloop.app.Settings}: configuration (flags, then {@code GREENLOOP_*}, then the strict
 *       {@code $GREENLOOP_HOME/config}); {@link dev.greenloop.app.ConfigException} for a bad value, which front
 *       ends show as a usage error.
 *   <li>{@link dev.greenloop.app.Measuring}: measure and account a command, a block of JVM code, or the node
 *       alone, and record it; {@link dev.greenloop.app.Accounting}, {@link dev.greenloop.app.ZoneChoice} and
 *       {@link dev.greenloop.app.NodeFacts} are its rules.
 *   <li>{@link dev.greenloop.app.RunRecording}: the {@code RunRecorder} service that stores
 *       {@code Greenloop.track} runs; it needs only the core, meter, carbon and store modules at run time.
 *   <li>{@link dev.greenloop.app.Scheduling}: deferrable jobs — submit, list, show, cancel, and the live
 *       scheduler's loop over the store, through the executors of {@code ExecutorRegistry}.
 * </ul>
 */
package dev.greenloop.app;
