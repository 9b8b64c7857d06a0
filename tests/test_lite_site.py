"""What the in-browser site holds (tools/lite_site.py): the notebooks of notebooks/ as they are (their
chapter links are opened as built pages by the app's plugin), the course's hand-written app extension,
and only the pages a reader uses."""
from __future__ import annotations

import json
import re
import sys

import pytest

from bookbuild import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from lite_site import (APP_EXTENSION, APP_NAME, BOOK_LINK, CONTENTS, app_extension,  # noqa: E402
                       site_contents)
from lite_wheels import LiteBuildError  # noqa: E402


def cells(notebook):
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def test_the_notebooks_come_along_with_their_chapter_links(tmp_path):
    site = site_contents(tmp_path / "contents")
    notebooks = sorted(CONTENTS.glob("*.ipynb"))
    assert notebooks and sorted(p.name for p in site.glob("*.ipynb")) == [p.name for p in notebooks]
    links = 0
    for original in notebooks:
        assert cells(site / original.name) == cells(original)
        links += sum(len(BOOK_LINK.findall("".join(c["source"]))) for c in cells(original) if c["cell_type"] == "markdown")
    assert links >= 3, "the course's notebooks link to the book; none was found"


def test_the_exercises_content_comes_along_unchanged(tmp_path):
    site = site_contents(tmp_path / "contents")
    for path in CONTENTS.rglob("*.yml"):
        assert (site / path.relative_to(CONTENTS)).read_bytes() == path.read_bytes()


def test_the_app_extension_is_one_script_named_by_its_content_with_its_css_inside(tmp_path):
    first = app_extension(tmp_path / "one")
    package = json.loads((first / "package.json").read_text())
    assert package["name"] == APP_NAME and package["jupyterlab"]["_build"]["extension"] == "./extension"
    script = first / package["jupyterlab"]["_build"]["load"]
    text = script.read_text(encoding="utf-8")
    assert re.fullmatch(r"remoteEntry\.[0-9a-f]{16}\.js", script.name)
    assert "const CSS = __CSS__" not in text and "body.cb-app" in text
    assert f'window._JUPYTERLAB[NAME]' in text and f'const NAME = "{APP_NAME}"' in text
    # The same sources give the same name; a changed style gives another, so no browser keeps an old copy.
    assert json.loads((app_extension(tmp_path / "two") / "package.json").read_text()) == package
    css = APP_EXTENSION / "casebook-app.css"
    original = css.read_text(encoding="utf-8")
    try:
        css.write_text(original + "\n/* changed */\n", encoding="utf-8")
        changed = json.loads((app_extension(tmp_path / "three") / "package.json").read_text())
    finally:
        css.write_text(original, encoding="utf-8")
    assert changed["jupyterlab"]["_build"]["load"] != package["jupyterlab"]["_build"]["load"]


def notebook_with(folder, *markdown: str):
    folder.mkdir(parents=True, exist_ok=True)
    cells = [{"cell_type": "markdown", "metadata": {}, "source": text} for text in markdown]
    path = folder / "n.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_a_chapter_link_in_a_subfolder_is_kept_as_written(tmp_path):
    notebook_with(tmp_path / "src" / "module", "See [*Signpost*](../../book/resistance/signpost.md#x).")
    site = site_contents(tmp_path / "site", source=tmp_path / "src")
    [cell] = cells(site / "module" / "n.ipynb")
    assert cell["source"] == "See [*Signpost*](../../book/resistance/signpost.md#x)."


@pytest.mark.parametrize("link", [
    "![the figure](../book/resistance/figure.png)",
    '[Signpost](../book/resistance/signpost.md "a title")',
    "[Signpost](<../book/resistance/signpost.md>)",
])
def test_a_link_into_the_book_the_site_cannot_show_stops_the_build_and_says_where(tmp_path, link):
    notebook_with(tmp_path / "src", "Fine text.", f"Then {link}.")
    with pytest.raises(LiteBuildError) as failure:
        site_contents(tmp_path / "site", source=tmp_path / "src")
    message = str(failure.value)
    assert str(tmp_path / "src" / "n.ipynb") in message and "cell 2" in message
    assert "[page name](../book/path/page.md)" in message
