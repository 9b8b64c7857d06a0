"""Print the facilitators' handouts to PDF (A4), with headless Chromium: `make handouts`.

    .venv/bin/python tools/handouts.py [--html _build/html] [--out _build/handouts] [--page PAGE ...]

From the built book (`make book` first): each module's one-page summary, the role-play page and
each module's role-play page (client briefs, observer sheet, debrief), printed with the book's own
print styles (book/_ext/printstyles_static/print.css: the article alone). `--page` prints other
built pages instead, e.g. `--page book/resistance/index.html`.
From the vignette files (notebooks/vignettes/<module>/*.yml, not example/): each vignette as a
gamebook for groups without computers: numbered sections, one per scene and one per choice's
feedback, so a reader goes from a decision to its likely effect and on to the next scene.
And index.html, the list of the PDFs with their titles and pages, for the facilitator.

Nothing is fetched: the pages come from disk and any request for another host is refused.
"""
from __future__ import annotations

import argparse
import html
import os
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casebook.course import course  # noqa: E402
from casebook.errors import VignetteError  # noqa: E402
from casebook.kinds.vignette.loader import load  # noqa: E402
from casebook.kinds.vignette.model import Vignette  # noqa: E402
from casebook.markdown import render, render_inline  # noqa: E402
from casebook.strings import t  # noqa: E402

PRINT_CSS = ROOT / "book" / "_ext" / "printstyles_static" / "print.css"
VIGNETTES = ROOT / "notebooks" / "vignettes"
DEFAULT_HTML = ROOT / "_build" / "html"
DEFAULT_OUT = ROOT / "_build" / "handouts"
# The modules whose facilitator pages are printed: book/facilitators/summary-<id>.md and
# book/facilitators/role-play-<id>.md.
MODULES = ("resistance", "closeness", "regulation")
GROUPS = ("summaries", "role_play", "vignettes")
# Chromium must reach nothing but the files it prints.
LOCAL_SCHEMES = ("file", "data", "about", "blob")
CHROMIUM_ARGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--proxy-server=http://127.0.0.1:9"]


class HandoutError(Exception):
    """A problem the person running the tool can fix; printed without a traceback."""


@dataclass(frozen=True)
class BookPage:
    """A page of the built book to print: its path under the built book and its PDF's name."""
    path: str
    name: str
    group: str


@dataclass
class Printed:
    file: Path
    title: str
    group: str
    pages: int
    heading: str = ""          # for vignettes: the module's title


def book_pages() -> list[BookPage]:
    pages = [BookPage(f"book/facilitators/summary-{m}.html", f"summary-{m}", "summaries") for m in MODULES]
    pages.append(BookPage("book/facilitators/role-play.html", "role-play", "role_play"))
    pages += [BookPage(f"book/facilitators/role-play-{m}.html", f"role-play-{m}", "role_play") for m in MODULES]
    return pages


def vignette_files() -> list[tuple[str, str, Path]]:
    """(module id, module title, file) for every vignette of the course's modules, in course order."""
    return [(module.id, module.title, path) for module in course().modules
            for path in sorted((VIGNETTES / module.id).glob("*.yml"))]


def _text(fragment: str) -> str:
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def page_title(page_html: str) -> str:
    """The first heading of the article, as text (the book's <title> adds the book's name)."""
    article = page_html.find("<article")
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page_html[max(article, 0):], re.S)
    if found is None:
        found = re.search(r"<title>(.*?)</title>", page_html, re.S)
    return _text(found.group(1)) if found else ""


def book_section_title(built: Path, book_section: str) -> str:
    """What a vignette's book_section (book/x.md or book/x.md#anchor) is called in the built book:
    the page's title, and the section's heading after an anchor; "" when the page is not built."""
    path, _, anchor = book_section.partition("#")
    if not path or not (built / Path(path).with_suffix(".html")).is_file():
        return ""
    source = built / Path(path).with_suffix(".html")
    page_html = source.read_text(encoding="utf-8")
    title = page_title(page_html)
    at = page_html.find(f'id="{anchor}"') if anchor else -1
    heading = re.search(r"<h[1-6][^>]*>(.*?)</h[1-6]>", page_html[at:], re.S) if at != -1 else None
    if heading is None or _text(heading.group(1)) == title:
        return title
    return t("handouts.book_section", page=title, section=_text(heading.group(1)))


