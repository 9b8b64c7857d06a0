""""Closing reflection": its file (FILE:LINE problems), the session and its journal records (versions,
nothing lost, a cleared answer kept as such), the view (privacy warning, not kept without a journal),
and the portfolio, which shows the answers under their prompts."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from casebook.errors import VignetteError
from casebook.export import portfolio
from casebook.kinds.reflection.data import ReflectionSession, load_reflection
from casebook.kinds.reflection.view import ReflectionView
from casebook.strings import t

ROOT = Path(__file__).resolve().parents[1]
COURSE = sorted((ROOT / "notebooks" / "exercises").glob("*/*-reflection.yml"))

SMALL = """\
id: small-reflection
title: A small reflection
module: example
intro: Take a moment.
prompts:
  - {id: pull, text: What pulled at you?}
  - {id: next, text: What will you try next time?}
key_ideas: [C9]
book_section: book/resistance/signpost.md
"""


def write(tmp_path, text) -> Path:
    path = tmp_path / "small-reflection.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_every_module_after_the_first_closes_with_a_reflection_that_loads():
    assert {p.parent.name for p in COURSE} >= {"closeness", "regulation"}
    for path in COURSE:
        assert load_reflection(path).prompts


def test_problems_are_listed_with_their_lines(tmp_path):
    bad = SMALL.replace("  - {id: next, text: What will you try next time?}\n", "  - {id: pull, txt: Again?}\n")
    with pytest.raises(VignetteError) as caught:
        load_reflection(write(tmp_path, bad))
    found = [str(p).split(":", 1)[1] for p in caught.value.problems]
    assert any(p.startswith("7: ") and "did you mean 'text'" in p for p in found), found
    assert any(p.startswith("7: ") and "'pull' is used twice" in p for p in found), found


def test_answers_are_kept_as_versions_and_come_back_next_time(tmp_path, journal):
    reflection = load_reflection(write(tmp_path, SMALL))
    session = ReflectionSession(reflection, journal)
    session.write("pull", "The urge to fix it.")
    assert [r.text for r in session.save()] == ["The urge to fix it."]
    session.write("pull", "The urge to fix it, and to be liked.")
    session.save()
    again = ReflectionSession(reflection, journal)
    assert again.drafts == {"pull": "The urge to fix it, and to be liked."}
    assert journal.reflection(reflection.id, "What pulled at you?").edits == 1
    again.write("pull", "")
    assert [r.text for r in again.save()] == [""]          # clearing an answer is kept too
    with pytest.raises(KeyError):
        again.write("nowhere", "x")


def test_the_view_warns_about_identifying_details_and_says_when_nothing_is_kept(tmp_path, journal):
    view = ReflectionView(write(tmp_path, SMALL), journal)
    view.boxes["next"].value = "Ring Mrs Jansen on 06 12345678 before Friday."
    view.save()
    assert view.warnings.value and t("reflection.saved").split(".")[0] in view.status.value
    unkept = ReflectionView(write(tmp_path, SMALL))
    unkept.boxes["pull"].value = "Something."
    unkept.save()
    assert t("reflection.not_kept_at_all").split(";")[0] in unkept.status.value


def test_the_portfolio_shows_each_answer_under_its_prompt(tmp_path, journal):
    reflection = load_reflection(write(tmp_path, SMALL))
    session = ReflectionSession(reflection, journal)
    session.write("next", "Offer the chair by the door.")
    session.save()
    text = portfolio(journal, [reflection])
    assert "What will you try next time?" in text and "Offer the chair by the door." in text
