"""What the in-browser site holds of notebooks/ (tools/lite_site.py): the same exercises, with the
links to the book's Markdown sources turned into the pages' names, which JupyterLite cannot open."""
from __future__ import annotations

import json
import sys

import pytest

from bookbuild import ROOT
from casebook.strings import t

sys.path.insert(0, str(ROOT / "tools"))
from lite_site import BOOK_LINK, CONTENTS, site_contents  # noqa: E402
from lite_wheels import LiteBuildError  # noqa: E402


def cells(notebook):
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def test_links_to_the_book_become_names_and_nothing_else_changes(tmp_path):
    site = site_contents(tmp_path / "contents")
    notebooks = sorted(CONTENTS.glob("*.ipynb"))
    assert notebooks and sorted(p.name for p in site.glob("*.ipynb")) == [p.name for p in notebooks]
    replaced = 0
    for original in notebooks:
        before, after = cells(original), cells(site / original.name)
        assert len(before) == len(after)
        for old, new in zip(before, after):
            old_text, new_text = "".join(old["source"]), "".join(new["source"])
            if old["cell_type"] != "markdown":
                assert new == old
                continue
            links = BOOK_LINK.findall(old_text)
            replaced += len(links)
            assert "../book/" not in new_text
            for text in links:
                assert t("lite.book_reference", text=text) in new_text
            # The text around the links is kept as it was.
            for around in BOOK_LINK.sub("\0", old_text).split("\0"):
                assert around in new_text
    assert replaced >= 3, "the course's notebooks link to the book; none was found"


def test_the_exercises_content_comes_along_unchanged(tmp_path):
    site = site_contents(tmp_path / "contents")
    for path in CONTENTS.rglob("*.yml"):
        assert (site / path.relative_to(CONTENTS)).read_bytes() == path.read_bytes()


def notebook_with(folder, *markdown: str):
    folder.mkdir(parents=True, exist_ok=True)
    cells = [{"cell_type": "markdown", "metadata": {}, "source": text} for text in markdown]
    path = folder / "n.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_emphasis_in_the_link_text_is_not_doubled_and_subfolders_count_too(tmp_path):
    notebook_with(tmp_path / "src" / "module", "See [*Signpost*](../../book/resistance/signpost.md#x).")
    site = site_contents(tmp_path / "site", source=tmp_path / "src")
    [cell] = cells(site / "module" / "n.ipynb")
    assert cell["source"] == "See " + t("lite.book_reference", text="Signpost") + "."


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
