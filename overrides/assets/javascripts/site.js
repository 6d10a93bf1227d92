// A table wider than the page scrolls sideways inside Material's .md-typeset__scrollwrap.
// Keyboard users can scroll it only if it can take focus (WCAG 2.1.1; axe rule
// scrollable-region-focusable), and a focusable region needs a name: both are given to the
// wrappers that actually scroll, on every page load and when the window is resized.
(function () {
  function markScrollableTables() {
    for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table, scrolls sideways");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
  }
  document$.subscribe(markScrollableTables);
  window.addEventListener("resize", markScrollableTables);
})();
