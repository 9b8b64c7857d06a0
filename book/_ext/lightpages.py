"""Pages that load only what they use (Sphinx extension, registered as ``lightpages``).

Measured with Lighthouse (bench/bench_pages.py), a chapter page loaded 2.6 MB and the module 1
exercise page 8.2 MB, most of it scripts with nothing to do there. This extension leaves out:
- Font Awesome's script (fontawesome.js, 1.5 MB), which the theme loads on every page to swap its
  <i> icons for SVG, although the theme's stylesheet draws the same icons from its icon font.
  The script goes (lightpages_templates/layout.html); the font (157 KB) is cut down, once the build
  has finished, to the icons that the built pages and the stylesheets use (a few KB, declared by
  lightpages_static/icons.css). The theme's files themselves are not changed.
- Sphinx's search scripts (searchtools.js, language_data.js, searchindex.js, 200 KB), which the
  theme loads on every page for a search-as-you-type the book does not use: only search.html loads
  them. The search button of every page opens a form that goes to search.html.
- An extension's script (and its stylesheet) on a page without anything for it to work on: copy
  buttons without a code block, toggle buttons without a toggle, tab syncing without tabs.
  (sphinx-thebe's files, with live code switched off, are left out by theme_fixes.py.)
- On exercise pages (pages made from notebooks/*.ipynb) the code cells, with their outputs, and so
  the widget state and widget JavaScript: the exercises run in the reader's browser instead
  (book/_ext/inbrowser.py). The page keeps the notebook's text; the notebooks keep their code and
  still run during the build (a check that each one runs).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from markupsafe import Markup
from sphinx.util import logging

from inbrowser import is_exercise  # the pages whose exercises run as the app (book/_ext is on the path)

logger = logging.getLogger(__name__)
HERE = Path(__file__).parent
STATIC = HERE / "lightpages_static"
TEMPLATES = HERE / "lightpages_templates"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# The theme's icon font as Sphinx copies it into the output, and the cut-down copy icons.css names.
THEME_FONT = Path("_static/vendor/fontawesome/webfonts/fa-solid-900.ttf")
ICON_FONT = Path("_static/fa-solid-900.subset.woff")


# --- scripts in the theme's <head> ----------------------------------------------------------------
def _script_tags(*names: str) -> re.Pattern:
    files = "|".join(re.escape(name) for name in names)
    return re.compile(rf'[ \t]*<script\b[^>]*\bsrc="(?:[^"]*/)?(?:{files})(?:\?[^"]*)?"[^>]*>\s*</script>[ \t]*\n?')


FONTAWESOME_TAG = _script_tags("fontawesome.js")
SEARCH_TAGS = _script_tags("searchtools.js", "language_data.js", "searchindex.js")


def strip_head(markup, pagename: str) -> Markup:
    """The template filter: a block of the theme's <head> without the scripts this page does not use."""
    text = FONTAWESOME_TAG.sub("", str(markup))
    if pagename != "search":
        text = SEARCH_TAGS.sub("", text)
    return Markup(text)


# --- extension scripts, per page --------------------------------------------------------------------
# Each extension's files, and whether a page's body has anything for them (its class names).
EXTRAS = {
    "copy buttons": (("clipboard.min.js", "copybutton.js", "copybutton.css"),
                     lambda classes: "highlight" in classes),
    "toggles": (("togglebutton.js", "togglebutton.css"),
                lambda classes: "toggle" in classes or {"admonition", "dropdown"} <= classes),
    "tabs": (("design-tabs.js",), lambda classes: "sd-tab-set" in classes),
}
# sphinx-togglebutton's inline settings, which go with its script.
TOGGLE_SETTINGS = re.compile(r"\b(toggleHintShow|toggleHintHide|toggleOpenOnPrint|togglebuttonSelector)\b")
CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')


def _name(asset) -> str:
    return str(asset.filename or "").rsplit("/", 1)[-1]


def _unused(app, pagename: str, body: str) -> set[str]:
    """Files that this page would load for nothing."""
    classes = {c for attr in CLASS_ATTR.findall(body) for c in attr.split()}
    unused = {name for files, wanted in EXTRAS.values() if not wanted(classes) for name in files}
    if is_exercise(pagename):
        unused.update(Path(js).name for js in app.config.nb_ipywidgets_js)
    return unused


