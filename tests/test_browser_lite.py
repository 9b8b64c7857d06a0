"""The exercises done in the reader's browser: JupyterLite with the Pyodide kernel, from the book.

One walk through what a reader does, in headless Chromium, with the built book served on loopback
and every request to any other host refused and recorded (tests/litebrowser.py): open module 1's
page, press "Start the exercises" from the keyboard, wait until the page says they are ready and
shows them as an app in the page (no code, no menus, nothing to run), follow a chapter link of the
text, play the first vignette to an ending, do the module's other kinds, leave the second vignette
after one decision, press "Download my portfolio" and take the file (the same document as the
command line's for the journal the browser holds, read through the secondary link's plain
notebook), type a reflection and close the tab while the box still has the focus once it says
"Saved at", open the page again, start the exercises and find the reflection there at once, the
first vignette saying what was done, and the second resuming where it was left; and again after a
reload (issues 11 and 15). It fails on any off-host request, and on anything that does not happen.
"""
from __future__ import annotations

import hashlib
import json
import time
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from bookbuild import ROOT
from casebook.journal import SCHEMA_VERSION as SCHEMA
from browser import axe_violations, save_screenshot
from casebook.strings import t
from litebrowser import (CELLS_RUN_MS, NO_DRIVE, OffHostRecorder, chromium_path, console_of, launch,
                         play_to_ending, run_all, serve, start_app, wait_for_kernel)

PAGE = "notebooks/01-resistance.html"
SLOW_SERVICE_WORKER_S = 4


def switched_on() -> bool:
    """Whether _config.yml loads book/_ext/inbrowser.py, which builds the site into the book."""
    import yaml
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return "inbrowser" in config["sphinx"].get("local_extensions", {})


@pytest.fixture(scope="module")
def html(request):
    if not switched_on():
        pytest.skip("the in-browser exercises are not switched on: add `inbrowser: book/_ext` "
                    "under sphinx.local_extensions in _config.yml")
    built_book = request.getfixturevalue("built_book")
    assert built_book.returncode == 0, "\n".join(built_book.problems) or built_book.output[-3000:]
    site = built_book.html / "lite"
    assert (site / "jupyter-lite.json").exists(), f"no in-browser site at {site}"
    return built_book.html


@pytest.fixture(scope="module")
def browser():
    assert chromium_path(), "Debian's chromium is needed for the browser tests (.ci/run installs it)"
    recorder = OffHostRecorder()
    with sync_playwright() as playwright:
        chromium = launch(playwright, recorder)
        yield chromium, recorder
        chromium.close()
    recorder.close()


