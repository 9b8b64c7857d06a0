"""The printable handouts (tools/handouts.py, `make handouts`): each PDF opened with pypdf and read.

The book built once per session (the `built_book` fixture) is printed by the tool into a folder of
its own, in one headless Chromium. Each PDF must hold its expected text: a summary its headings on
one page and none of the book's navigation; the role-play pages every heading, the observer sheet's
too; a vignette its title, the first scene's opening words, the first ending's title and its
"go to §" directions. The book itself links the print styles, so a reader printing from the browser
gets the same page. Without a built book the tool says "run make book first", without a traceback.
"""
from __future__ import annotations

import html
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from bookbuild import ROOT
from browser import axe_violations, chromium

TOOL = ROOT / "tools" / "handouts.py"
MODULES = ("resistance", "closeness", "regulation")
BOOK_HANDOUTS = ([f"summary-{m}" for m in MODULES] + ["role-play"] + [f"role-play-{m}" for m in MODULES])
# Text only the theme's chrome carries (skip link, back-to-top button, download menu).
CHROME = ("Skip to main content", "Back to top", "Print to PDF", "Download source")


sys.path.insert(0, str(ROOT / "tools"))
import handouts  # noqa: E402  (tools/handouts.py)


def squash(text: str) -> str:
    """Text without any whitespace: a PDF breaks lines (and hyphenated words) where HTML did not."""
    return re.sub(r"\s+", "", text)


def plain(markdown: str) -> str:
    """The words of a short Markdown text as they print (no emphasis marks)."""
    return re.sub(r"[*_`]", "", markdown)


def words(text: str, count: int) -> str:
    return " ".join(plain(text).split()[:count])


class PdfText:
    """A PDF's text, extracted page by page only as far as a search needs (pypdf is slow)."""

    def __init__(self, path: Path):
        self.reader = PdfReader(str(path))
        self.pages: dict[int, str] = {}

    @property
    def page_count(self) -> int:
        return len(self.reader.pages)

    def page(self, index: int) -> str:
        if index not in self.pages:
            self.pages[index] = self.reader.pages[index].extract_text()
        return self.pages[index]

    def all(self) -> str:
        return "\n".join(self.page(i) for i in range(self.page_count))

    def missing(self, needles: list[str]) -> list[str]:
        """The needles not found in the PDF; reads pages from the start until all are found."""
        wanted = {needle: squash(needle) for needle in needles}
        text = ""
        for index in range(self.page_count):
            text += squash(self.page(index))
            if all(w in text for w in wanted.values()):
                return []
        return [needle for needle, w in wanted.items() if w not in text]


@pytest.fixture(scope="module")
def printed(built_book, tmp_path_factory):
    """Every handout printed from the session's book into a folder of its own."""
    out = tmp_path_factory.mktemp("handouts")
    started, lines = time.perf_counter(), []
    try:
        made = handouts.make_handouts(built_book.html, out, report=lines.append)
    except handouts.HandoutError as error:
        pytest.fail(f"tools/handouts.py could not print the handouts: {error}")
    seconds = time.perf_counter() - started
    print(f"\nhandouts: {len(made)} PDFs, {sum(p.pages for p in made)} pages in {seconds:.1f} s")
    refused = [line for line in lines if line.startswith(handouts.t("handouts.refused", url="")[:30])]
    assert not refused, f"printing asked for another host: {refused}"
    return out, {p.file.stem: p for p in made}


def vignette_files() -> list[Path]:
    from casebook.course import course
    return [path for module in course().modules for path in sorted((ROOT / "notebooks" / "vignettes" / module.id).glob("*.yml"))]


def built_html(book, name: str) -> str:
    return (book.html / "book" / "facilitators" / f"{name}.html").read_text(encoding="utf-8")


def article(page_html: str) -> str:
    start = page_html.index("<article")
    return page_html[start:page_html.index("</article>", start)]


def text_of(fragment: str) -> str:
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def headings(fragment: str, levels: str = "123") -> list[str]:
    return [text_of(h) for h in re.findall(rf"<h[{levels}][^>]*>(.*?)</h[{levels}]>", fragment, re.S)]


