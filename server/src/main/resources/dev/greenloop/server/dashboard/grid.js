// The grid page's charts: per zone, the actual intensity of the last hours and the values ahead (forecast or trace),
// with the best window shaded. The data is in the page (script.grid-data); uPlot comes from the server's own jar.
"use strict";
(function () {
  function size(el) {
    return { width: Math.max(280, el.clientWidth - 16), height: Math.min(320, Math.max(200, Math.round(window.innerHeight * 0.35))) };
  }
  // Shades the best window and marks now, under the series (uPlot's draw hook, drawn on the plot's canvas).
  function marks(d) {
    return u => {
      const ctx = u.ctx, top = u.bbox.top, height = u.bbox.height;
      ctx.save();
      if (d.best) {
        const x0 = u.valToPos(d.best[0], "x", true), x1 = u.valToPos(d.best[1], "x", true);
        ctx.fillStyle = "rgba(29, 122, 70, 0.15)";
        ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
      }
      const xn = u.valToPos(d.now, "x", true);
      ctx.strokeStyle = "#56665d";
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(xn, top);
      ctx.lineTo(xn, top + height);
      ctx.stroke();
      ctx.restore();
    };
  }
  document.querySelectorAll("script.grid-data").forEach(script => {
    const d = JSON.parse(script.textContent);
    const el = script.previousElementSibling;
    if (d.t.length === 0) {
      el.textContent = "No values to draw for " + d.zone + ".";
      el.classList.add("empty");
      return;
    }
    const unit = (u, v) => v == null ? "–" : greenloop.fmt(v) + " g/kWh";
    const plot = new uPlot(Object.assign({
      series: [
        { label: "time (UTC)", value: (u, v) => v == null ? "" : new Date(v * 1000).toISOString().substring(0, 16).replace("T", " ") + " UTC" },
        { label: "actual", stroke: "#1d7a46", width: 2, paths: uPlot.paths.stepped({ align: 1 }), value: unit },
        { label: d.kind, stroke: "#c07a00", width: 2, dash: d.kind === "forecast" ? [6, 4] : undefined, paths: uPlot.paths.stepped({ align: 1 }), value: unit },
      ],
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"),
      // Hours in UTC, 24-hour; the date where a day begins.
      axes: [{ values: (u, splits) => splits.map(v => {
        const iso = new Date(v * 1000).toISOString();
        return iso.substring(11, 16) === "00:00" ? iso.substring(5, 10) : iso.substring(11, 16);
      }) }, { label: "gCO2e/kWh" }],
      hooks: { drawClear: [marks(d)] },
      cursor: { drag: { x: false, y: false } },
    }, size(el)), [d.t, d.actual, d.ahead], el);
    el.dataset.points = String(d.t.length);
    window.addEventListener("resize", () => plot.setSize(size(el)));
  });
})();
