"""The registry of content kinds: every course file is read as its kind, and the code that handles
content in general (checker, coverage, command line, book extension) names no kind, so that a new
kind is added in its own package alone."""
from __future__ import annotations

import inspect
import re
import textwrap
from pathlib import Path

import pytest

from casebook.authoring.checker import check_paths
from casebook.kinds import registry
from casebook.kinds.registry import KINDS, kind_named, kind_of

ROOT = Path(__file__).resolve().parents[1]
COURSE_FILES = sorted((ROOT / "notebooks").glob("*/*/*.yml"))
SHARED = ["casebook/authoring/checker.py", "casebook/authoring/coverage.py", "casebook/cli.py",
          "book/_ext/keyideas.py"]


def test_each_kind_has_its_own_name_marker_and_a_view_that_imports():
    assert len({k.name for k in KINDS}) == len({k.marker for k in KINDS}) == len(KINDS) >= 3
    for kind in KINDS:
        assert inspect.isclass(kind.view_class()), kind.name
        assert kind.column in {"practised", "checked"}


@pytest.mark.parametrize("path", COURSE_FILES, ids=lambda p: p.stem)
def test_every_course_file_is_read_as_its_kind_and_is_valid(path):
    kind = kind_of(path)
    assert path.parent.parent.name == ("vignettes" if kind.name == "vignette" else "exercises")
    examined = kind.examine(path)
    assert examined.problems == () and examined.item is not None and examined.kind == kind.name


def test_the_checker_checks_a_mixed_folder_each_file_as_its_kind(tmp_path):
    """Before the registry, a knowledge check was read as a broken vignette ("unknown key 'questions'")."""
    folder = tmp_path / "notebooks" / "exercises" / "resistance"
    folder.mkdir(parents=True)
    quiz = (ROOT / "notebooks" / "exercises" / "resistance" / "knowledge-check.yml").read_text(encoding="utf-8")
    (folder / "knowledge-check.yml").write_text(quiz, encoding="utf-8")
    assert check_paths([folder]) == []
    broken = quiz.replace("    prompt: >", "    promt: >", 1)
    (folder / "knowledge-check.yml").write_text(broken, encoding="utf-8")
    problems = check_paths([folder])
    line = broken.splitlines().index("    promt: >") + 1
    assert {Path(p.file).name for p in problems} == {"knowledge-check.yml"}
    assert any(p.line == line and "did you mean 'prompt'" in p.message for p in problems), problems
    assert not any("vignette" in p.message for p in problems), problems


def test_a_file_is_told_by_its_top_level_marker_not_by_words_in_its_texts(tmp_path):
    path = tmp_path / "v.yml"
    path.write_text(textwrap.dedent("""\
        id: v
        scenes:
          - id: a
            text: >
              questions: she asks many
        """), encoding="utf-8")
    assert kind_of(path).name == "vignette"
    path.write_text("id: q\nquestions: []\n", encoding="utf-8")
    assert kind_of(path) is kind_named("quiz")


@pytest.mark.parametrize("shared", SHARED)
def test_shared_code_names_no_kind(shared):
    source = (ROOT / shared).read_text(encoding="utf-8")
    packages = "|".join(k.name for k in KINDS)
    assert not re.search(rf"casebook\.kinds\.({packages})\b", source), f"{shared} imports a kind directly"
    if "/authoring/" in shared:   # the two that handle every kind find them through the registry
        assert "casebook.kinds.registry" in source
    assert registry.DEFAULT in KINDS


def test_the_whole_course_checks_clean_with_one_id_per_file():
    """`check notebooks/` as a trainer runs it: every file valid, and no two files share an id (the
    journal keeps what a learner did by id, so two modules' knowledge checks must not both be
    'knowledge-check')."""
    assert check_paths([ROOT / "notebooks"]) == []
    ids = [kind_of(p).examine(p).id for p in COURSE_FILES]
    assert len(ids) == len(set(ids)) >= 10
