/* Accessibility repairs to the book theme's own controls (sphinx-book-theme / pydata-sphinx-theme).
 * The theme's templates give a few controls a name that axe-core and screen readers flag
 * (WCAG 2.5.3 Label in Name, 4.1.2 Name, Role, Value). The fixes are made here, once the page is
 * parsed, rather than by copying the theme's templates, so that a theme update still applies.
 * Listed in html_js_files in _config.yml. */
(function () {
  "use strict";

  // The search buttons show "Search Ctrl+K" but were named only "Search": let the visible
  // text be the name, so a speech-input user can say what they see. The narrow-screen search
  // button shows only an icon: it keeps its label, or it would have no name at all.
  function nameSearchButtons() {
    document.querySelectorAll(".search-button__button[aria-label]").forEach(function (button) {
      if (button.textContent.trim()) button.removeAttribute("aria-label");
    });
  }

  // The colour-mode button holds three icons, each with a tooltip title ("Light", "Dark",
  // "System Settings"), that leak into the text but not into its name "Color mode".
  // The icons are decoration (quietIcons hides them): the button's name says what it does.
  function quietThemeIcons() {
    document.querySelectorAll(".theme-switch-button [title]").forEach(function (icon) {
      icon.removeAttribute("title");
    });
  }

  // The theme's icons are drawn from an icon font (book/_ext/lightpages.py leaves out Font
  // Awesome's script, which hid them as SVG): each is a private-use character that a screen reader
  // would read out, or add to its button's name. They are decoration; their controls are named.
  function quietIcons() {
    document.querySelectorAll('i[class*="fa-"]').forEach(function (icon) {
      icon.setAttribute("aria-hidden", "true");
    });
  }

  // The side navigation opens a chapter's sections with a <summary> that holds only an icon:
  // name it after its chapter. A screen reader tells it from the chapter's link by its role and
  // state ("button, collapsed"); no words of our own, so nothing here needs translating.
  function nameSectionToggles() {
    document.querySelectorAll(".bd-sidenav details > summary").forEach(function (summary) {
      if (summary.textContent.trim() || summary.hasAttribute("aria-label")) return;
      var link = summary.parentElement.parentElement.querySelector(":scope > a");
      if (link) summary.setAttribute("aria-label", link.textContent.trim());
    });
  }

  // Printing: open collapsed sections (feedback, solutions) and print in light mode, whatever
  // the screen shows; put both back afterwards.
  var beforePrint = null;

  function preparePrint() {
    if (beforePrint) return;      // already prepared (some browsers announce printing twice)
    var html = document.documentElement;
    var closed = Array.prototype.slice.call(document.querySelectorAll(".bd-article details:not([open])"));
    closed.forEach(function (details) { details.open = true; });
    beforePrint = { closed: closed, theme: html.dataset.theme };
    if (html.dataset.theme === "dark") html.dataset.theme = "light";
  }

  function afterPrint() {
    if (!beforePrint) return;
    beforePrint.closed.forEach(function (details) { details.open = false; });
    document.documentElement.dataset.theme = beforePrint.theme;
    beforePrint = null;
  }

  // Opened from disk (file://), the browser refuses the fetches Sphinx's search makes to show a
  // snippet of each result: the search still lists the pages, without snippets and without errors.
  // (DOCUMENTATION_OPTIONS is a global const of Sphinx's, not a property of window.)
  if (window.location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
    DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
  }

  function repair() {
    nameSearchButtons();
    quietThemeIcons();
    nameSectionToggles();
    quietIcons();
  }

  window.addEventListener("beforeprint", preparePrint);
  window.addEventListener("afterprint", afterPrint);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", repair);
  } else {
    repair();
  }
})();
