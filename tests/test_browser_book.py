"""The published book in a real browser: self-contained, error-free, accessible, printable.

The built site (the `built_book` fixture, as `make book` builds it) is zipped and unzipped into a
temporary folder, then served on loopback exactly as `python -m http.server` would: so every test
below also proves that _build/html needs nothing outside itself. Chromium cannot reach any other
host (see browser.py); every attempt is recorded and fails the page that made it.

Each page is loaded once; the tests per page read what that visit found.
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bookbuild import ROOT
from browser import (ARTIFACTS, TIMEOUT_MS, OffHost, PageLog, StaticServer, axe_violations,
                     chromium, save_screenshot)
from tocscan import toc_entries

ENTRIES = toc_entries(ROOT)
# The facilitator's live group view is not an exercise: it is never executed in the build (it reads a
# live folder of participants' choices), so its page has no preview; tests/test_voila.py shows it.
EXERCISES = [e for e in ENTRIES if e.startswith("notebooks/") and not e.startswith("notebooks/facilitator/")]
# The module chapter and the module's exercise notebook, for screenshots, print and file:// checks.
CHAPTER = next((e for e in ENTRIES if e.startswith("book/resistance/")), ENTRIES[0])
EXERCISE = ("notebooks/01-resistance" if "notebooks/01-resistance" in ENTRIES
            else EXERCISES[0] if EXERCISES else None)
# Pages Sphinx adds to the toc's pages.
SPHINX_PAGES = ["search", "genindex"]
PAGES = ENTRIES + SPHINX_PAGES

# --- JavaScript run in the page ---------------------------------------------------------------------
STRUCTURE = """async () => {
    const problems = [];
    const shown = el => el.getClientRects().length > 0;
    const article = document.querySelector("article.bd-article") || document.querySelector("main");
    // Headings of the page's own content, in reading order: one h1 first, no level skipped.
    const headings = [...article.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(shown);
    let previous = 0;
    headings.forEach((h, i) => {
        const level = Number(h.tagName[1]);
        const text = h.textContent.trim().slice(0, 60);
        if (i === 0 && level !== 1) problems.push(`the first heading is h${level}, not h1: "${text}"`);
        if (i > 0 && level === 1) problems.push(`a second h1: "${text}"`);
        if (i > 0 && level > previous + 1) problems.push(`h${previous} is followed by h${level}: "${text}"`);
        previous = level;
    });
    if (!headings.length) problems.push("the page has no heading");
    // A text alternative on every image and figure.
    for (const img of document.querySelectorAll("img")) {
        const decorative = img.getAttribute("role") === "presentation" || img.getAttribute("aria-hidden") === "true";
        if (!img.hasAttribute("alt")) problems.push(`an image without alt: ${img.src}`);
        else if (article.contains(img) && !decorative && !img.alt.trim()) problems.push(`an image with empty alt: ${img.src}`);
        if (img.complete && img.naturalWidth === 0 && shown(img)) problems.push(`an image that did not load: ${img.src}`);
    }
    for (const fig of article.querySelectorAll("figure")) {
        const named = [...fig.querySelectorAll("img, svg, object, [role=img]")].some(el =>
            (el.getAttribute("alt") || el.getAttribute("aria-label") || el.getAttribute("title")
             || (el.querySelector && el.querySelector("title") && el.querySelector("title").textContent) || "").trim());
        if (!named) problems.push(`a figure without a text alternative: ${fig.textContent.trim().slice(0, 60)}`);
    }
    // Every font the page uses loaded.
    await document.fonts.ready;
    for (const font of document.fonts) {
        if (font.status === "error") problems.push(`a font that did not load: ${font.family} ${font.weight}`);
    }
    return problems;
}"""

# What an exercise page holds, and what it fetched.
EXERCISE_PAGE = """() => {
    const article = document.querySelector("article.bd-article");
    return {
        text: article ? article.innerText.replace(/\\s+/g, " ") : "",
        cells: document.querySelectorAll(".cell, .cell_input, .cell_output").length,
        widgetScripts: document.querySelectorAll('script[type*="jupyter.widget"]').length,
        fetched: performance.getEntriesByType("resource").map(e => e.name),
    };
}"""

# Switch colour mode at once: the theme animates colour changes, and axe must not measure mid-way.
SET_THEME = """(theme) => {
    if (!document.getElementById("test-no-transitions")) {
        const style = document.createElement("style");
        style.id = "test-no-transitions";
        style.textContent = "*, *::before, *::after { transition: none !important; }";
        document.head.append(style);
    }
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.mode = theme;
}"""


# --- the site, the browser, one visit per page ---------------------------------------------------------
@dataclass
class Visit:
    problems: list[str] = field(default_factory=list)      # console errors, failed requests
    off_host: list[str] = field(default_factory=list)      # requests for another origin
    axe: list[str] = field(default_factory=list)           # light mode, all WCAG 2.1 A/AA rules
    axe_dark: list[str] = field(default_factory=list)      # dark mode, colour contrast
    structure: list[str] = field(default_factory=list)     # headings, alt text, fonts, images
    exercise: dict = field(default_factory=dict)               # EXERCISE_PAGE, on exercise pages


@dataclass
class Site:
    root: Path
    origin: str
    browser: object
    context: object
    off_host: OffHost
    visits: dict

    def url(self, page: str) -> str:
        return f"{self.origin}/{page}"


@pytest.fixture(scope="module")
def site(built_book, tmp_path_factory):
    html = built_book.html
    if not (html / "index.html").is_file():
        pytest.fail(f"No book to test: {html}/index.html is missing. The build said:\n"
                    + "\n".join(built_book.output.splitlines()[-30:]))
    # Zip the site and unzip it elsewhere: what a publisher uploads is exactly this folder.
    folder = tmp_path_factory.mktemp("published")
    archive = shutil.make_archive(str(folder / "book"), "zip", root_dir=html)
    unpacked = folder / "html"
    shutil.unpack_archive(archive, unpacked)
    server = StaticServer(unpacked)
    try:
        with chromium() as browser:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(TIMEOUT_MS)
            try:
                yield Site(unpacked, server.origin, browser, context,
                           OffHost(context, [server.origin]), {})
            finally:
                context.close()
    finally:
        server.stop()


def visit(site: Site, name: str) -> Visit:
    """Load `name`.html once and record everything the per-page tests check."""
    if name in site.visits:
        return site.visits[name]
    result = Visit()
    site.visits[name] = result
    if not (site.root / f"{name}.html").is_file():
        result.problems.append(f"{name}.html was not built")
        return result
    site.off_host.take()
    page = site.context.new_page()
    log = PageLog(page)
    try:
        page.goto(site.url(f"{name}.html"), wait_until="load")
        page.wait_for_load_state("networkidle")
        if name in EXERCISES:
            result.exercise = page.evaluate(EXERCISE_PAGE)
        result.structure = page.evaluate(STRUCTURE)
        result.axe = axe_violations(page)
        page.evaluate(SET_THEME, "dark")
        result.axe_dark = axe_violations(page, rules=["color-contrast", "link-in-text-block"])
        page.evaluate(SET_THEME, "light")
        page.wait_for_timeout(100)      # late console messages
    finally:
        result.problems = log.problems
        result.off_host = site.off_host.take()
        page.close()
    return result


def listing(items) -> str:
    return "\n  " + "\n  ".join(items)


# --- every page -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_console_error(site, name):
    found = visit(site, name).problems
    assert not found, f"{name}.html: errors in the browser:{listing(found)}"


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_only_from_its_own_server(site, name):
    found = visit(site, name).off_host
    assert not found, f"{name}.html asked another host for (blocked):{listing(found)}"


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_violation(site, name):
    found = visit(site, name)
    assert not found.axe, f"{name}.html, light mode: axe-core WCAG 2.1 A/AA violations:{listing(found.axe)}"
    assert not found.axe_dark, f"{name}.html, dark mode: axe-core violations:{listing(found.axe_dark)}"


@pytest.mark.parametrize("name", PAGES)
def test_page_headings_images_and_fonts(site, name):
    found = visit(site, name).structure
    assert not found, f"{name}.html:{listing(found)}"


def test_every_published_page_is_checked(site):
    """A page in the site that no test visits (a stray file Sphinx picked up) would go unchecked."""
    # lite/ is the in-browser JupyterLite app (tests/test_browser_lite.py), not pages of the book.
    built = sorted(str(p.relative_to(site.root).with_suffix("")) for p in site.root.rglob("*.html")
                   if not {"_static", "_sources", "_images", "lite"} & set(p.relative_to(site.root).parts))
    unexpected = [p for p in built if p not in PAGES and p != "index"]
    assert not unexpected, (
        "Pages in _build/html that are not in _toc.yml: a stray source file, or a page left from an "
        f"earlier build (Sphinx never deletes old pages: `make clean` before publishing):{listing(unexpected)}")


# --- exercise pages -----------------------------------------------------------------------------------------
def markdown_runs(entry: str) -> list[str]:
    """From each markdown cell of the notebook, its longest run of plain words (no markup, quotes,
    dashes or digits, which the book may typeset differently)."""
    notebook = json.loads((ROOT / f"{entry}.ipynb").read_text(encoding="utf-8"))
    runs = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            found = re.findall(r"[A-Za-z][A-Za-z ,;]{24,}[A-Za-z]", "".join(cell["source"]))
            if found:
                runs.append(max(found, key=len))
    return runs


@pytest.mark.parametrize("name", EXERCISES)
def test_exercise_page_is_the_notebooks_text_without_code_or_widgets(site, name):
    """The exercises run in the reader's browser (the in-browser control); the page itself shows the
    notebook's text, and no code cell, widget or widget script that could do nothing there."""
    found = visit(site, name).exercise
    assert found, f"{name}.html was not visited"
    assert not found["cells"], f"{name}.html shows {found['cells']} code cells or outputs"
    assert not found["widgetScripts"], f"{name}.html carries {found['widgetScripts']} widget scripts"
    idle = [url for url in found["fetched"]
            if re.search(r"/(require|embed-amd|widgets-offline|fontawesome|searchtools|searchindex)\.js", url)]
    assert not idle, f"{name}.html fetched scripts with nothing to do there:{listing(idle)}"
    runs = markdown_runs(name)
    assert runs, f"{name}.ipynb has no markdown text to look for"
    missing = [run for run in runs if run not in found["text"]]
    assert not missing, f"{name}.html does not show the notebook's text:{listing(missing)}"


# Each visible icon of the theme (an <i> drawn by the icon font), with the control it sits in.
# `drawn` compares the glyph drawn with the icon's font to the same character in a plain font: a
# character the cut-down font lacked would be drawn the same way by both (a fallback), or not at all.
THEME_ICONS = """async () => {
    const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    const ink = (font, ch) => {
        const canvas = document.createElement("canvas");
        canvas.width = canvas.height = 64;
        const g = canvas.getContext("2d");
        g.font = font;
        g.fillText(ch, 8, 48);
        return g.getImageData(0, 0, 64, 64).data.filter((v, i) => i % 4 === 3);
    };
    // Not document.fonts.load(): it would fetch every face of the family, the theme's full font too.
    await document.fonts.ready;
    const icons = [];
    for (const icon of document.querySelectorAll('i[class*="fa-"]')) {
        if (!shown(icon)) continue;
        const style = getComputedStyle(icon, "::before");
        const ch = style.content.replace(/^"|"$/g, "");
        const font = `${style.fontWeight} 40px ${style.fontFamily}`;
        const own = ink(font, ch), plain = ink(`${style.fontWeight} 40px monospace`, ch);
        const control = icon.closest("button, a, summary, label, [role=button]");
        const name = control && (control.getAttribute("aria-label") || control.getAttribute("title")
            || control.getAttribute("aria-labelledby") || control.innerText || "").trim();
        icons.push({
            icon: icon.className.replace(/\\s+/g, " "),
            control: control ? control.outerHTML.slice(0, 100) : null,
            name,
            glyph: [...ch].length === 1 && ch.codePointAt(0) >= 0xe000 && ch.codePointAt(0) <= 0xf8ff,
            drawn: own.some(v => v > 0) && own.some((v, i) => v !== plain[i]),
            hidden: icon.getAttribute("aria-hidden") === "true",
        });
    }
    return icons;
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", [CHAPTER] + ([EXERCISE] if EXERCISE else []))
def test_every_theme_icon_shows_and_its_control_has_a_name(site, name, width):
    """The theme's buttons (sidebars, download, full screen, colour mode, search, page contents)
    show their icons from the cut-down icon font, not from Font Awesome's script; each icon is
    hidden from screen readers and each control keeps a name."""
    page = site.context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    log = PageLog(page)
    try:
        page.goto(site.url(f"{name}.html"))
        page.wait_for_load_state("networkidle")
        icons = page.evaluate(THEME_ICONS)
        fetched = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    finally:
        page.close()
    assert len(icons) >= 4, f"{name}.html at {width} px shows only {len(icons)} icons: {icons}"
    bad = []
    for icon in icons:
        problems = [problem for problem, ok in [
            ("no icon character", icon["glyph"]), ("not drawn by the icon font", icon["drawn"]),
            ("not hidden from screen readers", icon["hidden"]),
            ("in a control without a name", icon["control"] is None or icon["name"])] if not ok]
        if problems:
            bad.append(f"{icon['icon']} ({icon['control']}): " + ", ".join(problems))
    assert not bad, f"{name}.html at {width} px:{listing(bad)}"
    heavy = [url for url in fetched if re.search(r"fontawesome\.js|fa-solid-900\.(woff2|ttf)", url)]
    assert not heavy, f"{name}.html fetched the full Font Awesome:{listing(heavy)}"
    assert not log.problems, listing(log.problems)


def test_the_search_button_leads_to_the_search_page(site):
    """Pages other than search.html carry no search scripts: the search button's form takes the
    reader to search.html, which finds the chapter."""
    page = site.context.new_page()
    log = PageLog(page)
    try:
        word = search_word(site)
        page.goto(site.url(f"{CHAPTER}.html"))
        page.locator("button.search-button-field").first.click()
        field = page.locator("#pst-search-dialog input[name=q]")
        field.fill(word)
        field.press("Enter")
        page.wait_for_url(re.compile(r"/search\.html\?q="))
        assert wait_for_search(page) > 0
        assert_results_name_the_chapter(page, word)
        assert not log.problems, listing(log.problems)
    finally:
        page.close()
    assert not site.off_host.take()


# --- the whole site -----------------------------------------------------------------------------------------
def test_index_leads_to_the_first_page(site):
    page = site.context.new_page()
    try:
        page.goto(site.url("index.html"))
        page.wait_for_url(re.compile(re.escape(ENTRIES[0]) + r"\.html$"))
    finally:
        page.close()


def search_word(site: Site) -> str:
    """A word the search must find: the longest word of the chapter's title."""
    title = re.search(r"<h1>(.*?)<", (site.root / f"{CHAPTER}.html").read_text(encoding="utf-8"), re.S)
    words = re.findall(r"[A-Za-z]{5,}", title.group(1) if title else "")
    assert words, f"{CHAPTER}.html has no title to search for"
    return max(words, key=len).lower()


# Sphinx's search lists its results one by one (each after fetching its page for a snippet) and
# writes its summary line when the last is listed: wait for that line, not the first result.
SEARCH_FINISHED = "() => (document.querySelector('#search-results p.search-summary') || {}).innerText"


def wait_for_search(page) -> int:
    page.wait_for_function(SEARCH_FINISHED, timeout=TIMEOUT_MS)
    return page.locator("#search-results ul.search li").count()


def assert_results_name_the_chapter(page, word: str) -> None:
    links = page.locator("#search-results ul.search li a").evaluate_all("els => els.map(a => a.href)")
    assert any(f"{CHAPTER}.html" in link for link in links), f"searching '{word}' did not find {CHAPTER}"


def search_results(page, base: str, word: str) -> int:
    page.goto(f"{base}/search.html?q={word}")
    return wait_for_search(page)


def test_search_finds_the_chapter(site):
    page = site.context.new_page()
    log = PageLog(page)
    try:
        word = search_word(site)
        assert search_results(page, site.origin, word) > 0
        assert_results_name_the_chapter(page, word)
        assert not log.problems, listing(log.problems)
    finally:
        page.close()
    assert not site.off_host.take()


def test_pages_work_opened_from_file(site):
    """Opened straight from disk (file://), as far as Chromium allows: pages and search."""
    context = site.browser.new_context()
    off_host = OffHost(context, ["file://"])
    base = site.root.as_uri()
    try:
        for name in [ENTRIES[0], CHAPTER] + ([EXERCISE] if EXERCISE else []):
            page = context.new_page()
            log = PageLog(page)
            page.goto(f"{base}/{name}.html")
            page.wait_for_load_state("networkidle")
            page.close()
            assert not log.problems, f"file://{name}.html:{listing(log.problems)}"
        page = context.new_page()
        log = PageLog(page)
        assert search_results(page, base, search_word(site)) > 0
        page.close()
        assert not log.problems, f"file:// search:{listing(log.problems)}"
        assert not off_host.take()
    finally:
        context.close()


# --- keyboard, print, screenshots ---------------------------------------------------------------------------
FOCUS_SHOWN = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    const what = `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40)}"`;
    return {what, visible: outline || shadow};
}"""


@pytest.mark.parametrize("name", [CHAPTER] + ([EXERCISE] if EXERCISE else []))
def test_keyboard_focus_is_visible(site, name):
    page = site.context.new_page()
    try:
        page.goto(site.url(f"{name}.html"))
        page.wait_for_load_state("networkidle")
        seen, hidden = [], []
        for _ in range(30):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS_SHOWN)
            if focus:
                seen.append(focus["what"])
                if not focus["visible"]:
                    hidden.append(focus["what"])
        assert len(seen) >= 10, f"{name}.html: Tab reached only {len(seen)} controls: {seen}"
        assert not hidden, f"{name}.html: keyboard focus not visible on:{listing(hidden)}"
    finally:
        page.close()


PRINT_CHECK = """() => {
    const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    const problems = [];
    const chrome = [".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".bd-header-article",
                    ".prev-next-area", ".bd-footer", ".search-button-field", ".theme-switch-button"];
    for (const selector of chrome)
        for (const el of document.querySelectorAll(selector))
            if (shown(el)) problems.push(`navigation chrome printed: ${selector}`);
    const article = document.querySelector("article.bd-article");
    for (const d of article.querySelectorAll("details:not([open])"))
        problems.push(`a collapsed section stays closed: ${d.textContent.trim().slice(0, 50)}`);
    for (const el of article.querySelectorAll(".toggle-hidden"))
        problems.push(`a toggled section stays hidden: ${el.textContent.trim().slice(0, 50)}`);
    const right = article.getBoundingClientRect().right;
    for (const el of article.querySelectorAll(".cell_output, pre, table, figure, img")) {
        if (!shown(el)) continue;
        const style = getComputedStyle(el);
        const clips = ["hidden", "clip", "auto", "scroll"].includes(style.overflowX);
        if (clips && el.scrollWidth > el.clientWidth + 1)
            problems.push(`cut off: ${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${el.textContent.trim().slice(0, 40)}"`);
        if (el.getBoundingClientRect().right > right + 2)
            problems.push(`past the page edge: ${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
    }
    const text = article.querySelector("p");
    const rgb = getComputedStyle(text).color.match(/\\d+/g).map(Number);
    if (Math.max(...rgb) > 110) problems.push(`body text is printed in a light colour: ${getComputedStyle(text).color}`);
    return problems;
}"""


@pytest.mark.parametrize("name", [CHAPTER] + ([EXERCISE] if EXERCISE else []))
def test_a_printed_page_is_just_the_text(site, name):
    """Printed in dark mode on screen, as a reader might: no chrome, nothing cut off, all open, dark text."""
    page = site.context.new_page()
    page.set_viewport_size({"width": 794, "height": 1123})      # A4 at 96 dpi
    try:
        page.goto(site.url(f"{name}.html"))
        page.wait_for_load_state("networkidle")
        page.evaluate(SET_THEME, "dark")
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        problems = page.evaluate(PRINT_CHECK)
        slug = name.replace("/", "-")
        save_screenshot(page, f"print-{slug}.png", full_page=True)
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = ARTIFACTS / f"print-{slug}.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=False)
        assert pdf.stat().st_size > 10_000
        assert not problems, f"{name}.html printed:{listing(problems)}"
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
        assert page.evaluate("() => document.documentElement.dataset.theme") == "dark", (
            "after printing, the page did not return to the reader's dark mode")
    finally:
        page.close()


@pytest.mark.parametrize("width", [1280, 800])
@pytest.mark.parametrize("name", [CHAPTER] + ([EXERCISE] if EXERCISE else []))
def test_screenshots_fit_the_window(site, name, width):
    """Screenshots to look at (test-artifacts/); at either width nothing scrolls sideways."""
    page = site.context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    try:
        page.goto(site.url(f"{name}.html"))
        page.wait_for_load_state("networkidle")
        page.wait_for_load_state("networkidle")
        kind = "exercise" if name.startswith("notebooks/") else "chapter"
        shot = save_screenshot(page, f"book-{kind}-{width}.png", full_page=True)
        assert shot.stat().st_size > 10_000
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name}.html at {width}px scrolls sideways by {overflow}px"
    finally:
        page.close()


@pytest.mark.parametrize("name", [CHAPTER] + ([EXERCISE] if EXERCISE else []))
def test_at_phone_width_every_control_has_a_name(site, name):
    """At 390 px the theme shows other controls (an icon-only search button among them), which the
    axe run at desktop width never sees: they too must pass axe's WCAG 2.1 A/AA rules."""
    page = site.context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(site.url(f"{name}.html"))
        page.wait_for_load_state("networkidle")
        unnamed = page.evaluate("""() => [...document.querySelectorAll('button')]
            .filter(b => b.offsetParent !== null && !b.textContent.trim() && !b.getAttribute('aria-label')
                         && !b.getAttribute('aria-labelledby') && !b.getAttribute('title'))
            .map(b => b.outerHTML.slice(0, 120))""")
        assert not unnamed, f"{name}.html at 390 px: buttons without a name:{listing(unnamed)}"
        violations = axe_violations(page)
        assert not violations, f"{name}.html at 390 px:{listing(violations)}"
    finally:
        page.close()
