// The node page's runs and jobs on the live chart: read from /dashboard/nodes/{name}/work (the section's data-work),
// drawn as shaded bands over uPlot's plot area and kept in place as the chart moves, read again every minute.
"use strict";
(function () {
  const section = document.getElementById("analysis");
  const chart = document.getElementById("chart");
  const status = document.getElementById("work-status");
  if (!section || !chart) return;
  let spans = [];

  function plot() {
    return chart.greenloopPlot || null;
  }

  function draw() {
    const u = plot();
    if (!u) return;
    const over = u.over;
    over.querySelectorAll(".work-band").forEach(e => e.remove());
    const min = u.scales.x.min, max = u.scales.x.max;
    if (min == null || max == null) return;
    for (const s of spans) {
      const a = Math.max(min, Date.parse(s.start) / 1000);
      const b = Math.min(max, Date.parse(s.end) / 1000);
      if (!(b > a)) continue;
      const left = u.valToPos(a, "x");
      const width = Math.max(2, u.valToPos(b, "x") - left);
      const band = document.createElement("div");
      band.className = "work-band " + s.kind;
      band.style.left = left + "px";
      band.style.width = width + "px";
      band.tabIndex = 0;
      const what = s.kind + " " + s.id + " " + s.name + ": " + s.start.substring(11, 19) + "–" + (s.running ? "running" : s.end.substring(11, 19))
        + " UTC" + (s.joules == null ? "" : ", " + greenloop.fmt(s.joules) + " J");
      band.title = what;
      band.setAttribute("role", "note");
      band.setAttribute("aria-label", what);
      const label = document.createElement("span");
      label.textContent = s.kind + " " + s.name;
      band.appendChild(label);
      over.appendChild(band);
    }
    chart.dataset.bands = String(over.querySelectorAll(".work-band").length);
  }

  async function load() {
    try {
      const r = await fetch(section.dataset.work, { credentials: "same-origin", cache: "no-store" });
      if (!r.ok) throw new Error("HTTP " + r.status);
      spans = (await r.json()).spans;
      status.textContent = spans.length === 0 ? "No runs or jobs in the last hour."
        : spans.length + (spans.length === 1 ? " run or job" : " runs and jobs") + " in the last hour, shaded on the chart.";
      draw();
    } catch (e) {
      status.textContent = "The runs and jobs of the chart could not be read (" + e.message + "); trying again in a minute.";
    }
  }

  // Keep the bands on the moving chart: uPlot calls draw hooks after each redraw.
  function hook() {
    const u = plot();
    if (!u) { setTimeout(hook, 100); return; }
    u.hooks.draw = (u.hooks.draw || []).concat([draw]);
    load();
    setInterval(load, 60_000);
  }
  hook();
})();
