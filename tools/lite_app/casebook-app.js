/* The course's exercise app inside JupyterLite's notebook page: a JupyterLab extension written by
 * hand (no bundler), loaded by JupyterLite like any prebuilt ("federated") extension. tools/lite_site.py
 * puts it into the site as extensions/casebook-app/, with this file's CSS pasted in at __CSS__.
 *
 * Four plugins:
 * - accessibility: repairs to what JupyterLab draws, found by axe-core (tests/test_lite_pages.py).
 * - service-worker-version: a repair that spares every reader's second visit a restart of the
 *   site's service worker (see there).
 * - chapter-links: a link in a notebook's text to a chapter's source (../book/part/page.md#section)
 *   opens the built chapter page (../book/part/page.html#section) in a new tab, instead of
 *   JupyterLab's attempt to open the source file (absent from the site, raw MyST in JupyterLab).
 * - exercise-app: when the page's address asks for it (?app=1, as the book's exercise pages do), the
 *   notebook is shown as an app: no menus, toolbars or code, every cell run on opening, the page
 *   scrolled back to the top. When the page is inside the book (an iframe), it tells the book how far
 *   it has got (so the book can show progress) and how tall it is (so the book can size the frame).
 *
 * Why by hand: the extension needs three objects the app already holds (the notebook tracker and
 * NotebookActions, from the shared "@jupyterlab/notebook"), which a module-federation container
 * receives in init(); a build toolchain (webpack, jupyterlab builder) for ~200 lines is not worth it.
 */
