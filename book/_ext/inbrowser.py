"""The exercises in the reader's browser: a JupyterLite site built into the book, and a link to it.

- On every page made from a notebook under notebooks/, a "Do this exercise in your browser" link
  (text from casebook/strings/en.yml) opens that notebook in the site at lite/.
- When the HTML build has finished, tools/lite_site.py builds the site into <outdir>/lite.

Why an extension of our own rather than jupyterlite-sphinx: the site needs preparing that
jupyterlite-sphinx does not do (Pyodide from npm, wheels and a rewritten pyodide-lock.json, see
tools/lite_wheels.py), and the book needs one link per notebook page, not an embedded iframe.
Building from here, not from a separate make step, keeps the book and its site one build: every
`jupyter-book build` (make book, the tests' build) gives a book whose links work.
"""
from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

from casebook.strings import t

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import lite_site  # noqa: E402
from lite_wheels import LiteBuildError  # noqa: E402

logger = logging.getLogger(__name__)
NOTEBOOKS = "notebooks/"
SITE = "lite"            # the folder of the site inside the HTML output
STATIC = Path(__file__).with_name("inbrowser_static")


def _launch_html(docname: str) -> str:
    up = "../" * docname.count("/")
    name = docname[len(NOTEBOOKS):] + ".ipynb"
    href = f"{up}{SITE}/notebooks/index.html?path={escape(name)}"
    return (
        '<div class="cb-lite">'
        f'<a class="cb-lite-launch" href="{href}">{escape(t("lite.launch_label"))}</a>'
        f'<p class="cb-lite-note">{escape(t("lite.launch_note"))}</p>'
        f'<p class="cb-lite-note">{escape(t("lite.kept_note"))}</p>'
        "</div>"
    )


def add_launch_link(app, doctree, docname) -> None:
    """Put the link right under the page's title, where a reader looks first."""
    if not docname.startswith(NOTEBOOKS) or app.builder.format != "html":
        return
    if docname.startswith(NOTEBOOKS + "facilitator/"):   # the group view needs a shared folder: not in a browser
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    title = next(iter(section.findall(nodes.title)), None)
    at = section.index(title) + 1 if title is not None else 0
    section.insert(at, nodes.raw("", _launch_html(docname), format="html"))


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


def setup(app):
    app.connect("builder-inited", add_static)
    app.connect("doctree-resolved", add_launch_link)
    app.connect("build-finished", build_site)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
