"""One portfolio wherever it is made (issue 11, part 3): exported in the browser (the journal on the
drive, the engine installed from a wheel, the course's content on the drive) or in JupyterLab and on
the command line (the course folder), the same journal gives the same document, with vignette
titles, the sentences chosen and the ending titles, never internal ids or the file's folder; and
it is offered as one button that makes the file and hands it to the browser."""
from __future__ import annotations

import base64
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casebook import course, export
from casebook.export import PortfolioButton, portfolio
from casebook.journal import Journal, lite_storage
from casebook.kinds.vignette.loader import load
from casebook.kinds.vignette.walkthrough import Walkthrough

ROOT = Path(__file__).resolve().parents[1]
VIGNETTE = ROOT / "notebooks" / "vignettes" / "resistance" / "homework-not-done.yml"


def without_export_time(text: str) -> str:
    return re.sub(r"^- Exported: .*$", "- Exported: (time)", text, flags=re.M)


def play(journal) -> None:
    """Module 1's first vignette, as a learner plays it: the first choice each time, to an ending."""
    vignette = load(VIGNETTE)
    walk = Walkthrough(vignette, journal)
    while not walk.finished:
        walk.choose(walk.choices[0].id)
    walk.reflect("I wanted it done for the team.", prompt=vignette.reflection[0])


@pytest.fixture
def browser_like(monkeypatch, tmp_path):
    """The browser's Python as far as the portfolio can tell: in the browser, the drive mounted at
    tmp/drive holding the notebooks/ folder (as the site's contents), and an engine that was installed
    from a wheel (no course folder beside it), run in the drive's folder."""
    drive = tmp_path / "drive"
    shutil.copytree(ROOT / "notebooks", drive, ignore=shutil.ignore_patterns("*.ipynb", ".*"))
    monkeypatch.setattr(lite_storage, "IN_BROWSER", True)
    monkeypatch.setattr(lite_storage, "DRIVE", drive)
    monkeypatch.setattr(lite_storage, "drive_mounted", lambda: True)
    monkeypatch.setattr(export, "__file__", str(tmp_path / "site-packages" / "casebook" / "export.py"))
    monkeypatch.delenv(course.COURSE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    export._CACHE.clear()
    return drive


def test_the_browsers_portfolio_shows_titles_not_ids(browser_like):
    with Journal(browser_like / lite_storage.JOURNAL_NAME) as journal:
        assert journal._drive is not None, "the journal lives on the (pretend) drive"
        play(journal)
        text = portfolio(journal)
    vignette = load(VIGNETTE)
    assert f"## {vignette.title}" in text
    assert "`homework-not-done`" not in text and "`push-the-protocol`" not in text
    assert vignette.scene(vignette.start).choices[0].text.split()[0] in text
    assert "/drive" not in text and str(browser_like) not in text
    assert f"Journal file: {lite_storage.JOURNAL_NAME}" in text


def test_the_same_journal_gives_the_same_document_in_the_browser_and_in_jupyterlab(browser_like, tmp_path, monkeypatch):
    on_drive = browser_like / lite_storage.JOURNAL_NAME
    with Journal(on_drive) as journal:
        play(journal)
        in_browser = portfolio(journal)
    monkeypatch.undo()                       # JupyterLab: the course folder, the file on disk
    export._CACHE.clear()
    lab = tmp_path / "lab"
    lab.mkdir()
    shutil.copyfile(on_drive, lab / lite_storage.JOURNAL_NAME)
    with Journal(lab / lite_storage.JOURNAL_NAME) as journal:
        assert journal._drive is None
        in_lab = portfolio(journal)
    assert without_export_time(in_browser) == without_export_time(in_lab)


def test_the_command_line_gives_the_same_document(tmp_path):
    path = tmp_path / "casebook-journal.sqlite"
    with Journal(path) as journal:
        play(journal)
        here = portfolio(journal)
    done = subprocess.run([sys.executable, "-m", "casebook", "export", "--journal", str(path)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert without_export_time(done.stdout).rstrip("\n") == without_export_time(here).rstrip("\n")


def test_download_my_portfolio_makes_the_file_and_offers_it_as_a_link(journal):
    play(journal)
    view = PortfolioButton(journal)
    assert view.download.button.description == "Download my portfolio"
    view.download.button.click()
    assert view.download.filename == "my-portfolio.md"
    assert without_export_time(view.download.data.decode("utf-8")) == without_export_time(portfolio(journal))
    link = re.search(r'<a class="cb-download-link" download="my-portfolio.md" href="data:text/markdown;'
                     r'charset=utf-8;base64,([^"]+)"', view.download.result.value)
    assert link and base64.b64decode(link[1]) == view.download.data
    assert 'role="status"' in view.download.result.value


def test_every_module_notebook_offers_the_button_instead_of_code_to_type():
    import json
    for name in ("01-resistance", "02-closeness", "03-regulation"):
        notebook = ROOT / "notebooks" / f"{name}.ipynb"
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        assert any(c.strip().endswith("PortfolioButton(journal)") for c in code), notebook.name
        assert "Download my portfolio" in text and 'open("my-portfolio.md"' not in text, notebook.name
