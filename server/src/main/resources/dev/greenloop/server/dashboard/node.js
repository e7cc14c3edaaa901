// The node page's live chart: the last hour from the page (#history), then one point a second from the server's
// event stream (data-stream), components stacked. uPlot comes from the server's own jar.
"use strict";
(function () {
  const el = document.getElementById("chart");
  const status = document.getElementById("live-status");
  const history = JSON.parse(document.getElementById("history").textContent);
  const names = history.series.map(s => s.name);
  const t = history.t.slice();
  const raw = history.series.map(s => s.watts.slice());
  const HOUR = 3600;
  const colours = ["#1d7a46", "#2d5fa8", "#c07a00", "#8e3b9e", "#b03a2e", "#2c8c8c", "#6b7d1e", "#555"];
  let points = 0;

  // Each band is the sum of the components below it and its own; a time where no component has a value stays a gap.
  function stacked() {
    const out = [t];
    const any = t.map((x, i) => raw.some(r => r[i] != null));
    let below = t.map(() => 0);
    for (const r of raw) {
      below = below.map((b, i) => b + (r[i] == null ? 0 : r[i]));
      out.push(below.map((b, i) => any[i] ? b : null));
    }
    return out;
  }

  const series = [{ label: "time (UTC)", value: (u, v) => v == null ? "" : greenloop.time(v) }];
  history.series.forEach((s, k) => {
    const c = colours[k % colours.length];
    series.push({
      label: s.name + " (" + s.provenance + ")", stroke: c, fill: c + "55", width: 1.5,
      value: (u, v, si, i) => i == null || raw[si - 1][i] == null ? "–" : greenloop.fmt(raw[si - 1][i]) + " W",
    });
  });
  // Fill each stacked band down to the one below it (uPlot's own stacking demo does the same with bands).
  const bands = [];
  for (let k = series.length - 1; k > 1; k--) bands.push({ series: [k, k - 1] });

  function size() {
    return { width: Math.max(280, el.clientWidth - 16), height: Math.min(400, Math.max(240, Math.round(window.innerHeight * 0.45))) };
  }
  const plot = new uPlot(Object.assign({
    series, bands,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"),
    axes: [{}, { label: "W", values: (u, vs) => vs.map(v => greenloop.fmt(v)) }],
    cursor: { drag: { x: false, y: false } },
  }, size()), stacked(), el);
  window.addEventListener("resize", () => plot.setSize(size()));
  el.greenloopPlot = plot; // for other scripts of the page (analysis.js draws runs and jobs on it)

  function say(text) {
    status.textContent = text;
  }
  if (names.length === 0) say("No power history yet; waiting for samples…");

  const source = new EventSource(el.dataset.stream);
  source.addEventListener("power", e => {
    const p = JSON.parse(e.data);
    if (t.length && p.t <= t[t.length - 1]) return;
    t.push(p.t);
    let total = 0;
    names.forEach((n, k) => {
      const c = p.components.find(x => x.name === n);
      raw[k].push(c ? c.watts : null);
      if (c) total += c.watts;
    });
    while (t.length && t[0] < p.t - HOUR) {
      t.shift();
      raw.forEach(r => r.shift());
    }
    points++;
    plot.setData(stacked());
    const now = document.getElementById("power-now");
    if (now && names.length) now.textContent = greenloop.fmt(total);
    el.dataset.points = String(points);
    el.dataset.last = String(p.t);
    say("Live: last point " + greenloop.time(p.t) + ", " + points + " new since the page opened.");
  });
  source.onerror = () => say("The live stream was interrupted; reconnecting…");
})();