(function () {
  "use strict";
  const NAME = "casebook-app";
  const CSS = __CSS__;
  let shareScope = null;

  // A module the app shares with its extensions (JupyterLab's packages are singletons there).
  async function shared(name) {
    const versions = shareScope && shareScope[name];
    if (!versions) throw new Error(`${NAME}: the app does not share ${name}`);
    const entries = Object.values(versions);
    const entry = entries.find((e) => e.loaded) || entries[0];
    return (await entry.get())();
  }

  function pageConfig() {
    const node = document.getElementById("jupyter-config-data");
    try { return JSON.parse(node ? node.textContent : "{}"); } catch (err) { return {}; }
  }

  // Where the built book is. In the in-browser site it is set in jupyter-lite.json (relative to the
  // site's root); under `make lab` the server serves the book at <base>static/.
  function bookRoot() {
    return new URL(pageConfig().casebookBookUrl || "static/", siteRoot());
  }

  // The in-browser site's root (under `make lab`, the server's base URL).
  function siteRoot() {
    return new URL(pageConfig().baseUrl || "/", window.location.href);
  }

  // The chapter page a link in a notebook's text points at, or null if it is not a chapter link.
  // JupyterLab rewrites a relative link's href and keeps the path it will open in a data attribute.
  const CHAPTER = /(?:^|\/)book\/([^#?]+?)\.(?:md|ipynb)(?:[?][^#]*)?(#.*)?$/;
  function chapterUrl(anchor) {
    const candidates = [];
    const args = anchor.getAttribute("data-commandlinker-args");
    if (args) { try { candidates.push(JSON.parse(args).path || ""); } catch (err) { /* not ours */ } }
    candidates.push(anchor.getAttribute("href") || "");
    const hash = (anchor.getAttribute("href") || "").split("#")[1];
    for (const candidate of candidates) {
      const found = CHAPTER.exec(decodeURI(candidate));
      if (found) {
        const section = found[2] || (hash ? "#" + hash : "");
        return new URL(`book/${found[1]}.html${section}`, bookRoot()).href;
      }
    }
    return null;
  }

  const chapterLinks = {
    id: `${NAME}:chapter-links`,
    description: "Links in a notebook's text to the book's chapters open the built chapter page.",
    autoStart: true,
    activate: () => {
      // Capture phase: before JupyterLab's own handler on the link, which would open the source file.
      document.addEventListener("click", (event) => {
        const anchor = event.target.closest && event.target.closest("a");
        if (!anchor || !anchor.closest(".jp-RenderedMarkdown, .jp-RenderedHTMLCommon")) return;
        const url = anchor.dataset.cbChapter || chapterUrl(anchor);
        if (!url) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        window.open(url, "_blank", "noopener");
      }, true);
      // And on sight: hovering shows, and a middle click opens, the real page. JupyterLab sets a
      // link's href after the link is shown (asynchronously), so each change of an href is looked at.
      new MutationObserver(() => {
        for (const anchor of document.querySelectorAll(".jp-RenderedMarkdown a[href]")) {
          const url = anchor.dataset.cbChapter || chapterUrl(anchor);
          if (url && anchor.href !== url) {
            anchor.dataset.cbChapter = url;   // the click handler's answer, once the href is rewritten
            anchor.href = url;
            anchor.target = "_blank";
            anchor.rel = "noopener";
          }
        }
      }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["href"] });
    },
  };

  // The notebook's cells, in a "feed", are not marked as its articles (aria-required-children), and
  // a code editor has no name (aria-input-field-name). Repaired as they appear, once per frame.
  const accessibility = {
    id: `${NAME}:accessibility`,
    description: "Repairs to the notebook page's accessibility.",
    autoStart: true,
    activate: () => {
      const strings = pageConfig().casebookStrings || {};
      const repair = () => {
        for (const [parent, role] of [["list", "listitem"], ["feed", "article"]]) {
          for (const list of document.querySelectorAll(`[role="${parent}"]`)) {
            for (const child of list.children) {
              if (!child.hasAttribute("role")) child.setAttribute("role", role);
            }
          }
        }
        for (const editor of document.querySelectorAll('.cm-content[role="textbox"]:not([aria-label])')) {
          editor.setAttribute("aria-label", strings.code_editor || "Code");
        }
      };
      let pending = false;
      new MutationObserver(() => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => { pending = false; repair(); });
      }).observe(document.body, { childList: true, subtree: true });
      repair();
    },
  };

  // JupyterLite (0.8.6) restarts its service worker on a visit when it finds no record of the version
  // that registered it, and it writes that record only on a visit that found the worker already
  // running: so every reader's second visit unregisters and registers it again (about a second, and
  // the drive waits for it). Recording the version once the first registration is active, under the
  // key JupyterLite reads, keeps its intent: a new version of the site still restarts the worker.
  const serviceWorkerVersion = {
    id: `${NAME}:service-worker-version`,
    description: "Records the service worker's version on the first visit, as JupyterLite does on later ones.",
    autoStart: true,
    activate: () => {
      const version = pageConfig().appVersion;
      if (!version || !("serviceWorker" in navigator)) return;
      navigator.serviceWorker.ready.then((registration) => {
        const worker = registration.active;
        const key = worker && `${worker.scriptURL}-version`;
        if (key && !window.localStorage.getItem(key)) window.localStorage.setItem(key, version);
      }).catch(() => undefined);
    },
  };

  // --- The exercise app -------------------------------------------------------------------------

  const inApp = new URLSearchParams(window.location.search).get("app") === "1";
  const inFrame = window.parent !== window;

  function tell(stage, details) {
    if (!inFrame) return;
    try {
      window.parent.postMessage(Object.assign({ casebook: stage }, details || {}), window.location.origin);
    } catch (err) { /* the book is elsewhere: nothing to tell */ }
  }

  function addStyle() {
    const style = document.createElement("style");
    style.id = "casebook-app-style";
    style.textContent = CSS;
    document.head.appendChild(style);
    document.body.classList.add("cb-app");
  }

  // In the app, a key pressed outside the exercises' own controls must not reach JupyterLab's
  // notebook shortcuts (a, b, d d, m, Enter...), which would add, delete or open cells for editing.
  function guardKeys() {
    const own = (target) => target && target.closest &&
      (target.closest(".jp-OutputArea-output") || target.closest("input, textarea, select, [contenteditable='true']"));
    window.addEventListener("keydown", (event) => {
      if (event.key === "Tab" || own(event.target)) return;
      event.stopPropagation();
    }, true);
    window.addEventListener("dblclick", (event) => {
      if (!own(event.target)) event.stopPropagation();   // a double click would open a text for editing
    }, true);
  }

  // The whole notebook's height: its scroller's content (the notebook itself only spans the frame).
  function reportHeight(panel) {
    if (!inFrame) return;
    const notebook = panel.content;
    const scroller = notebook.outerNode || notebook.node.querySelector(".jp-WindowedPanel-outer") || notebook.node;
    const measure = () => {
      const top = scroller.getBoundingClientRect().top + window.scrollY;
      tell("height", { height: Math.ceil(top + scroller.scrollHeight + 24) });
    };
    new ResizeObserver(measure).observe(notebook.viewportNode || scroller.firstElementChild || scroller);
    measure();
  }

  // The notebook page's own frame (menus, the notebook's toolbar; the top bar is off in the site's
  // settings), hidden through Lumino so that the layout closes up, as the page's zen mode does.
  function hideFrame(app, panel) {
    const menu = app.shell.menu;
    if (menu && typeof menu.setHidden === "function") menu.setHidden(true);
    if (panel.toolbar) panel.toolbar.setHidden(true);
  }

  // The cells' kinds and texts, the same whether a source was kept as one string or as lines.
  function cellTexts(cells) {
    return JSON.stringify((cells || []).map((cell) => [
      cell.cell_type, Array.isArray(cell.source) ? cell.source.join("") : cell.source]));
  }

  // A copy of the notebook saved in the browser (in the plain notebook, or under an older edition
  // of the course) is what JupyterLite opens, but the app shows the text the site was built with.
  // The saved copy is left as it is: the app never saves over it.
  async function showTheSitesText(context) {
    const path = context.path.split("/").map(encodeURIComponent).join("/");
    let site;
    try {
      const response = await fetch(new URL(`files/${path}`, siteRoot()), { cache: "no-cache" });
      if (!response.ok) return;   // a notebook the site does not have: the one opened is all there is
      site = await response.json();
    } catch (err) {               // unreadable: the exercises still start, with the copy opened
      console.warn(`${NAME}: the site's copy of ${context.path} could not be read`, err);
      return;
    }
    if (cellTexts(site.cells) !== cellTexts(context.model.toJSON().cells)) {
      context.model.fromJSON(site);
    }
  }

  async function runAsApp(app, panel, NotebookActions) {
    hideFrame(app, panel);
    await panel.context.ready;
    const notebook = panel.content;
    // The app's copy of the notebook is never saved: the work is kept in the journal.
    panel.context.save = async () => undefined;
    const model = panel.context.model;
    model.stateChanged.connect(() => { if (model.dirty) model.dirty = false; });
    await showTheSitesText(panel.context);
    // Progress counts the code cells: runAll "runs" the text cells too, at once.
    const cells = notebook.widgets.filter((cell) => cell.model.type === "code").length;
    tell("notebook", { total: cells });
    reportHeight(panel);
    await panel.sessionContext.ready;
    tell("kernel", { total: cells });
    let done = 0;
    NotebookActions.executed.connect((_, args) => {
      if (args.notebook !== notebook || args.cell.model.type !== "code") return;
      done += 1;
      tell("running", { done, total: cells, ok: args.success });
    });
    const ok = await NotebookActions.runAll(notebook, panel.sessionContext);
    notebook.activeCellIndex = 0;
    notebook.mode = "command";
    notebook.node.scrollTop = 0;
    window.scrollTo(0, 0);
    tell(ok ? "ready" : "failed", { done, total: cells });
  }

  const exerciseApp = {
    id: `${NAME}:exercise-app`,
    description: "The notebook as an app: no code or menus, every cell run on opening.",
    autoStart: true,
    activate: async (app) => {
      if (!inApp) return;
      addStyle();
      guardKeys();
      tell("app");
      const { INotebookTracker, NotebookActions } = await shared("@jupyterlab/notebook");
      const tracker = await app.resolveRequiredService(INotebookTracker);
      const start = (panel) => runAsApp(app, panel, NotebookActions).catch((err) => {
        console.error(`${NAME}: the exercises could not start`, err);
        tell("failed", { message: String(err) });
      });
      tracker.widgetAdded.connect((_, panel) => start(panel));
      if (tracker.currentWidget) start(tracker.currentWidget);
    },
  };

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: (scope) => { shareScope = scope; },
    get: (module) => {
      if (module !== "./extension") {
        return Promise.reject(new Error(`${NAME} has no module ${module}`));
      }
      const plugins = [accessibility, serviceWorkerVersion, chapterLinks, exerciseApp];
      return Promise.resolve(() => ({ __esModule: true, default: plugins }));
    },
  };
})();
