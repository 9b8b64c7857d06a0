"""The final assessment as data: a knowledge check's questions with a pass mark, and a learner's
attempt (plain Python, no widgets).

An attempt shows every question and option in an order of its own (a retake is never the same page
again), takes all answers, and only when submitted says the score and shows the explanations: so a
retake is learning, not guessing. Each submitted attempt is kept in the journal: one answer row per
question (kind 'assessment') and one row with the result (item 'result', outcome 'passed' or
'not-passed'), under the attempt's run id.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from casebook.exercise_file import ExerciseHead, Reader, load_fields
from casebook.journal.store import new_run_id
from casebook.kinds.quiz.data import Question, matches, read_question
from casebook.strings import t

KIND = "assessment"
RESULT = "result"                     # the item id of an attempt's result row
PASSED, NOT_PASSED = "passed", "not-passed"
ASSESSMENT_KEYS = ("id", "title", "module", "intro", "pass_mark", "questions")
PASS_MARK = (1, 100)


@dataclass(frozen=True)
class Assessment(ExerciseHead):
    pass_mark: int                    # percent of questions answered as the course reads them
    questions: tuple[Question, ...]

    def passes(self, score: int, total: int | None = None) -> bool:
        total = len(self.questions) if total is None else total
        return total > 0 and score * 100 >= self.pass_mark * total


def load_assessment(path) -> Assessment:
    """Read and check an assessment file; raises ExerciseError listing every problem."""
    return load_fields(path, "exercise_check.what_assessment", ASSESSMENT_KEYS, _assessment)


def _assessment(reader: Reader, fields, what: str, path: Path) -> Assessment:
    head = reader.head(fields, what, path)
    pass_mark = reader.number(fields, "pass_mark", what, *PASS_MARK, whole=True)
    items = reader.items(fields, "questions", what)
    if "questions" in fields and isinstance(fields["questions"], list) and not items:
        reader.problem(fields.key_lines["questions"], "empty_list", what=what, field="questions")
    questions = [read_question(reader, line, node, n) for n, (line, node) in enumerate(items, 1)]
    reader.unique(((q.line, q.id) for q in questions if q), what)
    return Assessment(**head, pass_mark=pass_mark or 0, questions=tuple(q for q in questions if q))


@dataclass(frozen=True)
class Result:
    """A submitted attempt, as the journal keeps it."""
    run_id: str
    number: int                       # 1 for the first attempt
    score: int                        # questions answered as the course reads them
    total: int
    pass_mark: int
    created: datetime

    @property
    def percent(self) -> int:
        return (self.score * 100) // self.total if self.total else 0

    @property
    def passed(self) -> bool:
        return self.total > 0 and self.score * 100 >= self.pass_mark * self.total


def results(journal, assessment_id: str) -> list[Result]:
    """Every submitted attempt at the assessment, oldest first."""
    rows = [a for a in journal.answers(assessment_id, kind=KIND) if a.item_id == RESULT]
    return [Result(run_id=a.run_id, number=n, score=int(a.answer["score"]), total=int(a.answer["total"]),
                   pass_mark=int(a.answer["pass_mark"]), created=a.created)
            for n, a in enumerate(rows, start=1)]


def best_pass(journal, assessment_id: str) -> Result | None:
    """The passed attempt with the highest score (the earlier one of equals), or None."""
    passed = [r for r in results(journal, assessment_id) if r.passed]
    return max(passed, key=lambda r: (r.score / r.total, -r.number)) if passed else None


class Attempt:
    """One attempt: the questions in this attempt's order, the answers given, and the submission."""

    def __init__(self, assessment: Assessment, journal=None, seed: int | None = None):
        self.assessment = assessment
        self.journal = journal
        self.run_id = new_run_id()
        earlier = results(journal, assessment.id) if journal is not None else []
        self.number = len(earlier) + 1
        self.order, self.option_order = _new_order(assessment, seed, self._previous_order())
        self._answers: dict[str, frozenset[str]] = {}
        self.result: Result | None = None

    def _previous_order(self) -> tuple[str, ...] | None:
        if self.journal is None:
            return None
        rows = [a for a in self.journal.answers(self.assessment.id, kind=KIND) if a.item_id == RESULT]
        return tuple(rows[-1].answer.get("order", ())) if rows else None

    @property
    def questions(self) -> list[Question]:
        by_id = {q.id: q for q in self.assessment.questions}
        return [by_id[i] for i in self.order]

    def options(self, question: Question):
        by_id = {o.id: o for o in question.options}
        return [by_id[i] for i in self.option_order[question.id]]

    def answer(self, question_id: str, chosen) -> None:
        """Keep an answer (changeable until the attempt is submitted)."""
        if self.result is not None:
            raise ValueError(t("assessment.already_submitted"))
        question = {q.id: q for q in self.assessment.questions}[question_id]
        chosen = frozenset(chosen)
        if chosen - {o.id for o in question.options} or (question.kind == "single" and len(chosen) > 1):
            raise ValueError(f"not an answer to {question_id}: {sorted(chosen)}")
        if chosen:
            self._answers[question_id] = chosen
        else:
            self._answers.pop(question_id, None)

    def given(self, question_id: str) -> frozenset[str] | None:
        return self._answers.get(question_id)

    def unanswered(self) -> list[int]:
        """The numbers (in this attempt's order, from 1) of the questions not yet answered."""
        return [n for n, q in enumerate(self.questions, start=1) if q.id not in self._answers]

    def submit(self) -> Result:
        """Score the attempt and keep it in the journal: every answer, then the result."""
        if self.result is not None:
            return self.result
        missing = self.unanswered()
        if missing:
            raise ValueError(t("assessment.unanswered", numbers=", ".join(map(str, missing))))
        score = sum(matches(q, self._answers[q.id]) for q in self.questions)
        total = len(self.questions)
        created = None
        if self.journal is not None:
            for q in self.questions:
                self.journal.add_answer(exercise_id=self.assessment.id, kind=KIND, run_id=self.run_id,
                                        item_id=q.id, answer=sorted(self._answers[q.id]),
                                        outcome="fits" if matches(q, self._answers[q.id]) else "differs")
            record = self.journal.add_answer(
                exercise_id=self.assessment.id, kind=KIND, run_id=self.run_id, item_id=RESULT,
                answer={"score": score, "total": total, "pass_mark": self.assessment.pass_mark,
                        "order": list(self.order)},
                outcome=PASSED if self.assessment.passes(score, total) else NOT_PASSED)
            created = record.created
        self.result = Result(run_id=self.run_id, number=self.number, score=score, total=total,
                             pass_mark=self.assessment.pass_mark, created=created or datetime.now(timezone.utc))
        return self.result

    def matched(self, question_id: str) -> bool:
        question = {q.id: q for q in self.assessment.questions}[question_id]
        return matches(question, self._answers.get(question_id, frozenset()))


def _new_order(assessment: Assessment, seed, previous) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """Questions and each question's options in a random order; never the previous attempt's
    question order when another exists."""
    rng = random.Random(seed)
    ids = [q.id for q in assessment.questions]
    for _ in range(20):
        rng.shuffle(ids)
        if previous is None or tuple(ids) != tuple(previous) or len(ids) < 2:
            break
    options = {}
    for q in assessment.questions:
        option_ids = [o.id for o in q.options]
        rng.shuffle(option_ids)
        options[q.id] = tuple(option_ids)
    return tuple(ids), options
