"""The real book: it builds with no warning, every toc page becomes HTML, nothing loads from elsewhere."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

from bookbuild import ROOT
from tocscan import toc_entries

# Tags whose URL attribute makes the browser fetch something when the page opens
# (an <a href> to another site is a link the reader may follow, not a load).
LOADING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
           "video": "src", "audio": "src", "embed": "src", "object": "data"}
CSS_URL = re.compile(r"url\(\s*['\"]?(https?:)?//", re.I)


# <link rel=...> values that make the browser fetch (others, like "canonical", only name a URL).
FETCHING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
                 "icon", "manifest", "apple-touch-icon"}


class _Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = LOADING.get(tag)
        if not key or not attrs.get(key):
            return
        if tag == "link" and not FETCHING_RELS & set((attrs.get("rel") or "").lower().split()):
            return
        self.urls.append(attrs[key])


def external_loads(html_file: Path) -> list[str]:
    parser = _Loads()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return [u for u in parser.urls if urlparse(u).scheme in ("http", "https") or u.startswith("//")]


def test_the_book_builds_without_a_warning(built_book):
    assert built_book.returncode == 0 and not built_book.problems, (
        "The book build reported problems (each names its file):\n"
        + "\n".join(built_book.problems or built_book.output.splitlines()[-30:]))


def test_every_toc_entry_becomes_a_page(built_book):
    absent = [e for e in toc_entries(ROOT) if not (built_book.html / f"{e}.html").is_file()]
    assert not absent, f"No HTML page was built for: {absent}"


def test_no_page_loads_anything_from_another_host(built_book):
    pages = sorted(built_book.html.rglob("*.html"))
    assert pages
    offenders = {str(p.relative_to(built_book.html)): external_loads(p) for p in pages}
    offenders = {page: urls for page, urls in offenders.items() if urls}
    assert not offenders, f"Pages that would fetch from another host: {offenders}"


def test_no_stylesheet_pulls_from_another_host(built_book):
    sheets = sorted((built_book.html / "_static").rglob("*.css"))
    assert sheets
    bad = [str(s.relative_to(built_book.html)) for s in sheets
           if CSS_URL.search(s.read_text(encoding="utf-8", errors="replace"))]
    assert not bad, f"Stylesheets with url(...) to another host: {bad}"


def test_exercise_pages_carry_no_widget_state_or_script(built_book):
    """Exercise pages show the notebooks' text (book/_ext/lightpages.py); the widgets run in the
    reader's browser, so no page carries widget state, views or the widget manager."""
    pages = sorted(built_book.html.joinpath("notebooks").glob("*.html"))
    assert pages, "no exercise page was built"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget" not in text, f"{page.name} carries widget state or views"
        assert not re.search(r'<script[^>]+src="[^"]*(require|embed-amd)\.js', text), (
            f"{page.name} loads widget JavaScript")
