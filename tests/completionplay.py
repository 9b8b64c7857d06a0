"""Playing the completion notebook in a real browser, as a learner would, by clicks: the final
assessment answered as the course reads it, the evaluation given, the certificate downloaded and
printed to PDF by Chromium, and the PDF read back with a PDF reader. Shared by the JupyterLab and
the in-browser tests."""
from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from casebook.widgets import plain


def _words(text: str) -> str:
    """Letters and digits only: markup, spacing and punctuation differ between the YAML and the page."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def answer_assessment(page, view, assessment, timeout_ms: int) -> None:
    """Answer every question as the course reads it, whatever order this attempt shows them in."""
    boxes = view.locator(".cb-assessment-question")
    expect(boxes).to_have_count(len(assessment.questions), timeout=timeout_ms)
    for n in range(boxes.count()):
        box = boxes.nth(n)
        box.scroll_into_view_if_needed()
        # The question's text arrives from the kernel after its box: wait for it before reading it.
        expect(box.locator(".cb-question")).to_contain_text("Question", timeout=timeout_ms)
        shown = _words(box.locator(".cb-question").inner_text())
        found = [q for q in assessment.questions if _words(plain(q.prompt)) in shown
                 and (not q.scenario or _words(plain(q.scenario)) in shown)]
        assert len(found) == 1, f"question {n + 1} matches {[q.id for q in found]}: {shown[:300]}"
        question = found[0]
        role = "radio" if question.kind == "single" else "checkbox"
        for option in question.options:
            if option.fits:
                control = box.get_by_role(role, name=plain(option.text), exact=True)
                control.check()
                expect(control).to_be_checked(timeout=timeout_ms)
    expect(view.locator(".cb-status")).to_contain_text(
        f"Answered {len(assessment.questions)} of {len(assessment.questions)}", timeout=timeout_ms)
    view.locator(".cb-submit").click()
    expect(view.locator(".cb-summary")).to_contain_text("You passed", timeout=timeout_ms)


def give_evaluation(page, view, evaluation, timeout_ms: int, rating: str = "Agree") -> None:
    # One radio group per statement (ipywidgets gives them no radiogroup role: found by class).
    groups = view.locator(".cb-answer")
    expect(groups).to_have_count(len(evaluation.statements), timeout=timeout_ms)
    for n in range(groups.count()):
        groups.nth(n).get_by_role("radio", name=rating, exact=True).check()
    view.locator(".cb-submit").click()
    expect(view.locator(".cb-status")).to_contain_text("Thank you", timeout=timeout_ms)


def download_certificate(page, view, name: str, timeout_ms: int) -> Path:
    """Type the name, press Download my certificate, save the file: its path."""
    view.locator(".cb-name input").fill(name)
    view.locator(".cb-name input").press("Tab")
    view.locator(".cb-certificate").click()
    link = view.locator(".cb-download-link")
    expect(link).to_be_visible(timeout=timeout_ms)
    with page.expect_download() as download:
        link.click()
    return Path(download.value.path())


def print_to_pdf(context, html_file: Path, pdf: Path) -> str:
    """Open the saved page in the browser, print it to PDF with Chromium, read the PDF's text back."""
    from pypdf import PdfReader
    page = context.new_page()
    # Set as the page's content rather than opened by address: nothing is requested from anywhere.
    page.set_content(html_file.read_text(encoding="utf-8"))
    page.pdf(path=str(pdf), format="A4")
    page.close()
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