def navigation_titles(page_html: str) -> list[str]:
    nav = re.search(r'<nav class="[^"]*bd-docs-nav[^"]*"[^>]*>(.*?)</nav>', page_html, re.S)
    assert nav, "the built page has no navigation sidebar to compare against"
    return [text_of(a) for a in re.findall(r"<a [^>]*>(.*?)</a>", nav.group(1), re.S)]


# -- what was printed --------------------------------------------------------------------------------

def test_every_handout_is_printed_and_listed(printed):
    out, made = printed
    expected = set(BOOK_HANDOUTS)
    expected |= {f"vignette-{path.parent.name}-{handouts.load(path).id}" for path in vignette_files()}
    assert not any(path.parent.name == "example" for path in vignette_files())
    assert set(made) == expected, f"missing: {sorted(expected - set(made))}; unexpected: {sorted(set(made) - expected)}"
    index = (out / "index.html").read_text(encoding="utf-8")
    for name, item in made.items():
        assert (out / f"{name}.pdf").stat().st_size > 5_000
        assert f'href="{name}.pdf"' in index, f"index.html does not link {name}.pdf"
        assert html.escape(item.title) in index, f"index.html does not give the title of {name}.pdf: {item.title}"
        assert item.pages == PdfReader(str(out / f"{name}.pdf")).get_num_pages()


@pytest.mark.parametrize("module", MODULES)
def test_a_summary_is_one_clean_page(printed, built_book, module):
    out, made = printed
    name = f"summary-{module}"
    pdf = PdfText(out / f"{name}.pdf")
    assert pdf.page_count == 1, f"{name}.pdf has {pdf.page_count} pages; a summary must fit on one"
    page_html = built_html(built_book, name)
    body = article(page_html)
    assert not pdf.missing(headings(body)), f"{name}.pdf lacks headings: {pdf.missing(headings(body))}"
    text = squash(pdf.all())
    # The print styles leave out the sidebar: none of its titles that the article does not itself
    # mention is printed, nor the theme's buttons and links.
    in_article = squash(text_of(body))
    navigation = [title for title in navigation_titles(page_html) if squash(title) not in in_article]
    assert len(navigation) >= 10, f"too few navigation titles to check: {navigation}"
    leaked = [title for title in navigation if squash(title) in text]
    assert not leaked, f"{name}.pdf prints the book's navigation: {leaked}"
    assert not [c for c in CHROME if squash(c) in text], f"{name}.pdf prints the theme's controls"


@pytest.mark.parametrize("name", BOOK_HANDOUTS[len(MODULES):])
def test_the_role_play_pages_print_every_heading(printed, built_book, name):
    out, made = printed
    pdf = PdfText(out / f"{name}.pdf")
    body = article(built_html(built_book, name))
    wanted = headings(body)
    assert len(wanted) >= 4
    assert not pdf.missing(wanted), f"{name}.pdf lacks headings: {pdf.missing(wanted)}"
    text = squash(pdf.all())
    assert not [c for c in CHROME if squash(c) in text], f"{name}.pdf prints the theme's controls"
    if name == "role-play":
        # The observer sheet: its own heading and every heading within its section.
        found = re.search(r'<section id="[^"]*observer-sheet[^"]*">', body)
        assert found, "role-play.html has no section for the observer sheet"
        after = body.find("<h2", body.index("</h2>", found.end()))
        sheet = body[found.start():after if after != -1 else len(body)]
        sheet_headings = headings(sheet, "23")
        assert len(sheet_headings) >= 3, sheet_headings
        assert all(squash(h) in text for h in sheet_headings), (
            f"role-play.pdf lacks observer-sheet headings: {[h for h in sheet_headings if squash(h) not in text]}")