# -- a vignette as a gamebook -----------------------------------------------------------------------

def numbering(v: Vignette) -> dict[tuple[str, str], int]:
    """The section number of every scene (scene id, "") and of every choice's feedback (scene id,
    choice id). The first scene is §1; the rest are shuffled, so that the feedback of one choice
    does not sit next to that of the others, with a seed taken from the vignette's id: the same
    file gets the same numbers in every build."""
    keys = [(scene.id, "") for scene in v.scenes if scene.id != v.start]
    keys += [(scene.id, choice.id) for scene in v.scenes for choice in scene.choices]
    random.Random(f"casebook-handout:{v.id}").shuffle(keys)
    return {key: number for number, key in enumerate([(v.start, "")] + keys, start=1)}


GAMEBOOK_CSS = """
@page { size: A4; margin: 14mm 14mm 16mm; }
html { font-size: 10pt; }
body { font-family: "DejaVu Serif", Georgia, serif; color: #000; background: #fff; line-height: 1.38;
       margin: 0; font-variant-ligatures: none; }
h1, h2, h3, .label { font-family: "DejaVu Sans", Arial, sans-serif; break-after: avoid; break-inside: avoid; }
h1 { font-size: 1.75rem; margin: 0 0 0.3rem; }
h2 { font-size: 1.3rem; margin: 1rem 0 0.5rem; border-bottom: 1.5px solid #000; padding-bottom: 0.15rem; }
h3 { font-size: 1.15rem; margin: 0 0 0.3rem; }
p, li, dd { orphans: 3; widows: 3; }
p { margin: 0 0 0.4rem; }
a { color: inherit; text-decoration: none; }
.module, .kind { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0 0 0.2rem; }
.module { font-weight: 700; }
.meta { margin: 0.3rem 0 0.6rem; }
.box { border: 1px solid #000; border-left-width: 4px; padding: 0.35rem 0.7rem; margin: 0.5rem 0 0.7rem;
       break-inside: avoid; }
.label { font-weight: 700; margin: 0.45rem 0 0.15rem; }
/* The numbered sections in two columns; a choice's feedback is kept in one piece. */
.story { columns: 2; column-gap: 8mm; column-rule: 0.5pt solid #000; }
.section { border-top: 1px solid #000; padding-top: 0.3rem; margin: 0 0 0.8rem; }
.section.feedback { break-inside: avoid; }
.pull { border-left: 3px solid #000; padding-left: 0.5rem; margin: 0.35rem 0 0.45rem; font-style: italic; }
.pull .label { font-style: normal; }
ol.choices { list-style: upper-alpha; padding-left: 1.5rem; margin: 0.15rem 0 0.3rem; }
ol.choices li { margin: 0 0 0.4rem; break-inside: avoid; }
.goto { font-family: "DejaVu Sans", Arial, sans-serif; font-weight: 700; }
span.goto { white-space: nowrap; }
.chosen { border-left: 3px solid #000; padding-left: 0.5rem; margin: 0.15rem 0 0.35rem; }
.chosen p { margin: 0; }
dl.effects { margin: 0.25rem 0 0.35rem; }
dl.effects dt { font-family: "DejaVu Sans", Arial, sans-serif; font-weight: 700; margin-top: 0.25rem;
                break-after: avoid; }
dl.effects dd { margin: 0 0 0 0.8rem; }
dl.effects dd p { margin: 0; }
.ending-title { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 1.05rem; font-weight: 700;
                margin: 0.4rem 0 0.2rem; }
.next { font-style: italic; }
.reflect { margin-top: 1rem; break-inside: avoid; }
"""


