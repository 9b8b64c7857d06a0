"""Links from the exercises to the chapters name the chapter, also in the browser, where the book's
sources are not beside the exercises: the in-browser build packs the titles into the package."""
from __future__ import annotations

import json
import sys
import zipfile

import pytest

from bookbuild import ROOT
from casebook import bookpages
from casebook.exercise_file import book_page_title
from vignette_factory import real_vignettes

sys.path.insert(0, str(ROOT / "tools"))
from lite_wheels import course_wheel  # noqa: E402


@pytest.fixture
def packed(tmp_path, monkeypatch):
    """The titles inside the course wheel the in-browser site installs, put where the package
    looks for them, as they are after the wheel is installed in the browser."""
    wheel = course_wheel(tmp_path / "wheel")
    with zipfile.ZipFile(wheel) as zf:
        data = zf.read("casebook/book_titles.json")
    titles = tmp_path / "book_titles.json"
    titles.write_bytes(data)
    monkeypatch.setattr(bookpages, "PACKAGED_TITLES", titles)
    bookpages.packaged_titles.cache_clear()
    yield json.loads(data)
    bookpages.packaged_titles.cache_clear()


def test_every_chapter_a_course_vignette_links_to_has_its_title_in_the_wheel(packed):
    from casebook.kinds.vignette.loader import load
    for path in real_vignettes():
        section = load(path).book_section
        page = section.partition("#")[0]
        # From the repository, the title is read from the page itself.
        title = book_page_title(path, section)
        assert title != page, f"{page} has no '# ' title"
        assert packed[page] == title, page


def test_outside_the_repository_the_packed_titles_name_the_page(packed, tmp_path):
    exercise = tmp_path / "exercise.yml"       # no _toc.yml above it: as in the browser
    assert bookpages.repository_root(exercise) is None
    assert book_page_title(exercise, "book/resistance/in-the-room.md#what-helps") == \
        packed["book/resistance/in-the-room.md"]
    # A page the book does not have still gets a link text: its path.
    assert book_page_title(exercise, "book/no-such-page.md") == "book/no-such-page.md"


def test_without_packed_titles_the_link_shows_the_path(tmp_path, monkeypatch):
    monkeypatch.setattr(bookpages, "PACKAGED_TITLES", tmp_path / "absent.json")
    bookpages.packaged_titles.cache_clear()
    try:
        assert book_page_title(tmp_path / "x.yml", "book/intro.md") == "book/intro.md"
    finally:
        bookpages.packaged_titles.cache_clear()
