"""Every page of the in-browser site that a reader can reach, in Chromium with axe-core: the site's
front door, the exercise app (the notebook page with ?app=1, as the book's exercise pages show it)
and the plain notebook (the pages' secondary link). Each must load completely, pass every WCAG 2.1
A/AA rule axe checks, log no console error and have no failed request or request to another host;
and the site must hold no other page (JupyterLite builds pages of apps nobody asked for)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright

from browser import PageLog, axe_violations
from litebrowser import KERNEL_READY_MS, OffHostRecorder, chromium_path, launch, serve, wait_for_kernel

NOTEBOOK = "01-resistance.ipynb"


@pytest.fixture(scope="module")
def html(built_html):
    return built_html


def test_the_site_holds_only_the_pages_a_reader_uses(html):
    pages = sorted(str(p.relative_to(html / "lite")) for p in (html / "lite").rglob("*.html"))
    assert pages == ["index.html", "notebooks/index.html"]


def until_ready(page, url: str) -> None:
    """Wait until the page has done what it does on opening."""
    if "app=1" in url:
        page.wait_for_selector("body.cb-app .casebook-vignette .cb-begin", timeout=2 * KERNEL_READY_MS)
    elif "path=" in url:
        wait_for_kernel(page)
    else:
        page.wait_for_load_state("load")
    page.wait_for_timeout(500)   # a late console error would still be seen


@pytest.mark.parametrize("address", ["lite/index.html",
                                     f"lite/notebooks/index.html?path={NOTEBOOK}&app=1",
                                     f"lite/notebooks/index.html?path={NOTEBOOK}"])
def test_a_page_of_the_site_loads_whole_and_passes_axe(html, address):
    assert chromium_path(), "Debian's chromium is needed for the browser tests (.ci/run installs it)"
    recorder = OffHostRecorder()
    with sync_playwright() as playwright, serve(html) as base:
        chromium = launch(playwright, recorder)
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        log = PageLog(page)
        page.goto(f"{base}/{address}")
        until_ready(page, address)
        violations = axe_violations(page)
        chromium.close()
    recorder.close()
    assert violations == [], "\n".join(violations)
    assert log.problems == [], "\n".join(log.problems)
    assert recorder.book_requests == [], recorder.requests


def test_the_app_shows_the_sites_text_and_keeps_a_copy_the_learner_saved(html):
    """A learner who wrote in the plain notebook and saved it keeps that copy; the app still shows
    the text the site was built with (the course's current edition), and does not save over it."""
    note = "A note of my own, saved in the plain notebook"
    plain = f"lite/notebooks/index.html?path={NOTEBOOK}"
    recorder = OffHostRecorder()
    with sync_playwright() as playwright, serve(html) as base:
        chromium = launch(playwright, recorder)
        page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"{base}/{plain}")          # saving needs no kernel: no wait for Python
        page.locator(".jp-Notebook .jp-Cell").first.click(timeout=KERNEL_READY_MS)
        for key in ("Escape", "a", "m", "Enter"):      # a new text cell above the first
            page.keyboard.press(key)
        page.keyboard.type(note)
        page.keyboard.press("Shift+Enter")
        page.keyboard.press("Control+s")
        expect(page.locator(".jp-Notebook-cell .jp-RenderedMarkdown", has_text=note)).to_be_visible()
        page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')")   # saved

        page.goto(f"{base}/{plain}&app=1")
        until_ready(page, f"{plain}&app=1")
        in_app = page.locator(".jp-Notebook").inner_text()
        page.goto(f"{base}/{plain}")
        assert "Resistance" in in_app and note not in in_app
        kept = page.locator(".jp-Notebook-cell .jp-RenderedMarkdown", has_text=note)
        expect(kept).to_have_count(1, timeout=KERNEL_READY_MS)      # the learner's copy, as saved
        chromium.close()
    recorder.close()
