"""Print styles for every page of the book (Sphinx extension, registered as ``printstyles``).

A page printed from the browser, by a reader or by tools/handouts.py (the facilitators' PDF
handouts), is the article alone on A4: no header, sidebars, page contents, footer, buttons or
launch links; links keep their text; tables have borders; headings stay with what follows them.
The styles are in printstyles_static/print.css, all inside ``@media print``, so the screen never
changes. They add to the print block of book/_static/course.css (loaded after it).

A page can ask for a new sheet where a handout should start on its own (a client brief, an
observer sheet), with the directive ``print-page-break`` (no content; nothing shows on screen):

    ```{print-page-break}
    ```
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

STATIC = Path(__file__).with_name("printstyles_static")
CSS = "print.css"
BREAK_CLASS = "print-break-before"


class PrintPageBreak(SphinxDirective):
    """An empty block that starts a new sheet when the page is printed."""
    has_content = False

    def run(self):
        return [nodes.container("", classes=[BREAK_CLASS])]


def add_static(app) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        # After the theme and the course's own course.css (html_css_files, priority 800).
        app.add_css_file(CSS, media="print", priority=900)


def setup(app):
    app.add_directive("print-page-break", PrintPageBreak)
    app.connect("builder-inited", add_static)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