def gamebook_html(v: Vignette, module_title: str = "", book_title: str = "") -> str:
    """The vignette as a standalone HTML page (no script, nothing fetched), ready to print: its
    module, title and minutes, the content note, how to play it, setting and client; then the
    numbered sections; then the reflection prompts and where the book says more."""
    numbers = numbering(v)
    module_title = module_title or v.module
    e = html.escape
    out = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>{e(v.title)} ({e(t('handouts.vignette_kind'))})</title>",
        f"<style>{GAMEBOOK_CSS}</style>", "</head>", "<body>", "<main>",
        f'<p class="module">{e(module_title)}</p>',
        f"<h1>{render_inline(v.title)}</h1>",
        f'<p class="kind">{e(t("handouts.vignette_kind"))}</p>',
    ]
    if v.minutes:
        out.append(f'<p class="meta">{e(t("handouts.minutes", minutes=v.minutes))}</p>')
    out.append(f'<h2>{e(t("handouts.before_heading"))}</h2>')
    if v.content_note:
        out.append(f'<div class="box"><p class="label">{e(t("player.content_note"))}</p>'
                   f"{render(v.content_note)}</div>")
    out += [f'<div class="box"><p class="label">{e(t("handouts.how_heading"))}</p>'
            f'<p>{e(t("handouts.how_text"))}</p></div>',
            f'<p class="label">{e(t("player.setting"))}</p>{render(v.setting)}',
            f'<p class="label">{e(t("player.client"))}</p>{render(v.client)}',
            f'<h2>{e(t("handouts.story_heading"))}</h2>', '<div class="story">']
    by_number = sorted(numbers.items(), key=lambda item: item[1])
    for (scene_id, choice_id), number in by_number:
        scene = v.scene(scene_id)
        heading = f'<h3 id="s{number}">{e(t("handouts.section", number=number))}</h3>'
        if not choice_id:
            out.append(f'<section class="section scene" aria-labelledby="s{number}">{heading}')
            out.append(render(scene.text))
            if scene.is_ending:
                out += [f'<p class="label">{e(t("player.where_ending"))}</p>',
                        f'<p class="ending-title">{render_inline(scene.ending.title)}</p>',
                        render(scene.ending.debrief),
                        f'<p class="next">{e(t("handouts.ending_next"))}</p>']
            else:
                if scene.pull:
                    out.append(f'<div class="pull"><p class="label">{e(t("player.pull"))}</p>'
                               f"{render(scene.pull)}</div>")
                out.append(f'<p class="label">{e(t("handouts.choose"))}</p><ol class="choices">')
                for choice in scene.choices:
                    target = numbers[(scene.id, choice.id)]
                    out.append(f'<li><span class="text">{render_inline(choice.text)}</span> '
                               f'<span class="goto"><span aria-hidden="true">→</span> {e(t("handouts.go_to", number=target))}</span></li>')
                out.append("</ol>")
            out.append("</section>")
        else:
            choice = scene.choice(choice_id)
            feedback = choice.feedback
            out += [f'<section class="section feedback" aria-labelledby="s{number}">{heading}',
                    f'<p class="label">{e(t("handouts.you_chose"))}</p>',
                    f'<div class="chosen">{render(choice.text)}</div>', '<dl class="effects">']
            for key, text in (("protection", feedback.protection),
                              ("arousal_and_safety", feedback.arousal_and_safety),
                              ("relationship", feedback.relationship)):
                out.append(f'<dt>{e(t("player.effect_" + key))}</dt><dd>{render(text)}</dd>')
            out += ["</dl>", f'<p class="goto">{e(t("handouts.then_go_to", number=numbers[(choice.next, "")]))}</p>',
                    "</section>"]
    out += ["</div>", '<section class="reflect" aria-labelledby="reflect">',
            f'<h2 id="reflect">{e(t("player.reflect_heading"))}</h2>', f'<p>{e(t("handouts.reflect_intro"))}</p>',
            "<ol>", *(f"<li>{render_inline(prompt)}</li>" for prompt in v.reflection), "</ol>"]
    if book_title:
        out.append(f'<p>{e(t("player.read_more"))} <em>{e(book_title)}</em></p>')
    out += ["</section>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


# -- the list of handouts ----------------------------------------------------------------------------

INDEX_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1f2328; background: #fff; line-height: 1.5;
       max-width: 46em; margin: 2rem auto; padding: 0 1rem; }
