/* dispatches: the light/dark toggle, the on-page contents box, keyboard-scrollable blocks,
   the search results' count for screen readers.
   The stored choice is applied before the first paint by a script in layout.html. */
(function () {
  "use strict";
  var KEY = "bp-scheme";
  var root = document.documentElement;
  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");

  function isDark() {
    var chosen = root.dataset.theme;
    return chosen ? chosen === "dark" : systemDark.matches;
  }

  // A choice that matches the system's scheme is no choice: the page follows the system
  // again (and its later changes), as it did before the first click.
  function apply(scheme) {
    var follow = scheme === (systemDark.matches ? "dark" : "light");
    var code = document.getElementById("pygments_dark_css");
    if (follow) {
      delete root.dataset.theme;
      if (code) code.media = "screen and (prefers-color-scheme: dark)";
    } else {
      root.dataset.theme = scheme;
      if (code) code.media = scheme === "dark" ? "screen" : "not all";  // never in print
    }
    try {
      if (follow) localStorage.removeItem(KEY); else localStorage.setItem(KEY, scheme);
    } catch (e) { /* private mode: this page only */ }
  }

  function setUpToggle() {
    document.querySelectorAll(".bp-scheme-toggle").forEach(function (button) {
      var show = function () { button.setAttribute("aria-pressed", String(isDark())); };
      button.hidden = false;
      show();
      button.addEventListener("click", function () {
        apply(isDark() ? "light" : "dark");
        show();
      });
      systemDark.addEventListener("change", show);
    });
  }

  // Open as a sidebar on wide screens, folded above the text on narrow ones.
  function setUpToc() {
    var box = document.querySelector(".bp-toc-details");
    if (!box) return;
    var wide = window.matchMedia("(min-width: 75rem)");
    var summary = box.querySelector("summary");
    var sync = function () {
      box.open = wide.matches;
      // A sidebar's heading folds nothing: no stop for the Tab key, and Enter cannot fold it.
      summary.tabIndex = wide.matches ? -1 : 0;
    };
    sync();
    wide.addEventListener("change", sync);
    box.addEventListener("toggle", function () { if (wide.matches && !box.open) box.open = true; });
  }

  // Code, tables and display math that scroll sideways must be reachable by keyboard.
  function markScrollers() {
    document.querySelectorAll(".body pre, .body table, .body div.math, .body mjx-container")
      .forEach(function (block) {
        if (block.scrollWidth > block.clientWidth + 1) {
          if (!block.hasAttribute("tabindex")) {
            block.tabIndex = 0;
            block.dataset.bpScroll = "";
          }
        } else if ("bpScroll" in block.dataset) {
          block.removeAttribute("tabindex");
          delete block.dataset.bpScroll;
        }
      });
  }

  // The category label is placed above the title out of the flow (the markup has it in the
  // post header, under the title, as in every theme): the title keeps room for all its
  // lines, which narrow screens and large text make more than one.
  function makeRoomForCategories() {
    var label = document.querySelector(".bp-kind-post .body section > .bp-post-header > .bp-categories");
    if (!label || !window.ResizeObserver) return;
    var section = label.parentNode.parentNode;
    new ResizeObserver(function () {
      section.style.setProperty("--bp-categories-height", label.offsetHeight + "px");
    }).observe(label);
  }

  // Sphinx's search writes its result count into a paragraph it makes anew for each search:
  // repeated in a status line there from the start (WCAG 4.1.3), screen readers announce it.
  function announceSearchResults() {
    var results = document.getElementById("search-results");
    var status = document.getElementById("bp-search-status");
    if (!results || !status) return;
    new MutationObserver(function () {
      var summary = results.querySelector(".search-summary");
      var text = summary ? summary.textContent : "";
      if (text !== status.textContent) status.textContent = text;
    }).observe(results, { childList: true, subtree: true, characterData: true });
  }

  function start() {
    announceSearchResults();
    makeRoomForCategories();
    setUpToggle();
    setUpToc();
    markScrollers();
    window.addEventListener("resize", markScrollers);
    window.addEventListener("load", function () {
      markScrollers();
      var mathjax = window.MathJax; // typesets after load
      if (mathjax && mathjax.startup && mathjax.startup.promise) {
        mathjax.startup.promise.then(markScrollers);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
