"""The final assessment: its file (FILE:LINE problems, the pass mark), an attempt (a new order on every
retake, nothing scored before submitting, every attempt kept), the view (explanations only after
submitting, the score worded as no verdict), the portfolio's history, and the course's own file."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from casebook.errors import VignetteError
from casebook.export import portfolio
from casebook.kinds.assessment.data import Attempt, best_pass, load_assessment, results
from casebook.kinds.assessment.view import AssessmentView
from casebook.kinds.registry import kind_of
from casebook.strings import t

ROOT = Path(__file__).resolve().parents[1]
FINAL = ROOT / "notebooks" / "exercises" / "capstone" / "final-assessment.yml"


def question(n: int, kind: str = "single") -> str:
    second = "true" if kind == "multiple" else "false"
    return textwrap.dedent(f"""\
      - id: q{n}
        kind: {kind}
        prompt: Question {n}?
        key_ideas: [R4]
        book_section: book/resistance/reframe.md
        options:
          - {{id: a, text: Answer A{n}, fits: true, explanation: Why A{n} fits.}}
          - {{id: b, text: Answer B{n}, fits: {second}, explanation: What B{n} may cost.}}
          - {{id: c, text: Answer C{n}, fits: false, explanation: What C{n} may cost.}}
    """)


def write(tmp_path, count: int = 10, pass_mark="70") -> Path:
    body = "".join(textwrap.indent(question(n, "multiple" if n == 3 else "single"), "  ") for n in range(1, count + 1))
    path = tmp_path / "small-final.yml"
    path.write_text(f"id: small-final\ntitle: Small final\nmodule: example\nintro: Ten questions.\n"
                    f"pass_mark: {pass_mark}\nquestions:\n{body}", encoding="utf-8")
    return path


def answer_all(attempt: Attempt, right: int) -> None:
    """Answer the first `right` questions (in the file's order) as the course reads them, the rest not."""
    for n, q in enumerate(attempt.assessment.questions):
        attempt.answer(q.id, q.best if n < right else {"c"})


def test_the_file_is_told_by_its_pass_mark_and_problems_name_their_lines(tmp_path):
    path = write(tmp_path)
    assert kind_of(path).name == "assessment"
    with pytest.raises(VignetteError) as caught:
        load_assessment(write(tmp_path, pass_mark="170"))
    found = [str(p).split(":", 1)[1] for p in caught.value.problems]
    assert any(p.startswith("5: ") and "pass_mark" in p for p in found), found


def test_nothing_is_scored_until_every_question_is_answered_and_submitted(tmp_path, journal):
    attempt = Attempt(load_assessment(write(tmp_path)), journal)
    attempt.answer("q1", {"a"})
    with pytest.raises(ValueError, match="still open"):
        attempt.submit()
    assert journal.answers() == []


def test_the_pass_mark_is_applied_to_the_score_exactly(tmp_path, journal):
    assessment = load_assessment(write(tmp_path))
    for right, passed in ((6, False), (7, True)):
        attempt = Attempt(assessment, journal)
        answer_all(attempt, right)
        result = attempt.submit()
        assert (result.score, result.total, result.passed) == (right, 10, passed)
    kept = results(journal, "small-final")
    assert [(r.number, r.score, r.passed) for r in kept] == [(1, 6, False), (2, 7, True)]
    assert best_pass(journal, "small-final").number == 2
    # every question of every attempt is kept, with whether it matched
    per_question = [a for a in journal.answers("small-final") if a.item_id != "result"]
    assert len(per_question) == 20 and {a.outcome for a in per_question} == {"fits", "differs"}


def test_a_retake_comes_in_a_new_order(tmp_path, journal):
    assessment = load_assessment(write(tmp_path))
    orders = []
    for seed in range(4):
        attempt = Attempt(assessment, journal, seed=seed)
        orders.append(attempt.order)
        assert sorted(attempt.order) == sorted(q.id for q in assessment.questions)
        answer_all(attempt, 10)
        attempt.submit()
    assert all(before != after for before, after in zip(orders, orders[1:]))
    shuffled = Attempt(assessment, journal, seed=99)
    assert any(list(shuffled.option_order[q.id]) != [o.id for o in q.options] for q in assessment.questions)


def test_the_view_keeps_explanations_back_until_submitting(tmp_path, journal):
    view = AssessmentView(write(tmp_path), journal)
    assert not any("Why A" in v.feedback.value for v in view.views)
    view.submit()
    assert "still open" in view.status.value and view.summary.value == ""
    for q in view.attempt.questions:
        view.view(q.id).choose(*sorted(q.best))
    view.submit()
    assert "10 of 10" in view.summary.value and t("assessment.not_a_verdict") in view.summary.value.replace("&#x27;", "'")
    assert all("Why A" in v.feedback.value for v in view.views)
    assert all(v.radio is None or v.radio.disabled for v in view.views)
    first = view.attempt.order
    view.new_attempt()
    assert view.attempt.number == 2 and view.attempt.order != first
    assert "Attempt 1" in view.intro.value


def test_the_portfolio_shows_every_attempt_and_what_differed(tmp_path, journal):
    assessment = load_assessment(write(tmp_path))
    attempt = Attempt(assessment, journal)
    answer_all(attempt, 9)
    attempt.submit()
    text = portfolio(journal, [assessment])
    assert "Attempt 1" in text and "9 of 10" in text and "90 %" in text and "pass mark 70 %" in text
    assert "- Question 10?" in text and "- Question 1?" not in text


def test_the_courses_final_assessment_covers_the_three_modules():
    assessment = load_assessment(FINAL)
    assert len(assessment.questions) >= 24 and 50 <= assessment.pass_mark <= 90
    per_module = {m: 0 for m in "RCE"}
    for q in assessment.questions:
        for module in {idea[0] for idea in q.key_ideas}:
            per_module[module] += 1
        assert q.scenario and all(o.explanation for o in q.options)
    assert min(per_module.values()) >= 8, per_module
