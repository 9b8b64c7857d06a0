"""Key-idea coverage: every idea of every module is taught, practised and checked somewhere.

The first test reads the real sources (chapter Markdown, vignette YAML, exercise YAML) with
casebook.authoring.coverage, the code the book's {keyidea-coverage} table uses. The others show that the
computation and the Sphinx extension can tell a gap from a place, including after an edit.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casebook.authoring import coverage
from casebook.strings import t

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("module", ["resistance", "closeness", "regulation"])
def test_every_key_idea_of_every_module_is_taught_practised_and_checked(module):
    table, problems = coverage.coverage(ROOT, module)
    assert not problems, "files the coverage table cannot read:\n" + "\n".join(map(str, problems))
    gaps = coverage.gaps(table)
    assert not gaps, "key ideas without a place (add a {keyidea} marker, a vignette/choice tag or a " \
                     "knowledge-check question):\n" + "\n".join(f"  {col}: {', '.join(ideas)}"
                                                            for col, ideas in gaps.items())


# -- a small course of our own, to see gaps and places told apart ------------------------------------

CHAPTER = """\
# The idea

{keyidea}`R1` Taught here, and again below.

```{note}
{keyidea}`R4` Inside a note directive: this counts.
```

```text
{keyidea}`R2` Inside a literal code block: this does not count.
```

{keyidea}`R1` The second mark of R1 on this page.
"""

VIGNETTE = """\
id: small
title: A small vignette
module: resistance
key_ideas: [R1]
scenes:
  - id: opening
    choices:
      - id: push
        key_ideas: [R9]
      - id: wait
        key_ideas: [R10, R9]
"""

QUIZ = """\
id: knowledge-check
title: Small check
module: resistance
intro: One question.
questions:
  - id: only
    kind: single
    prompt: Which?
    key_ideas: [R4]
    book_section: book/resistance/idea.md
    options:
      - {id: a, text: A, fits: true, explanation: Because.}
      - {id: b, text: B, fits: false, explanation: Likely effect.}
"""


def small_course(root: Path) -> Path:
    for path, text in {"book/resistance/idea.md": CHAPTER,
                       "notebooks/vignettes/resistance/small.yml": VIGNETTE,
                       "notebooks/exercises/resistance/knowledge-check.yml": QUIZ}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def test_markers_in_literal_code_blocks_do_not_count():
    assert coverage.markers_in(CHAPTER) == ["R1", "R4", "R1"]
    nested = "````{admonition} A\n{keyidea}`R2`\n```python\n{keyidea}`R3`\n```\n{keyidea}`R5`\n````\n" \
             "after {keyidea}`R7`\n"
    assert coverage.markers_in(nested) == ["R2", "R5", "R7"]


def test_rows_place_each_tag_in_its_column_and_report_the_gaps(tmp_path):
    table, problems = coverage.coverage(small_course(tmp_path), "resistance")
    assert not problems
    rows = {row.idea: row for row in table}
    assert [p.anchor for p in rows["R1"].taught] == ["keyidea-r1", "keyidea-r1-2"]
    assert rows["R1"].taught[0].label == "The idea"
    assert [p.detail for p in rows["R9"].practised] == ["opening/push, opening/wait"]
    assert [p.detail for p in rows["R4"].checked] == ["only"]
    gaps = coverage.gaps(table)
    assert "R2" in gaps["taught"] and "R1" not in gaps["taught"]
    assert gaps["practised"][:3] == ["R2", "R3", "R4"] and "R9" not in gaps["practised"]
    assert "R4" not in gaps["checked"] and "R1" in gaps["checked"]
    assert len(table) == 12


def test_a_complete_course_has_no_gaps(tmp_path):
    root = small_course(tmp_path)
    every = ", ".join(f"R{n}" for n in range(1, 13))
    (root / "book/resistance/idea.md").write_text(
        "# All\n\n" + " ".join(f"{{keyidea}}`R{n}`" for n in range(1, 13)) + "\n", encoding="utf-8")
    (root / "notebooks/vignettes/resistance/small.yml").write_text(
        VIGNETTE.replace("key_ideas: [R1]", f"key_ideas: [{every}]"), encoding="utf-8")
    (root / "notebooks/exercises/resistance/knowledge-check.yml").write_text(
        QUIZ.replace("key_ideas: [R4]", f"key_ideas: [{every}]"), encoding="utf-8")
    table, problems = coverage.coverage(root, "resistance")
    assert not problems and coverage.gaps(table) == {}


def test_an_unreadable_exercise_file_is_a_problem_not_a_crash(tmp_path):
    root = small_course(tmp_path)
    (root / "notebooks/exercises/resistance/knowledge-check.yml").write_text(
        QUIZ.replace("kind: single", "kind: sometimes"), encoding="utf-8")
    table, problems = coverage.coverage(root, "resistance")
    assert problems and all(row.checked == () for row in table)


# -- the Sphinx extension, in a real (small) build ---------------------------------------------------------

CONF = f"""\
import sys
sys.path.insert(0, {str(ROOT / "book" / "_ext")!r})
extensions = ["myst_parser", "keyideas"]
exclude_patterns = ["_build", "notebooks"]
"""

INDEX = """\
# Small course

```{toctree}
book/resistance/idea
book/resistance/more
book/facilitators/coverage
page3
page4
page5
```
"""

COVERAGE_PAGE = """\
# Coverage

