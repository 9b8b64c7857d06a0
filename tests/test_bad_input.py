"""Broken course files make `make test` fail with a message that names the file."""
from __future__ import annotations

import shutil
import subprocess
import sys

import nbformat
import pytest

from bookbuild import ROOT, build_book


def _raising_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# A notebook that fails"),
                nbformat.v4.new_code_cell("raise RuntimeError('this cell is broken on purpose')")]
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def broken_book(tmp_path_factory):
    """A small book with the course's own settings, one page with a broken cross-reference
    and one notebook that raises."""
    src = tmp_path_factory.mktemp("broken-book")
    # The course's settings, less the in-browser (JupyterLite) site: it has nothing to check here.
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    (src / "_config.yml").write_text(config.replace("    inbrowser: book/_ext\n", ""), encoding="utf-8")
    shutil.copytree(ROOT / "book" / "_ext", src / "book" / "_ext")
    shutil.copytree(ROOT / "book" / "_static", src / "book" / "_static")
    shutil.copy(ROOT / "book" / "references.bib", src / "book" / "references.bib")
    (src / "node_modules").symlink_to(ROOT / "node_modules")
    (src / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n  - file: book/broken-link\n  - file: notebooks/raises\n")
    (src / "book" / "intro.md").write_text("# Intro\n\nA small book.\n")
    (src / "book" / "broken-link.md").write_text("# Broken\n\nSee {doc}`/book/no-such-page`.\n")
    (src / "notebooks").mkdir()
    _raising_notebook(src / "notebooks" / "raises.ipynb")
    return build_book(src, journal=src / "journal.sqlite")


def test_a_broken_cross_reference_fails_the_build_and_names_the_page(broken_book):
    assert broken_book.returncode != 0
    assert any("broken-link.md" in p for p in broken_book.problems), broken_book.output[-3000:]


def test_a_raising_notebook_fails_the_build_and_names_the_notebook(broken_book):
    assert broken_book.returncode != 0
    assert any("raises" in p for p in broken_book.problems), broken_book.output[-3000:]


def test_a_raising_notebook_fails_nbval_and_names_the_notebook(tmp_path):
    _raising_notebook(tmp_path / "raises.ipynb")
    done = subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider",
                           "--rootdir", str(tmp_path), str(tmp_path / "raises.ipynb")],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 1
    assert "raises.ipynb" in done.stdout and "this cell is broken on purpose" in done.stdout
