// Greenloop dashboard: shared helpers for every page (no library, no network but this server).
"use strict";
window.greenloop = {
  /** Three significant figures at most, as the server renders numbers. */
  fmt(v) {
    if (v == null || !isFinite(v)) return "–";
    const a = Math.abs(v);
    return v.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2);
  },
  /** hh:mm:ss UTC of epoch seconds. */
  time(t) {
    return new Date(t * 1000).toISOString().substring(11, 19) + " UTC";
  },
};
