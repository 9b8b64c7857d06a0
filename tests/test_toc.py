"""Every page and notebook of the course is reachable from _toc.yml, and every entry exists."""
import shutil

from bookbuild import ROOT
from tocscan import missing, orphans, toc_entries


def test_every_page_and_notebook_is_in_the_toc():
    lost = orphans(ROOT)
    assert not lost, "Not reachable from _toc.yml (add them there, or delete them): " + ", ".join(lost)


def test_every_toc_entry_has_a_file():
    absent = missing(ROOT)
    assert not absent, "_toc.yml lists pages that do not exist: " + ", ".join(absent)


def test_toc_covers_the_course_parts():
    entries = toc_entries(ROOT)
    assert entries[0] == "book/intro"
    assert any(e.startswith("notebooks/") for e in entries)
    assert any(e.startswith("book/resistance/") for e in entries)


def test_an_unlisted_page_is_named(tmp_path):
    # The check itself must catch an orphan and say which file it is.
    shutil.copy(ROOT / "_toc.yml", tmp_path / "_toc.yml")
    for entry in toc_entries(ROOT):
        for suffix in (".md", ".ipynb"):
            src = ROOT / f"{entry}{suffix}"
            if src.is_file():
                dest = tmp_path / f"{entry}{suffix}"
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text("# placeholder\n")
    (tmp_path / "book" / "stray-page.md").write_text("# Nobody links here\n")
    assert orphans(tmp_path) == ["book/stray-page.md"]
