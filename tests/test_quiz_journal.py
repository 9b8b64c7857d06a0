"""The knowledge check keeps every answer in the journal, each try under its sitting, and the
portfolio shows them; without a journal, or when writing fails, the learner is told."""
from __future__ import annotations

import textwrap

import pytest

from casebook.export import portfolio
from casebook.kinds.quiz.data import load_quiz
from casebook.kinds.quiz.view import KnowledgeCheck
from casebook.strings import t
from test_quiz import GOOD, QUIZ


@pytest.fixture
def quiz(tmp_path):
    path = tmp_path / "knowledge-check.yml"
    path.write_text(textwrap.dedent(GOOD), encoding="utf-8")
    return load_quiz(path)


def test_every_check_is_kept_each_try_under_one_sitting(quiz, journal):
    check = KnowledgeCheck(quiz, journal)
    view = check.view("one")
    view.choose("b")
    view.check()
    view.try_again()
    view.choose("a")
    view.check()
    check.view("two").choose("x", "y")
    check.view("two").check()
    answers = journal.answers("knowledge-check")
    assert [(a.item_id, a.answer, a.outcome) for a in answers] == [
        ("one", ["b"], "differs"), ("one", ["a"], "fits"), ("two", ["x", "y"], "fits")]
    assert {a.run_id for a in answers} == {check.attempt.run_id} and all(a.kind == "quiz" for a in answers)
    later = KnowledgeCheck(quiz, journal)           # the next sitting: its own run
    later.view("one").choose("a")
    later.view("one").check()
    assert len({a.run_id for a in journal.answers("knowledge-check")}) == 2
    assert t("quiz.self_check") in check._root.children[1].value


def test_without_a_journal_nothing_is_kept_and_the_intro_says_so(quiz):
    check = KnowledgeCheck(quiz)
    assert t("quiz.self_check_no_journal") in check._root.children[1].value
    check.view("one").choose("a")
    check.view("one").check()
    assert check.attempt.answer("one") == frozenset({"a"})


def test_a_journal_that_cannot_be_written_still_shows_the_explanations(quiz, journal):
    check = KnowledgeCheck(quiz, journal)
    journal.close()
    view = check.view("one")
    view.choose("b")
    view.check()
    assert t("quiz.not_kept", reason="").split("(")[0] in view.result.value
    assert t("quiz.differs") in view.result.value and check.attempt.answer("one") == frozenset({"b"})


def test_the_portfolio_shows_each_sitting_with_the_question_and_the_answer(quiz, journal):
    check = KnowledgeCheck(quiz, journal)
    check.view("one").choose("b")
    check.view("one").check()
    check.view("one").try_again()
    check.view("one").choose("a")
    check.view("one").check()
    text = portfolio(journal, [quiz])
    section = text.split("## A small check", 1)[1]
    assert t("export.quiz_sitting", number=1, date="").split(",")[0] in section
    assert "Question 1 (Which fits?): “Another one”, " + t("export.quiz_differs") in section
    assert "Question 1 (Which fits?): “The fitting one”, " + t("export.quiz_fits") in section
    assert section.index("Another one") < section.index("The fitting one")
    bare = portfolio(journal, [])                   # without the quiz at hand, the ids stand in
    assert "`knowledge-check`" in bare and "`one`: `b`" in bare


def test_the_module_knowledge_check_records_in_the_notebook_too(journal):
    """The notebook passes its journal: the course's own check is one that keeps answers."""
    import json
    notebook = json.loads((QUIZ.parents[2] / "01-resistance.ipynb").read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    assert any(c.startswith("KnowledgeCheck(") and c.rstrip().endswith(", journal)") for c in cells)


def test_answers_can_be_read_by_exercise_and_by_kind(journal):
    for exercise, kind in (("knowledge-check", "quiz"), ("then-and-now", "then_and_now"), ("other-check", "quiz")):
        journal.add_answer(exercise_id=exercise, kind=kind, run_id="r", item_id="q", answer=["a"])
    assert [a.exercise_id for a in journal.answers(kind="quiz")] == ["knowledge-check", "other-check"]
    assert [a.kind for a in journal.answers("then-and-now")] == ["then_and_now"]
    assert journal.answers("then-and-now", kind="quiz") == [] and len(journal.answers()) == 3
