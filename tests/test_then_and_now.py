""""Then and now": its file (FILE:LINE problems), the matching session and its journal records, the
view, and the portfolio."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from casebook.errors import VignetteError
from casebook.export import portfolio
from casebook.kinds.then_and_now.data import MatchSession, load_then_and_now
from casebook.kinds.then_and_now.view import ThenAndNowView
from casebook.markdown import escape
from casebook.strings import t

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "notebooks" / "exercises" / "example" / "example-then-and-now.yml"

SMALL = """\
id: then-and-now
title: A small match
module: example
intro: Match them.
patterns:
  - {id: numb, now: I feel nothing., then: It turned feelings down., need: Small doses., explanation: Numbing can protect.}
  - {id: busy, now: Always busy., then: It kept feelings away., need: Rest., explanation: Busyness can protect.}
  - {id: alone, now: Never asks., then: It avoided danger., need: Safe asking., explanation: Not asking can protect.}
key_ideas: [E6, E7]
book_section: book/resistance/dissociation.md
"""


def write(tmp_path, text) -> Path:
    path = tmp_path / "then-and-now.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_example_offers_its_answers_in_a_fixed_order_that_is_not_the_files():
    exercise = load_then_and_now(EXAMPLE)
    offered = [p.id for p in exercise.offered]
    assert sorted(offered) == sorted(p.id for p in exercise.patterns) and offered != [p.id for p in exercise.patterns]
    assert offered == [p.id for p in load_then_and_now(EXAMPLE).offered]
    assert not any("wrong" in p.explanation.lower() for p in exercise.patterns)


def test_problems_are_listed_with_their_lines(tmp_path):
    bad = SMALL.replace("need: Rest., ", "").replace("intro: Match them.", "intor: Match them.")
    path = write(tmp_path, bad)
    with pytest.raises(VignetteError) as caught:
        load_then_and_now(path)
    found = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"{path}:4: ") and "did you mean 'intro'" in p for p in found), found
    assert any(p.startswith(f"{path}:7: ") and "missing 'need'" in p for p in found), found


def test_every_match_is_recorded_each_try(tmp_path, journal):
    exercise = load_then_and_now(write(tmp_path, SMALL))
    session = MatchSession(exercise, journal)
    assert session.check("numb", "busy") is False
    session.try_again("numb")
    assert session.check("numb", "numb") is True
    assert [(a.item_id, a.answer, a.outcome) for a in journal.answers()] == [("numb", "busy", "differs"),
                                                                           ("numb", "numb", "fits")]
    with pytest.raises(KeyError):
        session.check("numb", "nothing-like-it")


def test_the_view_explains_each_match_and_says_when_it_is_not_kept(tmp_path, journal):
    view = ThenAndNowView(write(tmp_path, SMALL), journal)
    pattern = view.view("busy")
    pattern.check()
    assert t("then_and_now.choose_first") in pattern.result.value
    pattern.choice.value = "alone"
    pattern.check()
    assert t("then_and_now.differs").split(".")[0] in pattern.result.value and "Rest." in pattern.result.value
    assert pattern.choice.disabled and not pattern.retry_button.disabled
    journal.close()
    other = view.view("numb")
    other.choice.value = "numb"
    other.check()
    assert t("then_and_now.not_kept", reason="").split("(")[0] in other.result.value
    assert escape(t("then_and_now.matches")) in other.result.value


def test_the_portfolio_shows_each_match_with_its_texts(tmp_path, journal):
    exercise = load_then_and_now(write(tmp_path, SMALL))
    MatchSession(exercise, journal).check("busy", "alone")
    text = portfolio(journal, [exercise])
    assert "“Always busy.” matched with “It avoided danger.”, " + t("export.quiz_differs") in text
    assert "`busy` matched with `alone`" in portfolio(journal)
