"""The exercises in the reader's browser: a JupyterLite site built into the book, and a link to it.

- On every page made from a notebook under notebooks/, a "Start the exercises" button (text from
  casebook/strings/en.yml) shows that notebook's exercises as an app inside the page: the site's
  notebook page in an iframe, with the course's app extension on (tools/lite_app/), which hides the
  code and menus and runs every cell; a secondary link opens the plain notebook.
- When the HTML build has finished, tools/lite_site.py builds the site into <outdir>/lite.

Why an extension of our own rather than jupyterlite-sphinx: the site needs preparing that
jupyterlite-sphinx does not do (Pyodide from npm, wheels and a rewritten pyodide-lock.json, see
tools/lite_wheels.py), and the book needs its own control, progress and frame sizing on each notebook page.
Building from here, not from a separate make step, keeps the book and its site one build: every
`jupyter-book build` (make book, the tests' build) gives a book whose links work.
"""
from __future__ import annotations

import json
import sys
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

from casebook.strings import t, table

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import lite_site  # noqa: E402
from lite_wheels import LiteBuildError  # noqa: E402

logger = logging.getLogger(__name__)
NOTEBOOKS = "notebooks/"
SITE = "lite"            # the folder of the site inside the HTML output
STATIC = Path(__file__).with_name("inbrowser_static")


def is_exercise(docname: str) -> bool:
    """A page made from a notebook directly in notebooks/: it gets the exercise app. Not the
    facilitator's group view (notebooks/facilitator/), which needs a folder the group shares."""
    return docname.startswith(NOTEBOOKS) and "/" not in docname[len(NOTEBOOKS):]


def _progress_strings() -> dict:
    """What the page says while the app loads, by stage (see lite_app/casebook-app.js's tell())."""
    stages = table()["lite"]["progress"]
    return {stage: str(text).strip() for stage, text in stages.items()} | {"from_file": t("lite.from_file")}


def _launch_html(docname: str, title: str) -> str:
    """The exercise app's control: a button that shows the page's exercises as an app in the page
    (inbrowser_static/inbrowser.js), what it says while loading, and a plain link to the notebook."""
    up = "../" * docname.count("/")
    name = escape(docname[len(NOTEBOOKS):] + ".ipynb")
    notebook = f"{up}{SITE}/notebooks/index.html?path={name}"
    strings = json.dumps(_progress_strings(), ensure_ascii=False).replace("</", "<\\/")
    return (
        f'<div class="cb-lite" data-app="{notebook}&amp;app=1" '
        f'data-frame-title="{escape(t("lite.frame_title", title=title))}">'
        f'<button type="button" class="cb-lite-start">{escape(t("lite.start_label"))}</button>'
        f'<p class="cb-lite-note">{escape(t("lite.start_note"))}</p>'
        '<div class="cb-lite-progress" hidden>'
        f'<progress class="cb-lite-bar" max="100" value="0" aria-label="{escape(t("lite.progress_label"))}"></progress>'
        '<p class="cb-lite-status" role="status"></p>'
        "</div>"
        f'<p class="cb-lite-note">{escape(t("lite.kept_note"))}</p>'
        f'<p class="cb-lite-note"><a class="cb-lite-notebook" href="{notebook}">{escape(t("lite.notebook_link"))}</a></p>'
        f'<script type="application/json" class="cb-lite-strings">{strings}</script>'
        "</div>"
    )


def add_launch_link(app, doctree, docname) -> None:
    """Put the link right under the page's title, where a reader looks first."""
    if not is_exercise(docname) or app.builder.format != "html":
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    title = next(iter(section.findall(nodes.title)), None)
    at = section.index(title) + 1 if title is not None else 0
    section.insert(at, nodes.raw("", _launch_html(docname, title.astext() if title is not None else docname),
                                 format="html"))


def build_site(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    try:
        lite_site.build(Path(app.outdir) / SITE)
    except LiteBuildError as err:
        logger.warning(f"the in-browser exercises were not built: {err}", type="inbrowser")


def add_static(app) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("inbrowser.css")


def add_script(app, pagename, templatename, context, doctree) -> None:
    """The app's script, only on the pages that have the control: no script where it does nothing."""
    if is_exercise(pagename):
        app.add_js_file("inbrowser.js", defer="defer")


def setup(app):
    app.connect("builder-inited", add_static)
    app.connect("doctree-resolved", add_launch_link)
    app.connect("html-page-context", add_script)
    app.connect("build-finished", build_site)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
