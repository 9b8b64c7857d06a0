"""Light pages (book/_ext/lightpages.py), read from the built HTML: what each page loads, and what
that weighs. No browser and no timing here: the speed is measured by bench/bench_pages.py.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from bookbuild import ROOT
from tocscan import toc_entries

sys.path.insert(0, str(ROOT / "book" / "_ext"))
from lightpages import ICON_FONT, icons_in_use, is_exercise  # noqa: E402

ENTRIES = toc_entries(ROOT)
EXERCISES = [e for e in ENTRIES if is_exercise(e)]
CHAPTER = next(e for e in ENTRIES if e.startswith("book/resistance/"))
EXERCISE = "notebooks/01-resistance" if "notebooks/01-resistance" in ENTRIES else EXERCISES[0]
PAGES = ENTRIES + ["search", "genindex"]
# The goal: a chapter page under 500 KB transferred (compressed, as a host serves it).
BUDGET = 500_000
WIDGET_JS = {"require.js", "embed-amd.js", "widgets-offline.js", "embed.js"}
SEARCH_JS = {"searchtools.js", "language_data.js", "searchindex.js"}


class _Assets(HTMLParser):
    """The scripts and stylesheets a page loads, inline scripts' types, and the body's class names."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.sheets: list[str] = []
        self.fonts: list[str] = []
        self.script_types: list[str] = []
        self.classes: set[str] = set()
        self.in_article = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            if attrs.get("src"):
                self.scripts.append(attrs["src"])
            self.script_types.append(attrs.get("type") or "text/javascript")
        elif tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.sheets.append(attrs["href"])
        if tag == "article":
            self.in_article += 1
        if self.in_article:
            self.classes.update((attrs.get("class") or "").split())

    def handle_endtag(self, tag):
        if tag == "article" and self.in_article:
            self.in_article -= 1


def assets(html: Path, page: str) -> _Assets:
    parser = _Assets()
    parser.feed((html / f"{page}.html").read_text(encoding="utf-8"))
    return parser


def local_file(html: Path, page: str, url: str) -> Path:
    """The file in the build that a page's relative URL names."""
    path = urlsplit(urljoin(f"http://book/{page}.html", url)).path.lstrip("/")
    return html / path


def name(url: str) -> str:
    return urlsplit(url).path.rsplit("/", 1)[-1]


def weight(html: Path, page: str) -> tuple[int, int, list[str]]:
    """The page with its scripts, stylesheets and the fonts its stylesheets use: bytes on disk,
    bytes gzip-compressed (text only), and one line per file."""
    found = assets(html, page)
    files = [html / f"{page}.html"] + [local_file(html, page, u) for u in found.scripts + found.sheets]
    fonts = [html / ICON_FONT]
    lines, raw, sent = [], 0, 0
    for path in files + fonts:
        data = path.read_bytes()
        packed = len(data) if path.suffix in (".woff", ".woff2") else len(gzip.compress(data, 6))
        raw, sent = raw + len(data), sent + packed
        lines.append(f"{len(data):>9,} {packed:>9,}  {path.relative_to(html)}")
    return raw, sent, lines


@pytest.fixture(scope="module")
def html(built_book):
    if not (built_book.html / "index.html").is_file():
        pytest.fail("No book built:\n" + "\n".join(built_book.output.splitlines()[-30:]))
    return built_book.html


# --- what every page loads ---------------------------------------------------------------------------
def test_no_page_loads_font_awesome_s_script(html):
    loading = [p for p in PAGES if any(name(u) == "fontawesome.js" for u in assets(html, p).scripts)]
    assert not loading, f"pages that load the theme's fontawesome.js (1.5 MB): {loading}"
    # A page names the script nowhere, not even in a preload.
    naming = [p for p in PAGES if "fontawesome.js" in (html / f"{p}.html").read_text(encoding="utf-8")]
    assert not naming, f"pages that still name fontawesome.js: {naming}"


def test_only_the_search_page_loads_the_search(html):
    on_search = {name(u) for u in assets(html, "search").scripts}
    assert SEARCH_JS <= on_search, f"search.html lacks the search scripts: {SEARCH_JS - on_search}"
    elsewhere = {p: sorted(SEARCH_JS & {name(u) for u in assets(html, p).scripts})
                 for p in PAGES if p != "search"}
    elsewhere = {p: found for p, found in elsewhere.items() if found}
    assert not elsewhere, f"pages other than search.html that load the search: {elsewhere}"


@pytest.mark.parametrize("page", PAGES)
def test_every_file_a_page_loads_is_in_the_build(html, page):
    found = assets(html, page)
    missing = [u for u in found.scripts + found.sheets if not local_file(html, page, u).is_file()]
    assert not missing, f"{page}.html loads files that were not built: {missing}"


# Each extension script, and the class names in a page's article it works on.
EXTRAS = {
    "copybutton.js": lambda classes: "highlight" in classes,
    "clipboard.min.js": lambda classes: "highlight" in classes,
    "togglebutton.js": lambda classes: "toggle" in classes or {"admonition", "dropdown"} <= classes,
    "design-tabs.js": lambda classes: "sd-tab-set" in classes,
}


@pytest.mark.parametrize("page", PAGES)
def test_an_extension_script_comes_only_where_it_has_work(html, page):
    found = assets(html, page)
    loaded = {name(u) for u in found.scripts}
    idle = [script for script, wanted in EXTRAS.items() if script in loaded and not wanted(found.classes)]
    assert not idle, f"{page}.html loads scripts with nothing to work on: {idle}"
    missing = [script for script, wanted in EXTRAS.items()
               if wanted(found.classes) and script not in loaded]
    assert not missing, f"{page}.html needs these scripts but does not load them: {missing}"


