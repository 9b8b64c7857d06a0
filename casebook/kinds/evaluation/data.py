"""The course evaluation as data: statements rated on one scale and a few open questions; and the
learner's evaluation (plain Python), kept in the journal when submitted.

A submission is one run of answer rows (kind 'evaluation'): one per statement ({"rating": n,
"label": ...}, n from 1), one per open question answered ({"text": ...}), then the row 'submitted'.
It can be given again; the latest counts. The certificate asks only that one was submitted.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from casebook.exercise_file import ExerciseHead, Reader, load_fields
from casebook.journal.store import new_run_id
from casebook.portfolio_parts import runs
from casebook.strings import t

KIND = "evaluation"
SUBMITTED = "submitted"
EVALUATION_KEYS = ("id", "title", "module", "intro", "scale", "statements", "open_questions")
STATEMENT_KEYS = ("id", "text")
OPEN_KEYS = ("id", "prompt", "required")
SCALE, STATEMENTS, OPEN = (2, 7), (1, 12), (0, 6)


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    line: int = 0


@dataclass(frozen=True)
class OpenQuestion:
    id: str
    prompt: str
    required: bool = False
    line: int = 0


@dataclass(frozen=True)
class Evaluation(ExerciseHead):
    scale: tuple[str, ...]
    statements: tuple[Statement, ...]
    open_questions: tuple[OpenQuestion, ...]


def load_evaluation(path) -> Evaluation:
    """Read and check an evaluation file; raises ExerciseError listing every problem."""
    return load_fields(path, "exercise_check.what_evaluation", EVALUATION_KEYS, _evaluation,
                       required=("id", "title", "module", "intro", "scale", "statements"))


def _evaluation(reader: Reader, fields, what: str, path: Path) -> Evaluation:
    reader.count(fields, "scale", what, *SCALE)
    scale = tuple(text for _line, text in reader.texts(fields, "scale", what))

    def statement(entry, entry_what: str, line: int) -> Statement:
        return Statement(id=reader.ident(entry, "id", entry_what), text=reader.text(entry, "text", entry_what), line=line)

    def open_question(entry, entry_what: str, line: int) -> OpenQuestion:
        return OpenQuestion(id=reader.ident(entry, "id", entry_what), prompt=reader.text(entry, "prompt", entry_what),
                            required=reader.flag(entry, "required", entry_what), line=line)

    statements = reader.entries(fields, "statements", what, STATEMENTS, "exercise_check.what_statement",
                                STATEMENT_KEYS, statement)
    questions = reader.entries(fields, "open_questions", what, OPEN, "exercise_check.what_open_question",
                               OPEN_KEYS, open_question, required=("id", "prompt"))
    reader.unique(((item.line, item.id) for item in (*statements, *questions)), what)
    return Evaluation(**reader.head(fields, what, path), scale=scale, statements=statements,
                      open_questions=questions)


def submissions(journal, evaluation_id: str) -> list[list]:
    """The submitted evaluations (each the list of its answer rows), oldest first."""
    return [run for run in runs(journal.answers(evaluation_id, kind=KIND)) if run[-1].item_id == SUBMITTED]


def submitted_at(journal, evaluation_id: str) -> datetime | None:
    done = submissions(journal, evaluation_id)
    return done[-1][-1].created if done else None


class EvaluationForm:
    """The learner's ratings and answers, starting from the last submission; `submit` keeps them."""

    def __init__(self, evaluation: Evaluation, journal=None):
        self.evaluation, self.journal = evaluation, journal
        self.ratings: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        done = submissions(journal, evaluation.id) if journal is not None else []
        for row in done[-1] if done else ():
            if isinstance(row.answer, dict) and "rating" in row.answer:
                self.ratings[row.item_id] = int(row.answer["rating"])
            elif isinstance(row.answer, dict) and "text" in row.answer:
                self.texts[row.item_id] = str(row.answer["text"])

    def rate(self, statement_id: str, rating: int | None) -> None:
        if statement_id not in {s.id for s in self.evaluation.statements}:
            raise KeyError(statement_id)
        if rating is None:
            self.ratings.pop(statement_id, None)
        elif not 1 <= rating <= len(self.evaluation.scale):
            raise ValueError(f"rating {rating} is not on the scale 1-{len(self.evaluation.scale)}")
        else:
            self.ratings[statement_id] = rating

    def write(self, question_id: str, text: str) -> None:
        if question_id not in {q.id for q in self.evaluation.open_questions}:
            raise KeyError(question_id)
        self.texts[question_id] = text or ""

    def missing(self) -> list[str]:
        """What must still be given, as the learner reads it: statements unrated, required answers."""
        gaps = [s.text for s in self.evaluation.statements if s.id not in self.ratings]
        gaps += [q.prompt for q in self.evaluation.open_questions if q.required and not self.texts.get(q.id, "").strip()]
        return gaps

    def submit(self):
        """Keep the evaluation in the journal (every rating, every answer with text), then 'submitted'."""
        if self.missing():
            raise ValueError(t("evaluation.missing", count=len(self.missing())))
        if self.journal is None:
            return None
        run_id = new_run_id()
        for s in self.evaluation.statements:
            rating = self.ratings[s.id]
            self.journal.add_answer(exercise_id=self.evaluation.id, kind=KIND, run_id=run_id, item_id=s.id,
                                    answer={"rating": rating, "label": self.evaluation.scale[rating - 1]})
        for q in self.evaluation.open_questions:
            if self.texts.get(q.id, "").strip():
                self.journal.add_answer(exercise_id=self.evaluation.id, kind=KIND, run_id=run_id, item_id=q.id,
                                        answer={"text": self.texts[q.id]})
        return self.journal.add_answer(exercise_id=self.evaluation.id, kind=KIND, run_id=run_id,
                                       item_id=SUBMITTED, answer={"statements": len(self.evaluation.statements)})
