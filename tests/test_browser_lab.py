"""The exercises done live: JupyterLab on loopback, a real browser, real clicks, a real journal.

JupyterLab runs on a free 127.0.0.1 port with a token, on a copy of notebooks/ (and book/, for the
chapter titles; the built book is served at /static/ as in `make lab`) in a temporary
folder (JupyterLab saves what it runs; the course's own files stay untouched), with its runtime,
config and data folders in the same temporary folder, and nothing that fetches from the internet
(news, update checks, the extension manager). The learner's journal is a temporary SQLite file,
given to JupyterLab (and so to the kernel) through CASEBOOK_JOURNAL. Chromium may only talk to
that server (browser.py). Everything the test starts is stopped in `finally`.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import OffHost, chromium, save_screenshot
from kindplay import offer_seats_by_keyboard, play_module_3_exercises, quiz_by_keyboard, write_by_keyboard
from bookbuild import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from lite_site import APP_NAME, app_extension  # noqa: E402

NOTEBOOK = "notebooks/01-resistance.ipynb"     # module 1's exercises
CLOSENESS = "notebooks/02-closeness.ipynb"     # module 2's, with "Where shall we sit?"
REGULATION = "notebooks/03-regulation.ipynb"   # module 3's, with "Then and now" and the window
COMPLETION = "notebooks/04-completion.ipynb"
STARTUP_S = 90           # JupyterLab up and answering
KERNEL_MS = 120_000      # run all cells: kernel start, imports, every widget drawn
STEP_MS = 30_000         # one click and its answer from the kernel
MAX_DECISIONS = 12       # a path longer than this is taken for a loop


def vignettes_shown(notebook: Path) -> list[Path]:
    """The vignette files the notebook's code plays, in order: Player(load("...")) calls."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    found = re.findall(r"""Player\(\s*load\(\s*["']([^"']+)["']""", code)
    if not found:
        pytest.fail(f"{notebook} shows no vignette (no Player(load(...)) in its code)")
    return [notebook.parent / path for path in found]


def plain(text: str) -> str:
    """A choice's text as its button shows it: one line, no Markdown emphasis marks."""
    return re.sub(r"[*_]", "", " ".join((text or "").split()))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    origin: str
    token: str
    root: Path
    journal: Path

    def url(self, path: str) -> str:
        return f"{self.origin}/{path}?token={self.token}"


def _wait_until_up(process, origin: str, token: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_S
    request = urllib.request.Request(f"{origin}/api/status", headers={"Authorization": f"token {token}"})
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"JupyterLab exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(request, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer within {STARTUP_S}s:\n{log.read_text()[-3000:]}")


def _stop(process, runtime_dir: Path) -> None:
    """Stop JupyterLab (it shuts its kernels down on SIGTERM), then any kernel still running:
    kernels run in their own session, found by the connection file in our runtime folder."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    marker = str(runtime_dir).encode()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker in cmdline.read_bytes():
                os.kill(int(cmdline.parent.name), signal.SIGKILL)
        except OSError:         # gone already, or not ours to read
            pass


@pytest.fixture(scope="module")
def lab(tmp_path_factory, built_book):
    assert built_book.returncode == 0, built_book.output[-3000:]
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "course"
    # The exercises, and the chapters beside them (the exercises' links name the chapter titles).
    for folder in ("notebooks", "book"):
        shutil.copytree(ROOT / folder, root / folder,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "_ext"))
    shutil.copyfile(ROOT / "_toc.yml", root / "_toc.yml")     # marks the course's top folder
    journal = tmp / "journal.sqlite"
    port, token = free_port(), secrets.token_hex(16)
    # As `make lab`: the built book is served at /static/, where the exercises' links point.
    env = dict(os.environ, CASEBOOK_JOURNAL=str(journal), CASEBOOK_BOOK_URL="/static/",
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), JUPYTER_CONFIG_DIR=str(tmp / "config"),
               JUPYTER_DATA_DIR=str(tmp / "data"), JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"), JUPYTER_PLATFORM_DIRS="1")
    command = [
        sys.executable, "-m", "jupyterlab",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", "--ServerApp.open_browser=False",
        f"--ServerApp.root_dir={root}", "--ServerApp.terminals_enabled=False",
        # Nothing that fetches from the internet: news, update checks, the extension manager.
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        f"--ServerApp.extra_static_paths=['{built_book.html}']",
        # As `make lab`: the course's extension, which opens the text's chapter links as built pages.
        f"--LabServerApp.extra_labextensions_path={tmp / 'labextensions'}",
    ]
    app_extension(tmp / "labextensions" / APP_NAME)
    if os.geteuid() == 0:       # CI containers run as root; JupyterLab refuses unless told
        command.append("--ServerApp.allow_root=True")
    # A fresh profile pops up a question about fetching Jupyter news: answer it "never" up front.
    notification = tmp / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    # Every cell in the page, drawn or not: JupyterLab draws only the cells near the view by default,
    # and after Run All (which ends at the bottom) a locator would not find a view far above.
    tracker = tmp / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    log = tmp / "jupyterlab.log"
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        origin = f"http://127.0.0.1:{port}"
        _wait_until_up(process, origin, token, log)
        yield Lab(origin, token, root, journal)
    finally:
        _stop(process, tmp / "runtime")


@contextlib.contextmanager
def screenshot_on_failure(page, name: str):
    """Keep what the browser showed when a step failed (test-artifacts/)."""
    try:
        yield
    except BaseException:
        save_screenshot(page, name)
        raise


def accept_kernel_dialog(page) -> None:
    """JupyterLab may ask which kernel to start; a learner takes the offered Python 3."""
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    try:
        dialog.wait_for(timeout=3_000)
    except Exception:       # no dialog: nothing to answer
        return
    dialog.click()


@dataclass
class LiveNotebook:
    page: object
    off_host: OffHost           # requests for other hosts, blocked and kept
    sockets: list               # every websocket the page opened


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module (Playwright's sync API allows one at a time)."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def notebook(lab, browser):
    """Module 1's exercise notebook open in JupyterLab, all cells run, in a browser cut off from other hosts."""
    with running_notebook(lab, browser, NOTEBOOK) as live:
        yield live


@pytest.fixture(scope="module")
def closeness(lab, browser):
    """Module 2's exercise notebook, the same way."""
    with running_notebook(lab, browser, CLOSENESS) as live:
        yield live


@pytest.fixture(scope="module")
def regulation(lab, browser):
    """Module 3's exercise notebook, the same way."""
    with running_notebook(lab, browser, REGULATION) as live:
        yield live


@pytest.fixture(scope="module")
def completion(lab, browser):
    """The completion notebook, the same way."""
    with running_notebook(lab, browser, COMPLETION) as live:
        yield live


@contextlib.contextmanager
def running_notebook(lab, browser, notebook_path: str):
    """A notebook open in JupyterLab, all cells run, in its own browser context cut off from other hosts."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    off_host = OffHost(context, [lab.origin])
    page = context.new_page()
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        # A workspace of its own for each notebook, reset: otherwise JupyterLab restores the tabs
        # another page opened (the same server), and those notebooks are not run here.
        page.goto(lab.url(f"lab/workspaces/{Path(notebook_path).stem}/tree/{notebook_path}") + "&reset")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=KERNEL_MS)
        # Wait for the kernel before running, as a learner waits for "Idle" in the status bar.
        page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\| Idle$")).first.wait_for(
            timeout=KERNEL_MS)
        accept_kernel_dialog(page)
        # Run › Run All Cells, as the notebook tells the learner.
        page.locator("#jp-MainMenu .lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-item", has_text=re.compile(r"^Run All Cells$")).click()
        accept_kernel_dialog(page)
        with screenshot_on_failure(page, "lab-failed-to-run.png"):
            # Every code cell has run when each shows its execution number: "[3]:", not "[*]:".
            page.wait_for_function(
                """() => {
                    const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")];
                    return prompts.length && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
                }""", timeout=KERNEL_MS)
            page.locator(".casebook-player").first.wait_for(timeout=STEP_MS)
        yield LiveNotebook(page, off_host, sockets)
    finally:
        context.close()


def shown(locator) -> bool:
    return locator.count() > 0 and locator.first.is_visible()


def play_one_path(player) -> list[str]:
    """Begin, then take the first choice at every decision and continue, up to an ending.
    Returns the labels of the choices clicked."""
    player.locator(".cb-begin").click()
    clicked = []
    for _ in range(MAX_DECISIONS):
        # The widgets update one by one: after "Continue" hides, wait for the next scene's
        # choices or the ending, whichever the path reaches, before deciding which it is.
        player.locator(".cb-choice:visible, .cb-ending-box:visible").first.wait_for(timeout=STEP_MS)
        if shown(player.locator(".cb-ending-box")):
            return clicked
        choice = player.locator(".cb-choice:visible").first
        clicked.append(plain(choice.inner_text()))
        choice.click()
        proceed = player.locator(".cb-continue")
        proceed.wait_for(state="visible", timeout=STEP_MS)
        proceed.click()
        proceed.wait_for(state="hidden", timeout=STEP_MS)
    pytest.fail(f"no ending after {MAX_DECISIONS} decisions: {clicked}")


def test_a_chapter_link_in_the_text_opens_the_built_chapter_page(lab, notebook):
    """Not the chapter's MyST source inside JupyterLab: the page of the built book, in a new tab."""
    page = notebook.page
    link = page.locator(".jp-MarkdownCell a", has_text="Resistance is protection").first
    expect(link).to_have_attribute("href", f"{lab.origin}/static/book/resistance/index.html")
    with page.context.expect_page() as opened:
        link.click()
    opened.value.wait_for_load_state()
    assert opened.value.url == f"{lab.origin}/static/book/resistance/index.html"
    expect(opened.value.locator("h1").first).to_contain_text("Resistance")
    opened.value.close()
    # JupyterLab itself opened nothing: the notebook is still the only document.
    expect(page.locator(".jp-MainAreaWidget .jp-FileEditor")).to_have_count(0)


def test_a_vignette_played_live_is_kept_in_the_journal(lab, notebook):
    """Click one path to its ending, type a reflection without leaving the box: the journal holds both."""
    from casebook import Journal, load
    from casebook.strings import t

    page = notebook.page
    vignette = load(vignettes_shown(lab.root / NOTEBOOK)[0])
    player = page.locator(".casebook-vignette").first
    with screenshot_on_failure(page, "lab-failed-path.png"):
        clicked = play_one_path(player)
    assert clicked, "the vignette ended before any decision"
    player.locator(".cb-ending-box").scroll_into_view_if_needed()
    save_screenshot(page, "lab-vignette-ending-1280.png")
    # "Read more in the book" opens the chapter page of the built book, in a new tab.
    chapter = player.locator(".cb-ending-box a").first
    assert chapter.get_attribute("target") == "_blank"
    chapter_url = chapter.evaluate("a => a.href")
    assert chapter_url.startswith(f"{lab.origin}/static/book/"), chapter_url
    answer = page.request.get(chapter_url)
    assert answer.status == 200 and "<h1" in answer.text(), chapter_url
    assert not chapter.inner_text().startswith("book/"), "the link shows a path, not the chapter title"

    # A reflection, typed into the first box: kept as it is typed, a moment after the last key,
    # while the box still has the focus (nothing clicked, nothing left: issue 11, part 1).
    text = f"Browser test {secrets.token_hex(4)}: I noticed the urge to get the task done today."
    box = player.locator(".cb-reflection textarea").first
    box.click()
    box.press_sequentially(text)
    saved_prefix = t("autosave.saved").split("{time}")[0].strip()
    status = player.locator(".cb-status", has_text=saved_prefix).first
    status.wait_for(timeout=STEP_MS)
    assert box.evaluate("b => b === document.activeElement"), "the box lost the focus"
    deadline = time.monotonic() + STEP_MS / 1000   # the last save comes a second after the last key
    while time.monotonic() < deadline:
        with Journal(lab.journal) as journal:
            kept = journal.reflection(vignette.id, vignette.reflection[0])
        if kept is not None and kept.text == text:
            break
        time.sleep(0.2)
    assert box.evaluate("b => b === document.activeElement"), "the box lost the focus"
    status.scroll_into_view_if_needed()
    save_screenshot(page, "lab-vignette-reflection-1280.png")
    page.set_viewport_size({"width": 800, "height": 900})
    player.locator(".cb-ending-box").scroll_into_view_if_needed()
    save_screenshot(page, "lab-vignette-ending-800.png")
    page.set_viewport_size({"width": 1280, "height": 900})

    with Journal(lab.journal) as journal:
        steps = journal.choices(vignette.id)
        reflection = journal.reflection(vignette.id, vignette.reflection[0])
    assert [plain(vignette.scene(s.scene_id).choice(s.choice_id).text) for s in steps] == clicked, (
        "the journal's choices are not the ones clicked")
    assert steps[0].scene_id == vignette.start
    assert all(a.next_scene_id == b.scene_id for a, b in zip(steps, steps[1:])), "the path has gaps"
    assert steps[-1].reached_ending and vignette.scene(steps[-1].next_scene_id).is_ending
    assert reflection is not None and reflection.text == text, "the reflection was not kept"


def test_one_decision_with_tab_and_enter_alone(lab, notebook):
    """From the second vignette's Begin button on, only Tab and Enter: begin, move to the second
    choice, choose it, continue. Focus must land where the next key press is needed."""
    from casebook import Journal, load

    page = notebook.page
    players = page.locator(".casebook-vignette")
    if players.count() < 2:
        pytest.skip("the notebook has one vignette; the first is used by the test above")
    vignette = load(vignettes_shown(lab.root / NOTEBOOK)[1])
    player = players.nth(1)
    player.locator(".cb-begin").focus()         # where a learner who tabbed here would be
    focused = lambda: page.evaluate("() => document.activeElement.textContent.trim()")

    page.keyboard.press("Enter")                 # Begin
    first = vignette.scene(vignette.start)
    second_choice = first.choices[1]
    # The Player moves focus to the first choice once the kernel has answered; then Tab.
    page.wait_for_function("() => document.activeElement.classList.contains('cb-choice')",
                           timeout=STEP_MS)
    assert plain(focused()) == plain(first.choices[0].text)
    page.keyboard.press("Tab")
    assert plain(focused()) == plain(second_choice.text), (
        f"Tab after Begin reached {focused()!r}, not the second choice")
    page.keyboard.press("Enter")                 # choose it
    player.locator(".cb-continue").wait_for(state="visible", timeout=STEP_MS)
    page.wait_for_function("() => document.activeElement.classList.contains('cb-continue')",
                           timeout=STEP_MS)
    page.keyboard.press("Enter")                 # continue: the client's response
    player.locator(".cb-continue").wait_for(state="hidden", timeout=STEP_MS)

    with Journal(lab.journal) as journal:
        steps = journal.choices(vignette.id)
    assert [(s.scene_id, s.choice_id, s.decision) for s in steps] == [
        (first.id, second_choice.id, 1)], "the keyboard choice is not in the journal"
    assert steps[0].next_scene_id == second_choice.next


def test_module_1_exercises_by_keyboard_alone(lab, notebook):
    """The knowledge check, Write a repair and the protection map, each done with the keyboard
    alone (Tab, Space, typing, Enter); each is kept in the journal."""
    from casebook import Journal
    from casebook.kinds.quiz.data import load_quiz
    from casebook.kinds.reframe.data import load_reframe

    page = notebook.page
    folder = lab.root / "notebooks" / "exercises" / "resistance"
    quiz, repair = load_quiz(folder / "knowledge-check.yml"), load_reframe(folder / "write-a-repair.yml")
    with screenshot_on_failure(page, "lab-failed-module-1-kinds.png"):
        view = page.locator(".casebook-quiz").first
        view.scroll_into_view_if_needed()
        question, option = quiz_by_keyboard(page, view, quiz, STEP_MS)
        view = page.locator(".casebook-reframe", has_text=repair.title).first
        view.scroll_into_view_if_needed()
        write_by_keyboard(page, view, "I went faster than you could follow. Shall we slow down?", "cb-compare",
                          STEP_MS)
        view = page.locator(".casebook-map").first
        view.scroll_into_view_if_needed()
        write_by_keyboard(page, view, "He keeps his coat on and answers in one word.", "cb-save", STEP_MS)
    with Journal(lab.journal) as journal:
        answers = [(a.item_id, a.answer) for a in journal.answers(quiz.id, kind="quiz")]
        texts = [r.text for r in journal.reflections()]
    assert answers[-1][0] == question.id and option.id in str(answers[-1][1])
    assert "I went faster than you could follow. Shall we slow down?" in texts
    assert "He keeps his coat on and answers in one word." in texts


def test_where_shall_we_sit_by_keyboard_alone(lab, closeness):
    """Module 2's seating exercise: the second client and the third offer chosen with Tab and
    Space, offered with Enter; the room is drawn, the reaction shown, and the offer kept."""
    from casebook import Journal
    from casebook.kinds.seating.data import load_seating

    page = closeness.page
    exercise = load_seating(lab.root / "notebooks" / "exercises" / "closeness" / "where-shall-we-sit.yml")
    view = page.locator(".casebook-player", has=page.locator(".cb-room")).first
    view.scroll_into_view_if_needed()
    with screenshot_on_failure(page, "lab-failed-seating.png"):
        client, offer = offer_seats_by_keyboard(page, view, exercise, 1, 2, STEP_MS)
    view.locator(".cb-room").scroll_into_view_if_needed()
    save_screenshot(page, "lab-seating-1280.png")
    with Journal(lab.journal) as journal:
        kept = [(a.item_id, a.answer) for a in journal.answers(exercise.id, kind="seating")]
    assert kept == [(client.id, offer.id)]
    assert not closeness.off_host.take(), "the seating exercise asked another host for something"


def test_then_and_now_and_the_window_by_keyboard_alone(lab, regulation):
    """Module 3's two exercises: a match checked, and a move's likely course shown, with Tab,
    Space and Enter; each is kept in the journal."""
    from casebook import Journal
    from casebook.kinds.then_and_now.data import load_then_and_now
    from casebook.kinds.window.data import load_window

    page = regulation.page
    folder = lab.root / "notebooks" / "exercises" / "regulation"
    matching, window = load_then_and_now(folder / "then-and-now.yml"), load_window(folder / "window-of-tolerance.yml")
    with screenshot_on_failure(page, "lab-failed-regulation.png"):
        pattern, move = play_module_3_exercises(page, matching, window, 1, STEP_MS)
    page.locator(".cb-window-figure").first.scroll_into_view_if_needed()
    save_screenshot(page, "lab-window-1280.png")
    with Journal(lab.journal) as journal:
        matched = [(a.item_id, a.answer, a.outcome) for a in journal.answers(matching.id, kind="then_and_now")]
        shown = [(a.item_id, a.outcome) for a in journal.answers(window.id, kind="window")]
    assert matched == [(pattern.id, pattern.id, "fits")]
    assert shown == [(move.id, window.outcome(move.course))]
    assert not regulation.off_host.take(), "module 3's exercises asked another host for something"


def test_a_certificate_from_the_completion_notebook_in_jupyterlab(lab, completion, tmp_path):
    """The final assessment passed and the evaluation given by clicks, the certificate downloaded,
    printed to PDF by Chromium and read back: the name, the hours and the score are in it."""
    from casebook.course import course
    from casebook.kinds.assessment.data import load_assessment
    from casebook.kinds.evaluation.data import load_evaluation
    from completionplay import answer_assessment, download_certificate, give_evaluation, print_to_pdf

    page = completion.page
    folder = lab.root / "notebooks" / "exercises" / "capstone"
    assessment = load_assessment(folder / "final-assessment.yml")
    evaluation = load_evaluation(folder / "course-evaluation.yml")
    name = "Sanne de Wit-Haddou"
    with screenshot_on_failure(page, "lab-failed-completion.png"):
        view = page.locator(".casebook-quiz", has=page.locator(".cb-assessment-question")).first
        view.scroll_into_view_if_needed()
        answer_assessment(page, view, assessment, STEP_MS)
        view = page.locator(".casebook-quiz", has_text=evaluation.title).first
        view.scroll_into_view_if_needed()
        give_evaluation(page, view, evaluation, STEP_MS, rating="Strongly agree")
        view = page.locator(".casebook-player", has=page.locator(".cb-name")).first
        view.scroll_into_view_if_needed()
        saved = download_certificate(page, view, name, STEP_MS)
    text = print_to_pdf(page.context, saved, tmp_path / "certificate.pdf")
    total = len(assessment.questions)
    assert name in text and f"{course().study_hours:g} hours" in text and f"{total} of {total}" in text, text[:1200]
    assert not completion.off_host.take(), "the completion notebook asked another host for something"


def test_jupyterlab_talked_only_to_its_own_server(lab, notebook):
    """Run last: everything the live session asked for came from the loopback server."""
    off_host = notebook.off_host.take()
    assert not off_host, f"JupyterLab in the browser asked other hosts for:{off_host}"
    ws_origin = lab.origin.replace("http://", "ws://")
    sockets = [url for url in notebook.sockets if not url.startswith(ws_origin)]
    assert notebook.sockets and not sockets, f"websockets to other hosts: {sockets}"
