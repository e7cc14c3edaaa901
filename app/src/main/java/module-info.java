/**
 * Greenloop's application layer: the use cases every front end calls (measure and account, record runs,
 * deferrable jobs, carbon intensity, the lab's profiles), and configuration read once per process.
 */
module dev.greenloop.app {
    requires transitive dev.greenloop.core;
    requires transitive dev.greenloop.meter;
    requires transitive dev.greenloop.store;
    requires transitive dev.greenloop.carbon;
    requires transitive dev.greenloop.schedule;
    requires transitive dev.greenloop.report;
    requires transitive dev.greenloop.aiops;
    requires transitive dev.greenloop.lab;
    requires java.net.http;

    exports dev.greenloop.app;

    provides dev.greenloop.meter.RunRecorder with dev.greenloop.app.RunRecording;
}