@pytest.mark.parametrize("path", vignette_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_vignette_prints_as_a_gamebook(printed, path):
    out, made = printed
    v = handouts.load(path)
    pdf = PdfText(out / f"vignette-{path.parent.name}-{v.id}.pdf")
    numbers = handouts.numbering(v)
    endings = sorted((numbers[(s.id, "")], s.ending.title) for s in v.scenes if s.is_ending)
    start = v.scene(v.start)
    first_choice = start.choices[0]
    wanted = [plain(v.title), words(start.text, 8), f"§{numbers[(start.id, first_choice.id)]}",
              plain(endings[0][1])]
    missing = pdf.missing(wanted)
    assert not missing, f"{path.name}: the PDF lacks {missing}"
    first_pages = squash(pdf.page(0) + pdf.page(min(1, pdf.page_count - 1)))
    assert squash("go to §") in first_pages, f"{path.name}: no 'go to §' on its first pages"
    last = squash(pdf.page(pdf.page_count - 1))
    assert squash(words(v.reflection[-1], 6)) in last, f"{path.name}: the reflection prompts do not close the PDF"


def test_a_gamebook_has_every_section_and_every_direction_leads_somewhere(printed):
    """The shortest vignette read whole: sections §1..§N, one per scene and per choice, each named
    once as a heading; every 'go to §n' points at one of them, and every section but §1 is named."""
    out, made = printed
    path = min(vignette_files(), key=lambda p: made[f"vignette-{p.parent.name}-{handouts.load(p).id}"].pages)
    v = handouts.load(path)
    text = PdfText(out / f"vignette-{path.parent.name}-{v.id}.pdf").all()
    count = len(v.scenes) + sum(len(s.choices) for s in v.scenes)
    sections = [int(n) for n in re.findall(r"^§(\d+)\s*$", text, re.M)]
    assert sorted(sections) == list(range(1, count + 1)), f"section headings: {sorted(sections)}"
    targets = {int(n) for n in re.findall(r"go\s*to\s*§(\d+)", text)}
    assert targets <= set(sections), f"directions to sections that do not exist: {sorted(targets - set(sections))}"
    assert set(sections) - {1} <= targets, f"sections nothing leads to: {sorted(set(sections) - {1} - targets)}"


def test_section_numbers_are_stable_for_a_file():
    """The same file gives the same numbers in another process (no hash-seeded order)."""
    path = vignette_files()[0]
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import handouts as h; "
            "print(sorted(h.numbering(h.load(sys.argv[2])).items()))")
    runs = {subprocess.run([sys.executable, "-c", code, str(TOOL.parent), str(path)], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}, check=True).stdout
            for seed in ("1", "2")}
    assert len(runs) == 1
    assert runs.pop().strip() == str(sorted(handouts.numbering(handouts.load(path)).items()))


# -- the book's own print, and accessibility -------------------------------------------------------------

@pytest.mark.parametrize("name", BOOK_HANDOUTS)
def test_the_book_links_its_print_styles(built_book, name):
    """A reader printing the page from the browser gets the handout's print styles too
    (book/_ext/printstyles.py, registered in _config.yml's sphinx.local_extensions)."""
    page_html = built_html(built_book, name)
    link = re.search(r'<link[^>]*href="(?:\.\./)+_static/print\.css[^"]*"[^>]*>', page_html)
    assert link, f"{name}.html does not link _static/print.css: is printstyles in _config.yml's local_extensions?"
    assert 'media="print"' in link.group(0)
    source = (ROOT / "book" / "_ext" / "printstyles_static" / "print.css").read_text(encoding="utf-8")
    assert (built_book.html / "_static" / "print.css").read_text(encoding="utf-8") == source


def test_the_list_and_a_gamebook_pass_axe(printed):
    out, made = printed
    path = vignette_files()[0]
    with chromium() as browser:
        page = browser.new_page()
        try:
            page.goto((out / "index.html").as_uri())
            assert not axe_violations(page), axe_violations(page)
            page.set_content(handouts.gamebook_html(handouts.load(path), "Module", "A page"))
            assert not axe_violations(page), axe_violations(page)
        finally:
            page.close()


def test_without_a_built_book_it_says_make_book_first(tmp_path):
    done = subprocess.run([sys.executable, str(TOOL), "--html", str(tmp_path / "nothing"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "run make book first" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "out").exists()
