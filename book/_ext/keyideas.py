"""Key ideas in the book: where each is taught, and a coverage table for facilitators.

- The role {keyidea}`R4` marks where an idea is taught: a small badge "Key idea" with the idea's
  summary (tooltip, and text for screen readers) and an id anchor the coverage table links to. The
  code (R4) stays out of the text a learner reads; the coverage table shows it.
- An environment collector remembers every marker as (idea, anchor) per document; it is purged and
  merged per document, so parallel reads and incremental rebuilds stay correct.
- The directive {keyidea-coverage} (option :module:) renders one row per idea of the module: taught
  (links to markers in book/<module>/), practised (vignettes, reframe sentences), checked (questions).
  The practised and checked columns come from casebook.authoring.coverage, the code tests/test_coverage.py uses.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from casebook.authoring import coverage
from casebook.exercise_file import key_idea_table
from casebook.strings import t

logger = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("keyideas_static")


class keyidea_node(nodes.Inline, nodes.TextElement):
    """A taught-here marker; carries `idea` and `summary` attributes."""


class coverage_placeholder(nodes.General, nodes.Element):
    """Stands in for the coverage table until every document's markers are known."""


def plain(markdown: str) -> str:
    # Summaries may hold *emphasis*; a tooltip and screen-reader text want the words only.
    return re.sub(r"[*_`]", "", markdown)


def summaries() -> dict[str, str]:
    return {idea: summary for ideas in key_idea_table().values() for idea, summary in ideas.items()}


class KeyIdeaRole(SphinxRole):
    def run(self):
        idea = self.text.strip()
        summary = summaries().get(idea)
        if summary is None:
            logger.warning("unknown key idea %r in {keyidea}; use an ID from casebook/key_ideas.yml, e.g. R4",
                           idea, location=self.get_location())
            return [nodes.inline(self.rawtext, self.rawtext)], []
        node = keyidea_node(self.rawtext, "", idea=idea, summary=plain(summary))
        node["ids"] = [coverage.anchor_for(idea, self.env.new_serialno("keyidea-" + idea))]
        node += nodes.Text(t("coverage.badge", idea=idea))
        return [node], []


def visit_keyidea_html(self, node):
    title = node["summary"]
    self.body.append(self.starttag(node, "span", "", CLASS="keyidea", title=title))


def depart_keyidea_html(self, node):
    # The summary is read out after the label; a tooltip alone is not reliably announced.
    self.body.append(f'<span class="keyidea-sr">: {self.encode(node["summary"])}</span></span>')


def skip(self, node):
    """Other builders: the badge text renders as plain text."""


class KeyIdeaCoverage(SphinxDirective):
    option_spec = {"module": directives.unchanged_required, "notebook": directives.unchanged_required}

    def run(self):
        module = self.options.get("module", "resistance")
        try:
            coverage.ideas_of(module)  # an unknown module is a warning, not a traceback
        except KeyError as exc:
            logger.warning("%s in {keyidea-coverage}", exc.args[0], location=self.get_location())
            return []
        root = Path(self.env.srcdir)
        practised, p_problems = coverage.practised_in(root, module)
        checked, c_problems = coverage.checked_in(root, module)
        for problem in p_problems + c_problems:
            logger.warning("key-idea coverage: %s", problem, location=self.get_location())
        _coverage_docs(self.env).add(self.env.docname)
        # Re-read this page when a file the table reads changes (Sphinx compares their times) or
        # a file comes or goes (the collector compares the lists): nothing else makes it stale.
        files = _content_files(root, module)
        for path in files:
            self.env.note_dependency(str(path))
        self.env.note_dependency(str(KEY_IDEAS))
        _listed(self.env)[self.env.docname] = (module, [str(p) for p in files])
        # Vignettes and exercises are done in the module's notebook; link there when it is in the book.
        notebook = self.options.get("notebook", "").strip("/")
        if notebook and notebook not in self.env.found_docs:
            logger.warning("notebook %r of {keyidea-coverage} is not a page of the book", notebook,
                           location=self.get_location())
            notebook = ""
        if notebook:
            practised, checked = _link_to(practised, notebook), _link_to(checked, notebook)
        return [coverage_placeholder("", module=module, practised=practised, checked=checked)]


# The key ideas the table lists: the engine's own file (the one casebook.authoring.coverage reads).
KEY_IDEAS = Path(coverage.__file__).resolve().parents[1] / "key_ideas.yml"


def _content_files(root: Path, module: str) -> list[Path]:
    return [p for folder in ("vignettes", "exercises") for p in sorted((root / "notebooks" / folder / module).glob("*.yml"))]


def _listed(env) -> dict[str, tuple[str, list[str]]]:
    """{coverage page: (module, the content files its table was read from)}."""
    if not hasattr(env, "keyidea_listed"):
        env.keyidea_listed = {}
    return env.keyidea_listed


def _link_to(places: dict, docname: str) -> dict:
    return {idea: [replace(p, docname=docname) for p in found] for idea, found in places.items()}


def _markers(env) -> dict[str, list[tuple[str, str]]]:
    if not hasattr(env, "keyidea_markers"):
        env.keyidea_markers = {}
    return env.keyidea_markers


def _coverage_docs(env) -> set[str]:
    if not hasattr(env, "keyidea_coverage_docs"):
        env.keyidea_coverage_docs = set()
    return env.keyidea_coverage_docs


def _marked(env, docname: str):
    """What a page contributes to the table: its markers and, for their labels, its title."""
    title = env.titles[docname].astext() if docname in env.titles else ""
    return (title, tuple(_markers(env).get(docname, ())))