def test_the_site_is_built_for_offline_use(html):
    """The kernel is pointed at the Pyodide inside the site, and nothing is looked up on PyPI."""
    config = json.loads((html / "lite" / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert kernel["disablePyPIFallback"] is True
    lock = json.loads((html / "lite" / "static" / "pyodide" / "pyodide-lock.json").read_text())
    for name, package in lock["packages"].items():
        wheel = html / "lite" / "static" / "pyodide" / package["file_name"]
        # Pyodide refuses a wheel whose hash differs from the lock's; a compiled wheel for
        # another platform would not load at all.
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == package["sha256"], name
        assert wheel.name.endswith("-none-any.whl"), wheel.name
    assert {"casebook", "ipywidgets", "pyyaml", "ipython"} <= lock["packages"].keys()


def assert_drive_mounted(console: list[str]) -> None:
    """The kernel started with JupyterLite's drive, where the journal is kept."""
    assert not [m for m in console if NO_DRIVE in m], "\n".join(console)


def find_the_place_again(page, console: list[str], reflection: str, ending: str):
    """Start the exercises on the book page again: the first vignette says what was done, and the
    reflection typed before the tab was closed is in its box at once, before anything is played
    again (issue 11, parts 1 and 4). The app."""
    app = start_app(page)
    assert_drive_mounted(console)
    player = app.locator(".casebook-vignette").first
    expect(player.locator(".cb-place")).to_contain_text("Played once.", timeout=CELLS_RUN_MS)
    expect(player.locator(".cb-place")).to_contain_text(ending)
    expect(player.locator(".cb-reflection textarea").first).to_have_value(reflection)
    expect(player.locator(".cb-status").first).to_contain_text("Saved on")
    return app


def typed_and_kept(box, status, text: str) -> None:
    """Type into a box key by key and wait for "Saved at" while the box keeps the focus: kept as it
    is typed, without leaving the box (issue 11, part 1)."""
    box.click()
    box.press_sequentially(text)
    expect(status).to_contain_text("Saved at", timeout=CELLS_RUN_MS)
    # A save may have come during a pause in the typing: the last one comes a second after the
    # last key (casebook.autosave.DELAY_S); the box keeps the focus all the while.
    box.page.wait_for_timeout(1500)
    assert box.evaluate("b => b === document.activeElement"), "the box lost the focus"


def first_choices_ending(vignette) -> str:
    """The title of the ending that taking the first choice at every decision reaches."""
    scene = vignette.scene(vignette.start)
    while not scene.is_ending:
        scene = vignette.scene(scene.choices[0].next)
    return " ".join(scene.ending.title.replace("*", "").split())


def cli_portfolio(journal: bytes, folder: Path) -> str:
    """The portfolio of a journal as the command line (and JupyterLab) makes it, in the browser's
    time zone (Pyodide's is UTC)."""
    import os
    import subprocess
    import sys
    path = folder / "casebook-journal.sqlite"
    path.write_bytes(journal)
    done = subprocess.run([sys.executable, "-m", "casebook", "export", "--journal", str(path)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=dict(os.environ, TZ="UTC"))
    assert done.returncode == 0, done.stderr
    return done.stdout


def without_export_time(text: str) -> str:
    import re
    return re.sub(r"^- Exported: .*$", "", text, flags=re.M).rstrip("\n")


def test_a_reader_does_module_1_in_the_browser_and_keeps_a_reflection(html, browser, tmp_path):
    chromium, recorder = browser
    reflection = f"What in me wants to push? Noted in the browser test {uuid.uuid4().hex[:8]}."
    # JupyterLite's service worker script comes late, as from a busy server: without the repair
    # of tools/lite_patches.py the kernel then starts before its drive, every time.
    with serve(html, slow={"service-worker.js": SLOW_SERVICE_WORKER_S}) as base:
        context = chromium.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        console = console_of(page)
        page.goto(f"{base}/{PAGE}")

        # The control is a labelled button that works from the keyboard, with a visible focus; the
        # page says what is happening while the app loads, then shows the exercises in the page.
        start = page.get_by_role("button", name=t("lite.start_label"))
        expect(start).to_have_count(1)
        start.focus()
        outline = start.evaluate("e => getComputedStyle(e).outlineStyle")
        assert outline not in ("", "none"), "the start button shows no focus outline"
        started = time.monotonic()
        app = start_app(page, key="Enter")
        print(f"\nthe exercises ready in the page {time.monotonic() - started:.1f} s after the click")
        assert page.url == f"{base}/{PAGE}", "the exercises left the book's page"
        assert page.locator(".cb-lite-bar").evaluate("bar => bar.value") == 100
        assert_drive_mounted(console)
        # The book's page with the app in it: still free of WCAG 2.1 A/AA violations (the frame's own
        # page is checked in tests/test_lite_pages.py).
        violations = axe_violations(page)
        assert violations == [], "\n".join(violations)

        # An app: no code, no menus or toolbars, nothing to run by hand.
        expect(app.locator(".jp-MarkdownCell").first).to_be_visible()
        assert app.locator(".jp-CodeCell").count() >= 10
        expect(app.locator(".jp-CodeCell .jp-InputArea:visible")).to_have_count(0)
        expect(app.locator(".jp-InputPrompt:visible, .jp-OutputPrompt:visible")).to_have_count(0)
        expect(app.locator("#menu-panel-wrapper:visible, #top-panel-wrapper:visible, "
                           ".jp-NotebookPanel-toolbar:visible")).to_have_count(0)
        # A chapter link in the text opens the built chapter page in a new tab.
        chapter_link = app.locator(".jp-MarkdownCell a", has_text="Resistance is protection").first
        assert chapter_link.evaluate("a => a.href") == f"{base}/book/resistance/index.html"
        with context.expect_page() as opened:
            chapter_link.click()
        opened.value.wait_for_load_state()
        assert opened.value.url == f"{base}/book/resistance/index.html"
        expect(opened.value.locator("h1").first).to_contain_text("Resistance")
        opened.value.close()
        # (After the link above, which this scrolls under the book's sticky header.) The page's own "Contents" beside it now lead to the sections inside the app.
        page.locator(".bd-toc a", has_text="Knowledge check").first.click()
        expect(app.locator(".jp-RenderedMarkdown h2", has_text="Knowledge check").first).to_be_in_viewport()

        player = app.locator(".casebook-vignette").first
        path = play_to_ending(player)
        assert path, "the vignette ended before any choice"
        # "Read more in the book" leads out of the app to the chapter page, in a new tab.
        chapter = player.locator(".cb-ending a").first
        assert chapter.get_attribute("target") == "_blank"
        chapter_url = chapter.evaluate("a => a.href")
        assert chapter_url.startswith(f"{base}/book/"), chapter_url
        assert page.request.get(chapter_url).status == 200, chapter_url
        assert not chapter.inner_text().startswith("book/"), "the link shows a path, not the title"
        chapter.scroll_into_view_if_needed()
        save_screenshot(page, "lite-vignette-ending-1280.png")

        # The module's other kinds, from the keyboard alone: a knowledge-check answer, a repair, a map.
        import base64

        from casebook.kinds.quiz.data import load_quiz
        from casebook.kinds.reframe.data import load_reframe
        from casebook.kinds.vignette.loader import load
        from kindplay import quiz_by_keyboard, write_by_keyboard
        exercises = ROOT / "notebooks" / "exercises" / "resistance"
        quiz, repair = load_quiz(exercises / "knowledge-check.yml"), load_reframe(exercises / "write-a-repair.yml")
        repair_text, map_text = "I went faster than you could follow there.", "He keeps his coat on today."
        view = app.locator(".casebook-quiz").first
        view.scroll_into_view_if_needed()
        quiz_by_keyboard(app, view, quiz, CELLS_RUN_MS)
        view = app.locator(".casebook-reframe", has_text=repair.title).first
        view.scroll_into_view_if_needed()
        write_by_keyboard(app, view, repair_text, "cb-compare", CELLS_RUN_MS)
        view = app.locator(".casebook-map").first
        view.scroll_into_view_if_needed()
        write_by_keyboard(app, view, map_text, "cb-save", CELLS_RUN_MS)

        # The second vignette, left after its first decision: to be resumed after coming back.
        second = app.locator(".casebook-vignette").nth(1)
        second.scroll_into_view_if_needed()
        second.locator(".cb-begin").click()
        expect(second.locator(".cb-choice:visible").first).to_be_visible()
        second.locator(".cb-choice:visible").first.click()
        expect(second.locator(".cb-continue")).to_be_visible()
        second.locator(".cb-continue").click()
        expect(second.locator(".cb-where")).to_have_text("Decision 2")

        # One portfolio (part 3): a button, not code to type, and the same document as the command
        # line's (and JupyterLab's) for this journal: titles, chosen sentences and endings, no ids.
        vignette = load(ROOT / "notebooks" / "vignettes" / "resistance" / "homework-not-done.yml")
        ending = first_choices_ending(vignette)
        portfolio_button = app.get_by_role("button", name="Download my portfolio")
        portfolio_button.scroll_into_view_if_needed()
        portfolio_button.click()
        link = app.locator("a.cb-download-link")
        expect(link).to_contain_text("my-portfolio.md", timeout=CELLS_RUN_MS)
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == "my-portfolio.md"
        exported = Path(download.value.path()).read_text(encoding="utf-8")
        assert f"## {vignette.title}" in exported and f"Ending reached: **{ending}**" in exported, exported[:3000]
        for internal in ("`homework-not-done`", "`push-the-protocol`", "/drive/"):
            assert internal not in exported, internal
        assert repair_text in exported and map_text in exported, exported[:2000]

        # The secondary link: the same exercises as a plain notebook, on the same journal (read here
        # with a cell of code, as a JupyterLab user would).
        notebook_link = page.get_by_role("link", name=t("lite.notebook_link"))
        notebook_url = notebook_link.evaluate("a => a.href")
        assert notebook_url == f"{base}/lite/notebooks/index.html?path=01-resistance.ipynb"
        plain = context.new_page()
        console_of(plain, console)
        plain.goto(notebook_url)
        wait_for_kernel(plain)
        expect(plain.locator(".jp-CodeCell .jp-InputArea").first).to_be_visible()
        kept = new_cell(plain, "import base64; print(base64.b64encode("
                               "open('/drive/casebook-journal.sqlite', 'rb').read()).decode())")
        expect(kept).to_contain_text("U1FMaXRl", timeout=CELLS_RUN_MS)   # "SQLite" in base64
        journal = base64.b64decode(kept.inner_text().strip())
        assert without_export_time(exported) == without_export_time(cli_portfolio(journal, tmp_path))
        plain.close()

        # Kept as it is typed (part 1): type a reflection, see "Saved at" with the box still
        # focused, and close the tab at once, without leaving the box.
        box = player.locator(".cb-reflection textarea").first
        box.scroll_into_view_if_needed()
        typed_and_kept(box, player.locator(".cb-status").first, reflection)
        page.close()

        # Come back later: the journal comes back from the drive (this is the visit where
        # JupyterLite's kernel used to start before its drive: tools/lite_patches.py). The
        # reflection is there at once, the vignette says what was done, the half-played one resumes.
        page = context.new_page()
        console_of(page, console)
        page.goto(f"{base}/{PAGE}")
        app = find_the_place_again(page, console, reflection, ending)
        second = app.locator(".casebook-vignette").nth(1)
        resume = second.locator(".cb-resume")
        expect(resume).to_have_text("Resume where you left off (decision 2)")
        resume.click()
        expect(second.locator(".cb-where")).to_have_text("Decision 2", timeout=CELLS_RUN_MS)
        expect(second.locator(".cb-choice:visible").first).to_be_visible()
        # And after a reload of that page.
        page.reload()
        find_the_place_again(page, console, reflection, ending)
        context.close()
    assert recorder.book_requests == [], f"requests to other hosts: {recorder.requests}"


def new_cell(page, code: str, above_first: bool = False):
    """Type `code` into a new cell (above the first cell, or below the last) and run that cell
    alone, as a learner would; the cell's output area."""
    if above_first:
        page.locator(".jp-Cell").first.click()
        page.keyboard.press("Escape")
        page.keyboard.press("a")
    else:
        page.locator(".jp-Cell").last.click()
        page.keyboard.press("Escape")
        page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    cell = page.locator(".jp-Cell").first if above_first else page.locator(".jp-Cell").nth(-2)
    output = cell.locator(".jp-OutputArea-output")
    return output


def test_modules_2_and_3_play_by_keyboard_in_one_journal_moved_on_from_format_1(html, browser):
    """The exercise kinds of modules 2 and 3 in the reader's browser, from the keyboard alone, into
    one journal; and a journal of the first format, left on the browser's drive by an earlier
    version of the course, moved on by the browser's Python when the notebook opens it, keeping
    everything (its copy beside it)."""
    import base64

    from casebook.kinds.seating.data import load_seating
    from casebook.kinds.then_and_now.data import load_then_and_now
    from casebook.kinds.window.data import load_window
    from kindplay import offer_seats_by_keyboard, play_module_3_exercises

    chromium, recorder = browser
    exercises = ROOT / "notebooks" / "exercises"
    seating = load_seating(exercises / "closeness" / "where-shall-we-sit.yml")
    matching = load_then_and_now(exercises / "regulation" / "then-and-now.yml")
    window = load_window(exercises / "regulation" / "window-of-tolerance.yml")
    old = base64.b64encode((ROOT / "tests" / "fixtures" / "journal-v1.sqlite").read_bytes()).decode()
    with serve(html) as base:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        console = console_of(page)
        page.goto(f"{base}/lite/notebooks/index.html?path=02-closeness.ipynb")
        wait_for_kernel(page)
        assert_drive_mounted(console)
        # Before the notebook runs: the journal an earlier version of the course left on the drive.
        written = new_cell(page, "import base64, pathlib\n"
                                 f"print(pathlib.Path('/drive/casebook-journal.sqlite').write_bytes(base64.b64decode('{old}')))",
                           above_first=True)
        expect(written).to_have_text(str(len(base64.b64decode(old))), timeout=CELLS_RUN_MS)
        run_all(page)
        view = page.locator(".casebook-player", has=page.locator(".cb-room")).first
        view.scroll_into_view_if_needed()
        client, offer = offer_seats_by_keyboard(page, view, seating, 0, 1, CELLS_RUN_MS)
        save_screenshot(page, "lite-seating-1280.png")
        moved = new_cell(page, "from casebook.journal import SCHEMA_VERSION\n"
                               "print(SCHEMA_VERSION, journal.backup is not None or 'kept earlier',"
                               " [s.choice_id for s in journal.choices('homework-not-done')][-1],"
                               " [(a.item_id, a.answer) for a in journal.answers(kind='seating')])")
        expect(moved).to_contain_text(f"{SCHEMA} True proceed-with-exposure [('{client.id}', '{offer.id}')]",
                                      timeout=CELLS_RUN_MS)

        # Module 3 in the same browser: the same journal, now in the new format.
        page.goto(f"{base}/lite/notebooks/index.html?path=03-regulation.ipynb")
        wait_for_kernel(page)
        assert_drive_mounted(console)
        run_all(page)
        pattern, move = play_module_3_exercises(page, matching, window, 0, CELLS_RUN_MS)
        save_screenshot(page, "lite-window-1280.png")
        kept = new_cell(page, "print(sorted({a.kind for a in journal.answers()}),"
                              " [s.choice_id for s in journal.choices('homework-not-done')])")
        expect(kept).to_contain_text("['seating', 'then_and_now', 'window'] "
                                     "['get-curious', 'push-the-protocol', 'proceed-with-exposure']",
                                     timeout=CELLS_RUN_MS)
        assert pattern.id and move.id
        context.close()
    assert recorder.book_requests == [], f"requests to other hosts: {recorder.requests}"