```{keyidea-coverage}
:module: resistance
```
"""


def sphinx_build(src: Path, out: Path, *extra: str) -> str:
    done = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", *extra, str(src), str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stderr


@pytest.fixture(scope="module")
def small_book(tmp_path_factory):
    src = small_course(tmp_path_factory.mktemp("small-book"))
    pages = {"conf.py": CONF, "index.md": INDEX, "book/facilitators/coverage.md": COVERAGE_PAGE,
             "book/resistance/more.md": "# More\n\n{keyidea}`R6` Felt safety.\n",
             **{f"page{n}.md": f"# Page {n}\n\nText.\n" for n in (3, 4, 5)}}
    for path, text in pages.items():
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_text(text, encoding="utf-8")
    out = src / "_build" / "html"
    # More than five documents and -j 2: Sphinx reads in parallel, so env merging is exercised.
    warnings = sphinx_build(src, out, "-j", "2")
    return src, out, warnings


def test_the_badge_names_the_idea_with_its_summary_and_an_anchor(small_book):
    _src, out, warnings = small_book
    assert "WARNING" not in warnings, warnings
    html = (out / "book/resistance/idea.html").read_text(encoding="utf-8")
    summary = coverage.ideas_of("resistance")["R1"]
    assert f'<span class="keyidea" id="keyidea-r1" title="{summary}">{t("coverage.badge", idea="R1")}' in html
    assert "R1" not in html.split('id="keyidea-r1"', 1)[1].split("</span></span>", 1)[0]   # no code for the learner
    assert 'id="keyidea-r1-2"' in html and f'<span class="keyidea-sr">: {summary}</span>' in html
    assert "keyideas.css" in html and (out / "_static" / "keyideas.css").is_file()


def test_the_table_links_taught_places_and_says_what_is_missing(small_book):
    _src, out, _warnings = small_book
    html = (out / "book/facilitators/coverage.html").read_text(encoding="utf-8")
    assert 'href="../resistance/idea.html#keyidea-r1"' in html
    assert 'href="../resistance/idea.html#keyidea-r1-2"' in html
    assert 'href="../resistance/more.html#keyidea-r6"' in html     # a page read in another process
    r9 = html.split('id="coverage-r9"')[1].split("</tr>")[0]
    assert "A small vignette" in r9 and "opening/push," in r9 and "opening/wait" in r9
    row = html.split('id="coverage-r2"')[1].split("</tr>")[0]
    for col in coverage.COLUMNS:
        assert t(f"coverage.missing_{col}") in row


def test_an_edit_shows_in_the_table_after_an_incremental_build(small_book):
    src, out, _warnings = small_book
    (src / "book/resistance/more.md").write_text("# More\n\n{keyidea}`R7` Protective parts.\n", encoding="utf-8")
    (src / "notebooks/vignettes/resistance/small.yml").write_text(
        VIGNETTE.replace("key_ideas: [R10, R9]", "key_ideas: [R12]"), encoding="utf-8")
    sphinx_build(src, out)
    html = (out / "book/facilitators/coverage.html").read_text(encoding="utf-8")
    assert "more.html#keyidea-r7" in html and "more.html#keyidea-r6" not in html
    r10 = html.split('id="coverage-r10"')[1].split("</tr>")[0]
    assert t("coverage.missing_practised") in r10
    assert "opening/wait" in html.split('id="coverage-r12"')[1].split("</tr>")[0]


def test_a_build_with_nothing_changed_rewrites_no_page_and_a_new_file_or_marker_still_shows(small_book):
    """The table is re-read when a file it reads changes or a file is added, and rewritten when a
    chapter's markers change; with nothing changed, no page is written again."""
    import time
    src, out, _warnings = small_book
    table = out / "book/facilitators/coverage.html"
    sphinx_build(src, out)                       # settle after the previous test's edits
    written = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    time.sleep(0.05)
    sphinx_build(src, out)
    rewritten = [str(p.relative_to(out)) for p, before in written.items() if p.stat().st_mtime_ns != before]
    # No page of the book is written again (Sphinx may still refresh its own search and index pages).
    assert not set(rewritten) - {"genindex.html", "search.html"}, rewritten
    # A new vignette, no existing file touched: the folder's time changes, the table is read again.
    (src / "notebooks/vignettes/resistance/another.yml").write_text(
        VIGNETTE.replace("id: small", "id: another").replace("title: A small vignette", "title: Another vignette")
        .replace("key_ideas: [R10, R9]", "key_ideas: [R11]"), encoding="utf-8")
    sphinx_build(src, out)
    assert "Another vignette" in table.read_text(encoding="utf-8").split('id="coverage-r11"')[1].split("</tr>")[0]
    # A marker moved in a chapter, nothing else: the table is written again with it.
    (src / "book/resistance/more.md").write_text("# More\n\n{keyidea}`R8` The nervous system.\n", encoding="utf-8")
    sphinx_build(src, out)
    assert "more.html#keyidea-r8" in table.read_text(encoding="utf-8")


def test_an_unknown_idea_is_a_warning_with_its_place(tmp_path):
    src = tmp_path
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text("# Index\n\n{keyidea}`R99` No such idea.\n", encoding="utf-8")
    warnings = sphinx_build(src, src / "_build")
    assert "index.md:3" in warnings and "unknown key idea 'R99'" in warnings
