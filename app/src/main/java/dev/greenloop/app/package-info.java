/**
 * Greenloop's application layer: the use cases as plain Java services that every front end (the CLI, the
 * server, the dashboard, reports) calls. A front end parses its input, calls a service here and renders the
 * result; it holds no domain logic. The services compose the capability modules (meter, carbon, schedule,
 * lab, report) over the store, and read their configuration once per process from {@code Settings}.
 */
package dev.greenloop.app;
