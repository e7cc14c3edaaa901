/**
 * Rendering shared by every front end: JSON and CSV codecs of runs, jobs, intensity, simulations and lab
 * results; terminal tables; one chart core (axes, ticks, series, legends) writing SVG and PNG.
 */
module dev.greenloop.report {
    requires transitive dev.greenloop.core;
    requires transitive dev.greenloop.store;
    requires transitive dev.greenloop.carbon;
    requires transitive dev.greenloop.schedule;
    requires transitive dev.greenloop.lab;
    requires transitive com.fasterxml.jackson.core;
    requires java.desktop;
    requires java.logging;
    requires openhtmltopdf.pdfbox;
    requires openhtmltopdf.core;

    exports dev.greenloop.report;
}