def _light_page(app, pagename, templatename, context, doctree):
    body = context.get("body") or ""
    unused = _unused(app, pagename, body)
    toggles_gone = "togglebutton.js" in unused
    if "script_files" in context:
        context["script_files"] = [
            s for s in context["script_files"]
            if _name(s) not in unused
            and not (toggles_gone and TOGGLE_SETTINGS.search(s.attributes.get("body", "")))
            and not (is_exercise(pagename) and s.attributes.get("type") == WIDGET_STATE)]
    if "css_files" in context:
        context["css_files"] = [c for c in context["css_files"] if _name(c) not in unused]


# --- exercise pages: the notebook's text only ---------------------------------------------------------
def _text_only(app, docname, source):
    """Ask myst-nb to leave out every code cell's source and outputs (notebook-level settings)."""
    if not is_exercise(docname) or not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    notebook = json.loads(source[0])
    settings = notebook.setdefault("metadata", {}).setdefault("mystnb", {})
    settings.update(remove_code_source=True, remove_code_outputs=True)
    source[0] = json.dumps(notebook, ensure_ascii=False, indent=1)


# --- the icon font, cut down ------------------------------------------------------------------------------
PRIVATE_USE = re.compile(r'\\(f[0-9a-f]{3}|e[0-9a-f]{3})\b|([\ue000-\uf8ff])', re.I)
RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
ICON_CLASS_RULE = re.compile(r"\s*(\.fa-[\w-]+::?before\s*,?\s*)+")
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")


def _codepoints(text: str) -> set[int]:
    return {int(esc, 16) if esc else ord(char) for esc, char in PRIVATE_USE.findall(text)}


def icons_in_use(outdir: Path) -> set[int]:
    """The icon font's code points that the built site can show: every icon class (.fa-bars) that a
    page or a theme script names, and every icon a stylesheet draws by itself (admonitions, links...)."""
    by_class: dict[str, set[int]] = {}
    always: set[int] = set()
    static = outdir / "_static"
    for sheet in static.rglob("*.css"):
        for selector, declarations in RULE.findall(sheet.read_text(encoding="utf-8", errors="replace")):
            points = _codepoints(declarations)
            if not points:
                continue
            if ICON_CLASS_RULE.fullmatch(selector):
                for name in ICON_CLASS.findall(selector):
                    by_class.setdefault(name, set()).update(points)
            else:
                always |= points
    named: set[str] = set()
    pages = [p for p in outdir.rglob("*.html") if not {"lite", "_static"} & set(p.relative_to(outdir).parts)]
    # The theme's own scripts make a few icons (a banner's close button); fontawesome.js names them all.
    scripts = [s for s in (static / "scripts").glob("*.js") if s.name != "fontawesome.js"]
    for path in pages + scripts:
        named.update(ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return always.union(*(by_class.get(name, set()) for name in named))


def write_icon_font(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    source = outdir / THEME_FONT
    if not source.is_file():
        logger.warning(f"the theme's icon font is not at {THEME_FONT}: pages would show no icons "
                       "(did a theme update move it? see book/_ext/lightpages.py)", type="lightpages")
        return
    from fontTools import subset           # with matplotlib; see requirements.txt

    font = subset.load_font(str(source), subset.Options())
    wanted = icons_in_use(outdir) & set(font.getBestCmap())
    options = subset.Options(flavor="woff", hinting=False, layout_features=[], notdef_outline=True)
    cut = subset.Subsetter(options)
    cut.populate(unicodes=sorted(wanted))
    cut.subset(font)
    subset.save_font(font, str(outdir / ICON_FONT), options)


# --- wiring -----------------------------------------------------------------------------------------------
def add_templates(app, config) -> None:
    config.templates_path.append(str(TEMPLATES))


def add_static(app) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("icons.css")
        app.builder.templates.environment.filters["lightpages_strip"] = strip_head


def setup(app):
    app.connect("config-inited", add_templates)
    app.connect("builder-inited", add_static)
    app.connect("source-read", _text_only)
    # Late, after myst-nb and the other extensions have added their files to the page.
    app.connect("html-page-context", _light_page, priority=900)
    app.connect("build-finished", write_icon_font)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
