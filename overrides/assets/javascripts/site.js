// The site's own script (one file, so each page makes one request for it). Texts come from the
// script element's data attributes, in the page's language.
(function () {
  const words = document.currentScript ? document.currentScript.dataset : {};

  // A table wider than the page scrolls sideways inside Material's .md-typeset__scrollwrap.
  // Keyboard users can scroll it only if it can take focus (WCAG 2.1.1; axe rule
  // scrollable-region-focusable), and a focusable region needs a name: both are given to the
  // wrappers that actually scroll, on every page load and when the window is resized.
  function markScrollableTables() {
    for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", words.tableScrolls || "Table, scrolls sideways");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
  }
  document$.subscribe(markScrollableTables);
  window.addEventListener("resize", markScrollableTables);

  // Search with Pagefind (overrides/partials/pagefind.html). Nothing of it is downloaded
  // until the reader goes to the search field: then search.js, which loads Pagefind and only
  // the parts of the edition's index that the words typed need.
  const box = document.querySelector("[data-sco-search]");
  if (!box) return;
  const input = box.querySelector("input");
  const here = document.currentScript ? document.currentScript.src : document.baseURI;
  let started = null;
  function start() {
    started = started || import(new URL("search.js", here).href).then(function (search) {
      search.start(box, words);
    });
  }
  // Material shows the search dialog (and, on a phone, the field) while its toggle is checked.
  const toggle = document.getElementById("__search");
  input.addEventListener("focus", function () { if (toggle) toggle.checked = true; start(); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle) { toggle.checked = false; input.blur(); }
  });
  box.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); start(); });
})();
