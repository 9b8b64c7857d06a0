"""What the in-browser site holds of notebooks/ (tools/lite_site.py): the same exercises, with the
links to the book's Markdown sources turned into the pages' names, which JupyterLite cannot open."""
from __future__ import annotations

import json
import sys

from bookbuild import ROOT
from casebook.strings import t

sys.path.insert(0, str(ROOT / "tools"))
from lite_site import BOOK_LINK, CONTENTS, site_contents  # noqa: E402


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
