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

// A part of a page marked data-refresh="SECONDS" renews itself in place from the same page, unless the keyboard focus
// is inside it (a keyboard user is not moved). When the session has ended, the page reloads (and so goes to sign-in).
(function () {
  const part = document.querySelector("[data-refresh]");
  if (!part) return;
  const seconds = Math.max(2, Number(part.dataset.refresh) || 5);
  setInterval(async () => {
    if (part.contains(document.activeElement)) return;
    try {
      const r = await fetch(location.pathname, { credentials: "same-origin", cache: "no-store" });
      const next = new DOMParser().parseFromString(await r.text(), "text/html").getElementById(part.id);
      if (!r.ok || !next) { location.reload(); return; }
      part.innerHTML = next.innerHTML;
    } catch (e) {
      // The server is away for now: keep the figures shown and try again at the next tick.
    }
  }, seconds * 1000);
})();
