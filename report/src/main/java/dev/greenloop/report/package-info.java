/**
 * Rendering shared by every front end: the JSON and CSV codecs of runs, jobs, intensity and lab results,
 * terminal tables, and one chart core (axes, ticks, series, legends) that writes SVG as well as PNG.
 */
package dev.greenloop.report;
