"""From the book's start page to a certificate, in the reader's browser (JupyterLite), with every
request to another host refused: the completion exercises started as an app on their book page, the final
assessment passed and the evaluation given by clicks, the certificate downloaded, printed to PDF by
Chromium and read back with a PDF reader (name, hours, score); and the learning records downloaded."""
from __future__ import annotations

import json
import time
import uuid

import pytest
from playwright.sync_api import expect, sync_playwright

from bookbuild import ROOT
from browser import save_screenshot
from completionplay import answer_assessment, download_certificate, give_evaluation, print_to_pdf
from litebrowser import CELLS_RUN_MS, OffHostRecorder, chromium_path, console_of, launch, serve, start_app
from casebook.course import course
from casebook.kinds.assessment.data import load_assessment
from casebook.kinds.evaluation.data import load_evaluation

EXERCISES = ROOT / "notebooks" / "exercises" / "capstone"


@pytest.fixture(scope="module")
def html(built_html):
    return built_html


def test_a_reader_goes_from_the_start_page_to_a_certificate_in_the_browser(html, tmp_path):
    assert chromium_path(), "Debian's chromium is needed for the browser tests (.ci/run installs it)"
    assessment = load_assessment(EXERCISES / "final-assessment.yml")
    evaluation = load_evaluation(EXERCISES / "course-evaluation.yml")
    name = f"Dr. Noor El Amrani-Visser {uuid.uuid4().hex[:4]}"
    recorder = OffHostRecorder()
    with sync_playwright() as playwright, serve(html) as base:
        chromium = launch(playwright, recorder)
        context = chromium.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        console = console_of(page)
        page.goto(f"{base}/index.html")
        # The sidebar, as a reader follows it: the capstone chapter, then its exercise page.
        page.locator("nav.bd-links a", has_text="Bringing it together").first.click()
        page.locator("nav.bd-links a", has_text="Completing the course").first.click()
        started = time.monotonic()
        app = start_app(page)
        print(f"\ncompletion exercises ready in the page {time.monotonic() - started:.1f} s after the click")
        assert page.url.endswith("/notebooks/04-completion.html")
        page = app   # from here on, what the reader does happens in the app

        progress = page.locator(".casebook-player", has=page.locator(".cb-progress")).first
        expect(progress).to_contain_text("Pass the final assessment first.")

        view = page.locator(".casebook-quiz", has=page.locator(".cb-assessment-question")).first
        view.scroll_into_view_if_needed()
        answer_assessment(page, view, assessment, CELLS_RUN_MS)
        save_screenshot(page, "lite-assessment-passed-1280.png")

        view = page.locator(".casebook-quiz", has_text=evaluation.title).first
        view.scroll_into_view_if_needed()
        give_evaluation(page, view, evaluation, CELLS_RUN_MS)

        view = page.locator(".casebook-player", has=page.locator(".cb-name")).first
        view.scroll_into_view_if_needed()
        saved = download_certificate(page, view, name, CELLS_RUN_MS)
        save_screenshot(page, "lite-certificate-1280.png")
        text = print_to_pdf(context, saved, tmp_path / "certificate.pdf")
        total = len(assessment.questions)
        assert name in text, text[:1500]
        assert f"{course().study_hours:g} hours" in text and f"{total} of {total} questions" in text, text[:1500]
        assert "not accreditation" in text

        # The progress page, refreshed, now says the certificate can be made.
        progress.locator(".cb-refresh").click()
        expect(progress).to_contain_text("you can make your certificate", timeout=CELLS_RUN_MS)

        # The learning records, one button and one link away.
        records = page.locator(".casebook-player", has=page.locator(".cb-xapi")).first
        records.locator(".cb-xapi").click()
        link = records.locator(".cb-download-link").last
        expect(link).to_be_visible(timeout=CELLS_RUN_MS)
        with page.expect_download() as download:
            link.click()
        statements = json.loads(download.value.path().read_text(encoding="utf-8"))
        assert any(s["verb"]["id"].endswith("/passed") for s in statements)
        context.close()
        chromium.close()
    recorder.close()
    assert recorder.book_requests == [], f"requests to other hosts: {recorder.requests}"
