"""The course evaluation: its file (FILE:LINE problems), the form (nothing kept until every statement
is rated, a new submission beside the earlier one, the last one filled in next time), the view, and the
portfolio."""
from __future__ import annotations

from pathlib import Path

import pytest

from casebook.errors import VignetteError
from casebook.export import portfolio
from casebook.kinds.evaluation.data import EvaluationForm, load_evaluation, submissions, submitted_at
from casebook.kinds.evaluation.view import EvaluationView
from casebook.kinds.registry import kind_of

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "notebooks" / "exercises" / "capstone" / "course-evaluation.yml"

SMALL = """\
id: small-evaluation
title: Evaluate
module: example
intro: How was it?
scale: [No, Partly, Yes]
statements:
  - {id: useful, text: It was useful.}
  - {id: honest, text: It was honest.}
open_questions:
  - {id: missing, prompt: What was missing?, required: true}
  - {id: other, prompt: Anything else?}
"""


def write(tmp_path, text=SMALL) -> Path:
    path = tmp_path / "small-evaluation.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_courses_evaluation_loads_and_asks_what_accrediting_bodies_ask():
    evaluation = load_evaluation(COURSE)
    assert kind_of(COURSE).name == "evaluation"
    ids = {s.id for s in evaluation.statements}
    assert {"objectives-met", "relevant-to-practice", "balanced"} <= ids
    assert any("unsafe" in q.prompt for q in evaluation.open_questions)


def test_problems_are_listed_with_their_lines(tmp_path):
    bad = SMALL.replace("scale: [No, Partly, Yes]", "scale: [Only]").replace("{id: honest, text:", "{id: useful, txt:")
    with pytest.raises(VignetteError) as caught:
        load_evaluation(write(tmp_path, bad))
    found = [str(p).split(":", 1)[1] for p in caught.value.problems]
    assert any(p.startswith("5: ") and "scale" in p for p in found), found
    assert any(p.startswith("8: ") and "did you mean 'text'" in p for p in found), found


def test_nothing_is_kept_until_every_statement_is_rated_and_required_answers_given(tmp_path, journal):
    form = EvaluationForm(load_evaluation(write(tmp_path)), journal)
    form.rate("useful", 3)
    assert form.missing() == ["It was honest.", "What was missing?"]
    with pytest.raises(ValueError):
        form.submit()
    assert journal.answers() == [] and submitted_at(journal, "small-evaluation") is None
    with pytest.raises(ValueError):
        form.rate("honest", 4)       # off the scale
    form.rate("honest", 1)
    form.write("missing", "More on groups.")
    form.submit()
    assert submitted_at(journal, "small-evaluation") is not None


def test_a_new_submission_is_kept_beside_the_earlier_and_the_last_comes_back(tmp_path, journal):
    evaluation = load_evaluation(write(tmp_path))
    for rating in (1, 3):
        form = EvaluationForm(evaluation, journal)
        form.rate("useful", rating)
        form.rate("honest", 2)
        form.write("missing", f"Answer {rating}")
        form.submit()
    assert len(submissions(journal, "small-evaluation")) == 2
    again = EvaluationForm(evaluation, journal)
    assert again.ratings == {"useful": 3, "honest": 2} and again.texts == {"missing": "Answer 3"}
    view = EvaluationView(evaluation, journal)
    assert view.ratings["useful"].value == 3 and "filled in below" in view.status.value
    text = portfolio(journal, [evaluation])
    assert "- It was useful.: **Yes**" in text and "> Answer 3" in text and "> Answer 1" not in text


def test_the_view_names_what_is_missing_and_thanks_when_kept(tmp_path, journal):
    view = EvaluationView(write(tmp_path), journal)
    view.submit()
    assert "It was honest." in view.status.value and not journal.answers()
    view.ratings["useful"].value = 1
    view.ratings["honest"].value = 2
    view.texts["missing"].value = "Nothing"
    view.submit()
    assert "Thank you" in view.status.value and submitted_at(journal, "small-evaluation")
