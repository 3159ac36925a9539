// What keyboards and screen readers need beyond what the theme gives, on every page.
//
// 1. Whatever scrolls sideways can be reached by keyboard, so that the arrow keys scroll
//    it: a display formula, a table or a notebook's code or output that is wider than the
//    screen gets tabindex="0" while it is, checked again when the screen's width changes or
//    a <details> around it opens. The theme does the same for its code blocks, but only on
//    a device that can hover: elsewhere (a tablet with a keyboard) they are checked here too.
// 2. The copy button the theme puts on each code block sits in a <nav>, which would make
//    every code block a navigation landmark of the same name; it is a tool strip, so it
//    stops being a landmark.
(() => {
  "use strict";

  const SCROLLERS = "div.arithmatex, pre, .jp-OutputArea-output";

  // What may scroll a table sideways: the table itself and the wrappers around it.
  function scrollersOf(table) {
    const found = [];
    for (let el = table; el && el.tagName !== "ARTICLE"; el = el.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(el).overflowX)) found.push(el);
    }
    return found;
  }

  function check(el) {
    const scrolls = el.scrollWidth > el.clientWidth + 1;
    // (Ignoring what is hidden: the theme's line anchors in its code blocks.)
    const inside = [...el.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")]
      .some((e) => getComputedStyle(e).visibility !== "hidden");
    if (scrolls && !inside) {
      el.setAttribute("tabindex", "0");
      el.dataset.scrollFocus = "";
    } else if ("scrollFocus" in el.dataset) {
      el.removeAttribute("tabindex");
      delete el.dataset.scrollFocus;
    }
  }

  const watched = new Set();
  const reachable = new ResizeObserver((entries) => entries.forEach((e) => check(e.target)));
  // What sits in a closed <details> is measured, and its size does not change, when the
  // reader opens it: check again then.
  document.addEventListener("toggle", (event) => {
    if (!(event.target instanceof HTMLDetailsElement) || !event.target.open) return;
    for (const el of watched) if (event.target.contains(el)) check(el);
  }, true);

  function setUp() {
    const article = document.querySelector("article");
    if (!article) return;
    const scrollers = new Set(article.querySelectorAll(SCROLLERS));
    for (const table of article.querySelectorAll("table")) {
      for (const el of scrollersOf(table)) scrollers.add(el);
    }
    // The theme's own code blocks scroll in <pre><code>; it looks after them where it can.
    const themeCode = article.querySelectorAll("pre > code");
    if (!matchMedia("(hover)").matches) for (const el of themeCode) scrollers.add(el);
    for (const el of scrollers) {
      const themes = el.tagName === "PRE" && el.querySelector(":scope > code");
      if (!themes) {
        watched.add(el);
        reachable.observe(el);
      }
    }
    for (const nav of article.querySelectorAll("nav:not([aria-label], [aria-labelledby])")) {
      nav.setAttribute("role", "none");
    }
  }

  // The theme's documented hook for scripts that touch the page (it emits once per page,
  // after its own components are in place); without the theme, once the page has loaded.
  if (window.document$) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