def test_a_page_with_code_blocks_keeps_its_copy_buttons(html):
    """The rule above in both directions only means something if some page has code blocks."""
    with_code = [p for p in PAGES if "highlight" in assets(html, p).classes]
    assert with_code, "no page has a code block: the copy-button check checks nothing"
    assert all("copybutton.js" in {name(u) for u in assets(html, p).scripts} for p in with_code)


def test_no_page_carries_thebe_settings(html):
    """Live code is off: sphinx-thebe's settings and kernel name would be scripts that do nothing."""
    found = [p for p in PAGES if re.search(r"text/x-thebe-config|kernelName =",
                                            (html / f"{p}.html").read_text(encoding="utf-8"))]
    assert not found, f"pages with sphinx-thebe's settings: {found}"


# --- exercise pages ----------------------------------------------------------------------------------------
def notebook_cells(entry: str, kind: str) -> list[str]:
    notebook = json.loads((ROOT / f"{entry}.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == kind]


def page_text(html: Path, page: str) -> str:
    body = (html / f"{page}.html").read_text(encoding="utf-8")
    body = body[body.index("<article"):body.index("</article>")]
    text = unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"'))


@pytest.mark.parametrize("entry", EXERCISES)
def test_an_exercise_page_has_no_widget_script_or_state(html, entry):
    found = assets(html, entry)
    widget_js = sorted(WIDGET_JS & {name(u) for u in found.scripts})
    assert not widget_js, f"{entry}.html loads widget JavaScript: {widget_js}"
    widget_data = [t for t in found.script_types if "jupyter.widget" in t]
    assert not widget_data, f"{entry}.html carries widget state or views: {widget_data}"


@pytest.mark.parametrize("entry", EXERCISES)
def test_an_exercise_page_has_the_notebooks_text_and_no_code_cell(html, entry):
    page = (html / f"{entry}.html").read_text(encoding="utf-8")
    code = notebook_cells(entry, "code")
    assert code, f"{entry}.ipynb has no code cell: nothing to check"
    assert not re.search(r'class="cell[ "]|cell_input|cell_output', page), (
        f"{entry}.html still shows notebook code cells or their outputs")
    text = page_text(html, entry)
    for source in code:
        # Each code cell's longest line is nowhere on the page.
        line = max(source.splitlines() or [""], key=len).strip()
        assert not line or unescape(line) not in text, f"{entry}.html shows the code line {line!r}"
    # Every markdown cell's text is there: a run of plain words from each.
    markdown = notebook_cells(entry, "markdown")
    assert markdown
    for source in markdown:
        runs = re.findall(r"[A-Za-z][A-Za-z ,;]{24,}[A-Za-z]", source.replace("\u2019", "'"))
        if runs:
            run = max(runs, key=len)
            assert run in text, f"{entry}.html lacks the notebook's text {run!r}"


def test_the_notebooks_still_run_in_the_build(built_book):
    """The pages show no code, but the build still executes every exercise notebook (a check that
    each one runs): jupyter-cache (execute_notebooks: cache in _config.yml) holds an executed copy,
    with outputs, of each notebook's current code."""
    import nbformat
    from jupyter_cache import get_cache

    cache = get_cache(str(built_book.html.parent / ".jupyter_cache"))
    for entry in EXERCISES:
        notebook = nbformat.read(ROOT / f"{entry}.ipynb", as_version=4)
        try:
            record = cache.match_cache_notebook(notebook)
        except KeyError:
            pytest.fail(f"{entry}.ipynb, as it is now, was not executed by the build")
        executed = cache.get_cache_bundle(record.pk).nb
        outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])]
        assert outputs, f"{entry}.ipynb: the build's executed copy has no outputs"


# --- the icon font -------------------------------------------------------------------------------------------
def test_the_icon_font_holds_every_icon_the_site_uses_and_little_else(html):
    from fontTools.ttLib import TTFont

    font = html / ICON_FONT
    assert font.is_file(), f"{ICON_FONT} was not made"
    held = set(TTFont(str(font)).getBestCmap())
    theme = set(TTFont(str(html / "_static/vendor/fontawesome/webfonts/fa-solid-900.ttf")).getBestCmap())
    wanted = icons_in_use(html) & theme
    # The theme's own navigation icons must be among them, or the scan found nothing.
    bars, chevron = 0xF0C9, 0xF078
    assert {bars, chevron} <= wanted, "the scan of the built pages found none of the theme's icons"
    assert wanted <= held, f"icons missing from the font: {sorted(hex(c) for c in wanted - held)}"
    assert len(held) < 100 and font.stat().st_size < 20_000, (
        f"the cut-down font holds {len(held)} icons in {font.stat().st_size:,} bytes")


@pytest.mark.parametrize("page", [CHAPTER, EXERCISE, "search"])
def test_the_cut_down_font_is_declared_after_the_theme(html, page):
    """The last @font-face of the same family and weight wins: icons.css must follow the theme's
    stylesheet, or the browser fetches the full 157 KB font."""
    sheets = [name(u) for u in assets(html, page).sheets]
    assert "icons.css" in sheets and "pydata-sphinx-theme.css" in sheets
    assert sheets.index("icons.css") > sheets.index("pydata-sphinx-theme.css")


# --- weight ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", [CHAPTER, EXERCISE])
def test_a_page_weighs_under_the_budget(html, page):
    raw, sent, lines = weight(html, page)
    listing = "\n".join(["    bytes   gzipped  file"] + lines + [f"{raw:>9,} {sent:>9,}  in all"])
    assert sent < BUDGET, f"{page}.html and what it loads: {sent:,} bytes compressed, over {BUDGET:,}:\n{listing}"