a { color: #0a5a91; }
a:focus-visible { outline: 3px solid #1a56a8; outline-offset: 2px; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.3rem; margin-top: 1.6rem; } h3 { font-size: 1.1rem; }
li { margin: 0.25rem 0; }
"""


def pages_text(count: int) -> str:
    return t("handouts.pages_one") if count == 1 else t("handouts.pages_other", count=count)


def index_html(printed: list[Printed]) -> str:
    e = html.escape

    def items(entries: list[Printed]) -> list[str]:
        return ["<ul>", *(f'<li>{link(p)}</li>' for p in entries), "</ul>"]

    def link(p: Printed) -> str:
        # The whole entry is the link's text, so that it says what it opens: "Title (PDF, 3 pages)".
        return f'<a href="{e(p.file.name)}">{e(t("handouts.index_item", title=p.title, pages=pages_text(p.pages)))}</a>'

    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(t('handouts.index_title'))}</title>", f"<style>{INDEX_CSS}</style>", "</head>",
           "<body>", "<main>", f"<h1>{e(t('handouts.index_title'))}</h1>", f"<p>{e(t('handouts.index_intro'))}</p>"]
    for group in GROUPS:
        entries = [p for p in printed if p.group == group]
        if not entries:
            continue
        out.append(f"<h2>{e(t('handouts.index_' + group))}</h2>")
        if group != "vignettes":
            out += items(entries)
            continue
        for heading in dict.fromkeys(p.heading for p in entries):
            out.append(f"<h3>{e(heading)}</h3>")
            out += items([p for p in entries if p.heading == heading])
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


# -- printing ----------------------------------------------------------------------------------------

def footer_template(title: str) -> str:
    text = t("handouts.footer", title="{title}", page="{page}", pages="{pages}")
    text = html.escape(text).replace("{title}", html.escape(title))
    text = text.replace("{page}", '<span class="pageNumber"></span>').replace("{pages}", '<span class="totalPages"></span>')
    return (f'<div style="font-family: \'DejaVu Sans\', Arial, sans-serif; font-size: 8pt; color: #333; '
            f'width: 100%; margin: 0 16mm; text-align: right;">{text}</div>')


class Printer:
    """One headless Chromium and one tab that prints every handout, one after another."""

    def __init__(self):
        self._playwright = self._browser = self.page = None
        self.refused: list[str] = []

    def __enter__(self) -> "Printer":
        executable = shutil.which("chromium")
        if executable is None:
            raise HandoutError(t("handouts.no_browser"))
        from playwright.sync_api import sync_playwright
        args = CHROMIUM_ARGS + (["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=executable, headless=True,
                                                             args=args, timeout=60_000)
            context = self._browser.new_context(color_scheme="light", reduced_motion="reduce",
                                                viewport={"width": 794, "height": 1123})
            context.route("**/*", self._route)
            self.page = context.new_page()
            self.page.set_default_timeout(60_000)
        except Exception as error:
            self.__exit__(None, None, None)
            raise HandoutError(t("handouts.browser_failed", what=executable, reason=error)) from None
        return self

    def __exit__(self, *exc) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()

    def _route(self, route) -> None:
        url = route.request.url
        if url.split(":", 1)[0].lower() in LOCAL_SCHEMES:
            route.continue_()
        else:
            self.refused.append(url)
            route.abort("blockedbyclient")

    def _pdf(self, target: Path, title: str) -> None:
        self.page.evaluate("() => document.fonts.ready.then(() => true)")
        self.page.pdf(path=str(target), format="A4", prefer_css_page_size=True, print_background=False,
                      display_header_footer=True, header_template="<span></span>",
                      footer_template=footer_template(title), tagged=True, outline=True)

    def book_page(self, source: Path, target: Path) -> str:
        """Print a page of the built book as a reader's browser would; returns its title."""
        self.page.goto(source.resolve().as_uri(), wait_until="load")
        # A book built before printstyles was registered has no print.css: add it here.
        if not self.page.evaluate("() => !!document.querySelector('link[href*=\"_static/print.css\"]')"):
            self.page.add_style_tag(content=PRINT_CSS.read_text(encoding="utf-8"))
        # What course.js does when a reader prints: collapsed sections open, light mode.
        self.page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        title = page_title(source.read_text(encoding="utf-8"))
        self._pdf(target, title)
        return title

    def html(self, content: str, target: Path, title: str) -> None:
        self.page.set_content(content, wait_until="load")
        self._pdf(target, title)


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(str(pdf)).pages)


def make_handouts(built: Path, out: Path, pages: list[BookPage] | None = None,
                  report=print) -> list[Printed]:
    """Print every handout into `out` and write its index.html; returns what was printed."""
    built = Path(built)
    if not (built / "index.html").is_file() or not (built / "_static").is_dir():
        raise HandoutError(t("handouts.no_book", folder=built))
    pages = book_pages() if pages is None else pages
    missing = [p.path for p in pages if not (built / p.path).is_file()]
    if missing:
        raise HandoutError(t("handouts.missing_pages", folder=built, pages=", ".join(missing)))
    vignettes = []
    for module_id, module_title, path in vignette_files():
        try:
            vignettes.append((module_id, module_title, load(path)))
        except VignetteError as error:
            raise HandoutError(str(error)) from None
    printed: list[Printed] = []
    with Printer() as printer:
        out.mkdir(parents=True, exist_ok=True)
        for page in pages:
            target = out / f"{page.name}.pdf"
            try:
                title = printer.book_page(built / page.path, target)
            except Exception as error:
                raise HandoutError(t("handouts.browser_failed", what=page.path, reason=error)) from None
            printed.append(Printed(target, title, page.group, page_count(target)))
            report(t("handouts.printed", file=target.name, pages=pages_text(printed[-1].pages)))
        for module_id, module_title, v in vignettes:
            target = out / f"vignette-{module_id}-{v.id}.pdf"
            try:
                printer.html(gamebook_html(v, module_title, book_section_title(built, v.book_section)), target, v.title)
            except Exception as error:
                raise HandoutError(t("handouts.browser_failed", what=v.source, reason=error)) from None
            printed.append(Printed(target, v.title, "vignettes", page_count(target), module_title))
            report(t("handouts.printed", file=target.name, pages=pages_text(printed[-1].pages)))
    for url in dict.fromkeys(printer.refused):
        report(t("handouts.refused", url=url))
    (out / "index.html").write_text(index_html(printed), encoding="utf-8")
    return printed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--html", type=Path, default=DEFAULT_HTML, help="the built book (default: _build/html)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the PDFs go (default: _build/handouts)")
    parser.add_argument("--page", action="append", metavar="PAGE",
                        help="print this built page (path under --html) instead of the facilitators' pages; repeatable")
    args = parser.parse_args(argv)
    pages = None
    if args.page:
        pages = [BookPage(p, Path(p).with_suffix("").as_posix().replace("/", "-"), "summaries") for p in args.page]
    started = time.perf_counter()
    try:
        printed = make_handouts(args.html, args.out, pages)
    except HandoutError as error:
        print(error, file=sys.stderr)
        return 1
    print(t("handouts.done", count=len(printed), folder=args.out, seconds=f"{time.perf_counter() - started:.1f}",
            index=args.out / "index.html"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