class KeyIdeaCollector(EnvironmentCollector):
    """Collects the chapters' markers. The coverage table is re-read only when the files it reads
    change (dependencies noted by the directive), and rewritten when a page's markers or title
    changed: a build with nothing changed rewrites nothing."""

    def clear_doc(self, app, env, docname):
        _markers(env).pop(docname, None)
        _coverage_docs(env).discard(docname)
        _listed(env).pop(docname, None)

    def merge_other(self, app, env, docnames, other):
        for docname in docnames:
            if docname in _markers(other):
                _markers(env)[docname] = _markers(other)[docname]
            if docname in _coverage_docs(other):
                _coverage_docs(env).add(docname)
            if docname in _listed(other):
                _listed(env)[docname] = _listed(other)[docname]

    def process_doc(self, app, doctree):
        found = [(node["idea"], node["ids"][0]) for node in doctree.findall(keyidea_node)]
        if found:
            _markers(app.env)[app.env.docname] = found

    def get_outdated_docs(self, app, env, added, changed, removed):
        """The coverage pages whose module gained or lost a content file since they were read."""
        root = Path(env.srcdir)
        return sorted(doc for doc, (module, files) in _listed(env).items()
                      if doc not in removed and [str(p) for p in _content_files(root, module)] != files)

    def get_updated_docs(self, app, env):
        """The coverage pages, to be written again, when any page's markers or title changed
        since the last build (compared with what that build kept in the environment)."""
        now = {doc: _marked(env, doc) for doc in _markers(env)}
        if now == getattr(env, "keyidea_snapshot", None):
            return []
        env.keyidea_snapshot = now
        return sorted(_coverage_docs(env))


def taught_from_env(env, module: str) -> dict[str, list[coverage.Place]]:
    """{idea: places} from the collected markers in book/<module>/, in document order."""
    taught: dict[str, list[coverage.Place]] = {}
    for docname in sorted(_markers(env)):
        if not docname.startswith(f"book/{module}/"):
            continue
        title = env.titles[docname].astext() if docname in env.titles else docname
        for idea, anchor in _markers(env)[docname]:
            taught.setdefault(idea, []).append(
                coverage.Place(label=title, source=env.doc2path(docname, False), docname=docname, anchor=anchor))
    return taught


def render_coverage(app, doctree, fromdocname):
    for placeholder in list(doctree.findall(coverage_placeholder)):
        module = placeholder["module"]
        table = coverage.rows(module, taught_from_env(app.env, module), placeholder["practised"],
                              placeholder["checked"])
        placeholder.replace_self([_gaps_note(table), _table(app, fromdocname, module, table)])


def _gaps_note(table) -> nodes.paragraph:
    gaps = coverage.gaps(table)
    if not gaps:
        return nodes.paragraph("", t("coverage.complete", count=len(table)))
    parts = [t(f"coverage.gap_{col}", ideas=", ".join(ideas)) for col, ideas in gaps.items()]
    return nodes.paragraph("", t("coverage.incomplete", gaps="; ".join(parts)), classes=["keyidea-gaps"])


def _table(app, fromdocname, module, table) -> nodes.table:
    headers = [t("coverage.col_idea")] + [t(f"coverage.col_{col}") for col in coverage.COLUMNS]
    widths = [34, 22, 22, 22]
    tgroup = nodes.tgroup(cols=len(headers))
    for i, width in enumerate(widths):
        tgroup += nodes.colspec(colwidth=width, stub=1 if i == 0 else 0)
    tgroup += nodes.thead("", nodes.row("", *(nodes.entry("", nodes.paragraph("", h)) for h in headers)))
    body = nodes.tbody()
    for row in table:
        idea_cell = nodes.entry("", nodes.paragraph("", "", nodes.strong("", row.idea), nodes.Text(" " + plain(row.summary))))
        cells = [idea_cell]
        for col in coverage.COLUMNS:
            places = getattr(row, col)
            cells.append(nodes.entry("", _places(app, fromdocname, places) if places else _missing(col)))
        body += nodes.row("", *cells, ids=[f"coverage-{row.idea.lower()}"])
    tgroup += body
    # The id lets the HTML writer place the caption (and facilitators link to the table).
    return nodes.table("", nodes.title("", t("coverage.caption")), tgroup, classes=["keyidea-coverage"],
                       ids=[f"keyidea-coverage-{module}"])


def _places(app, fromdocname, places) -> nodes.bullet_list:
    items = nodes.bullet_list()
    for place in places:
        para = nodes.paragraph()
        if place.docname:
            uri = app.builder.get_relative_uri(fromdocname, place.docname)
            anchor = f"#{place.anchor}" if place.anchor else ""
            para += nodes.reference("", place.label, internal=True, refuri=uri + anchor)
        else:
            para += nodes.Text(place.label)
        if place.detail:
            para += nodes.Text(" (")
            para += nodes.literal("", place.detail)
            para += nodes.Text(")")
        items += nodes.list_item("", para)
    return items


def _missing(col) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.strong("", t(f"coverage.missing_{col}")), classes=["keyidea-missing"])


def add_static(app):
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("keyideas.css")


def setup(app):
    app.add_node(keyidea_node, html=(visit_keyidea_html, depart_keyidea_html), latex=(skip, skip),
                 text=(skip, skip), man=(skip, skip), texinfo=(skip, skip))
    app.add_node(coverage_placeholder)
    app.add_role("keyidea", KeyIdeaRole())
    app.add_directive("keyidea-coverage", KeyIdeaCoverage)
    app.add_env_collector(KeyIdeaCollector)
    app.connect("builder-inited", add_static)
    app.connect("doctree-resolved", render_coverage)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
