"""Shared fixtures: the real book, built once per test session; a fresh journal per test."""
from __future__ import annotations

import pytest

from bookbuild import ROOT, build_book


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """Build the course's book into _build/ as `make book` does (the execution cache keeps
    unchanged notebooks from re-running), once for every test that reads the HTML."""
    build = build_book(ROOT, journal=tmp_path_factory.mktemp("journal") / "journal.sqlite")
    return build


@pytest.fixture(scope="module")
def built_html(built_book):
    """The built book's HTML folder, with its in-browser site (the build's problems if it failed)."""
    assert built_book.returncode == 0, "\n".join(built_book.problems) or built_book.output[-3000:]
    assert (built_book.html / "lite" / "jupyter-lite.json").exists(), "the book was built without its in-browser site"
    return built_book.html


@pytest.fixture
def journal(tmp_path):
    """A journal of its own for one test (test modules that predate this fixture keep theirs)."""
    from casebook.journal import Journal
    with Journal(tmp_path / "journal.sqlite") as opened:
        yield opened
