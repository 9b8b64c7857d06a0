/* Loaded on pages with executed widgets, between require.js and embed-amd.js (see nb_ipywidgets_js
 * in _config.yml). The widget bundle looks for its icon fonts next to the address RequireJS gives
 * its modules; by default that is a folder beside the page that does not exist, so every exercise
 * page logged 404s. Point the widget modules at this _static folder, where the build copies the fonts.
 * Third-party widget modules are not mapped: the course only uses ipywidgets' own controls. */
(function () {
  "use strict";
  var here = new URL(".", document.currentScript.src).href.replace(/\/$/, "");
  window.require.config({
    paths: {
      "@jupyter-widgets": here,
      "@jupyter-widgets/html-manager/dist": here
    }
  });
})();
