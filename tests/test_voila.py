"""The facilitator's dashboard as the projector shows it: a real Voilà server on loopback, started as
`python -m casebook.group.serve` starts it, on notebooks/facilitator/group-view.ipynb, with a group
folder of five simulated participants (made by playing a vignette and checking a question in group
mode, as participants do), opened in Chromium with every request to another host blocked and recorded.

Checked: the bars and counts (a count under 3 shown as "fewer than 3"), no code shown (nor in the
page's source), nothing fetched from another host, no console error, axe-core WCAG 2.1 A/AA, and a
sixth participant's choice seen after the dashboard's own refresh, without a reload or a click.
The screenshot is test-artifacts/voila-group-view.png.
"""
from __future__ import annotations

import html
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from browser import OffHost, PageLog, axe_violations, chromium, save_screenshot
from casebook import Journal, load
from casebook.group import GroupMode, serve
from casebook.group.views import REFRESH_SECONDS
from casebook.kinds.quiz.data import Attempt, load_quiz
from casebook.kinds.vignette.walkthrough import Walkthrough
from casebook.strings import t
from casebook.widgets import plain

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "facilitator" / "group-view.ipynb"
VIGNETTE = ROOT / "notebooks" / "vignettes" / "resistance" / "homework-not-done.yml"
QUIZ = ROOT / "notebooks" / "exercises" / "resistance" / "knowledge-check.yml"
STARTUP_S = 90           # Voilà's own start (a few seconds here; more on a busy machine)
RENDER_MS = 120_000      # the page: kernel start, the notebook run, the widgets drawn
# Participants' first choice at the opening decision and their option on question 1, by choice index.
PLAYED = [(0, 0), (0, 0), (0, 0), (1, 1), (1, 0)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def participant(tmp: Path, folder: Path, name: str, choice: int, option: int) -> None:
    """One participant, as in a notebook: journal, group mode joined, a choice, an answer checked."""
    with Journal(tmp / f"{name}.sqlite") as journal:
        GroupMode(journal).join(folder)
        vignette, quiz = load(VIGNETTE), load_quiz(QUIZ)
        walk = Walkthrough(vignette, journal)
        walk.choose(walk.choices[choice].id)
        question = quiz.questions[0]
        Attempt(quiz, journal).check(question.id, [question.options[option].id])


def _wait_until_up(process, origin: str, log: Path) -> None:
    """Voilà answers: its static script is served (asking for the page would run the notebook)."""
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Voilà exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{origin}/voila/static/voila.js", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"Voilà did not answer within {STARTUP_S}s:\n{log.read_text()[-3000:]}")


def _stop(process, marker: str) -> None:
    """Stop Voilà (it shuts its kernels down on SIGTERM), then any kernel of ours still running:
    its connection file lies in our temporary folder."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker.encode() in cmdline.read_bytes():
                os.kill(int(cmdline.parent.name), signal.SIGKILL)
        except OSError:
            pass


def figure_desc(page, number: int) -> str:
    return page.locator("svg.cb-group-figure desc").nth(number).text_content()


def test_the_dashboard_in_voila(tmp_path):
    folder = tmp_path / "group"
    folder.mkdir()
    for n, (choice, option) in enumerate(PLAYED):
        participant(tmp_path, folder, f"p{n}", choice, option)
    vignette, quiz = load(VIGNETTE), load_quiz(QUIZ)
    first, second = (plain(c.text) for c in vignette.scene(vignette.start).choices[:2])
    question = quiz.questions[0]

    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    runtime = tmp_path / "runtime"
    env = serve.environment(folder)
    # Voilà's kernels, connection files and notebook-signing key stay in this test's folder.
    env.update(TMPDIR=str(runtime), JUPYTER_RUNTIME_DIR=str(runtime), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_PLATFORM_DIRS="1")
    runtime.mkdir()
    log = tmp_path / "voila.log"
    started = time.monotonic()
    with open(log, "wb") as out:
        process = subprocess.Popen(serve.command(NOTEBOOK, port), env=env, cwd=ROOT, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_until_up(process, origin, log)
        up = time.monotonic() - started
        with chromium() as browser:
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            off_host = OffHost(context, [origin])
            page = context.new_page()
            problems = PageLog(page)
            page.goto(f"{origin}/", timeout=RENDER_MS)
            page.wait_for_selector("svg.cb-group-figure", timeout=RENDER_MS)
            shown = time.monotonic() - started

            body = page.inner_text("body")
            assert t("group.participants_other", count=5) in body
            decision = figure_desc(page, 0)
            assert t("group.figure_desc_item", text=first, count=t("group.people_other", count=3)) in decision
            assert t("group.figure_desc_item", text=second, count=t("group.fewer_than")) in decision
            answers = figure_desc(page, 1)
            assert t("group.figure_desc_item", text=plain(question.options[0].text),
                     count=t("group.people_other", count=4)) in answers
            assert t("group.figure_desc_item", text=plain(question.options[1].text),
                     count=t("group.fewer_than")) in answers
            assert page.get_by_text(t("group.fewer_than"), exact=True).count() == 2    # written on the bars
            assert vignette.title in body and t("group.suppressed_note") in body

            # No code: no input area on the page, and none of the notebook's code in its source.
            # (a Markdown cell's text is drawn in an input area too: only code cells' inputs and editors count)
            code_inputs = ".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .cm-editor, .CodeMirror"
            assert page.locator(code_inputs).filter(visible=True).count() == 0
            assert page.locator(".jp-CodeCell").count() >= 1         # the dashboard's own cell, output only
            source = page.content()
            for code in ("GroupDashboard(", "default_folder", "import "):
                assert code not in body and html.escape(code) not in source and code not in source

            violations = axe_violations(page)
            assert not violations, "axe-core WCAG 2.1 A/AA violations:\n" + "\n".join(violations)
            save_screenshot(page, "voila-group-view.png")

            # A sixth participant: the dashboard shows them at its own next refresh.
            participant(tmp_path, folder, "p5", 1, 1)
            joined = time.monotonic()
            page.wait_for_function(
                """([text]) => [...document.querySelectorAll('svg.cb-group-figure desc')]
                               .some(d => d.textContent.includes(text))""",
                arg=[t("group.figure_desc_item", text=second, count=t("group.people_other", count=3))],
                timeout=int((REFRESH_SECONDS * 4 + 10) * 1000))
            seen = time.monotonic() - joined
            assert t("group.participants_other", count=6) in page.inner_text("body")
            assert seen <= REFRESH_SECONDS * 4 + 10

            assert not off_host.take(), "requests to other hosts"
            assert not problems.problems, problems.problems
            context.close()
        print(f"\nVoilà up in {up:.1f} s, dashboard shown {shown:.1f} s after the start; "
              f"the sixth participant seen {seen:.1f} s after joining (refresh every {REFRESH_SECONDS:.0f} s)")
    finally:
        _stop(process, str(runtime))


def test_the_participant_view_in_a_browser(tmp_path, journal):
    """The participant's group-mode box, before and after joining (with the delete confirmation and
    the reflection list open), drawn by the widgets' own HTML manager from node_modules as a page
    of the built book draws widgets: no console error, nothing off-host, axe-core WCAG 2.1 A/AA."""
    from ipywidgets.embed import embed_minimal_html

    from casebook.group.views import GroupModeView
    from browser import StaticServer

    folder = tmp_path / "group"
    folder.mkdir()
    before = GroupModeView(journal, folder=folder)
    with Journal(tmp_path / "joined.sqlite") as other:
        after = GroupModeView(other, folder=folder)
        after.join()
        vignette = load(VIGNETTE)
        walk = Walkthrough(vignette, other)
        walk.choose(walk.choices[0].id)
        walk.reflect("What I noticed in myself when he said that.")
        after.open_share()
        after.ask_delete()
    site = tmp_path / "site"
    site.mkdir()
    dist = ROOT / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist"
    for part in dist.iterdir():
        if part.suffix in (".js", ".woff2", ".woff", ".ttf", ".eot", ".svg"):
            (site / part.name).symlink_to(part)
    embed_minimal_html(site / "index.html", views=[before.widget, after.widget], title="Group mode",
                       requirejs=False, embed_url="embed.js")
    page_html = (site / "index.html").read_text()
    assert "cdn" not in page_html.lower() and "https://" not in page_html
    server = StaticServer(site)
    try:
        with chromium() as browser:
            context = browser.new_context(viewport={"width": 1000, "height": 1400})
            off_host = OffHost(context, [server.origin])
            page = context.new_page()
            problems = PageLog(page)
            page.goto(f"{server.origin}/index.html")
            page.locator(".cb-group-confirm").filter(visible=True).first.wait_for(timeout=30_000)
            assert page.get_by_text(t("group.never_heading")).count() == 2
            assert page.locator(".cb-group-join").filter(visible=True).count() == 1     # only the first
            assert page.locator(".cb-group-confirm").filter(visible=True).count() == 1
            violations = axe_violations(page)
            assert not violations, "axe-core WCAG 2.1 A/AA violations:\n" + "\n".join(violations)
            save_screenshot(page, "group-mode-view.png", full_page=True)
            assert not off_host.take() and not problems.problems, problems.problems
            context.close()
    finally:
        server.stop()
