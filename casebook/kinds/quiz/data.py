"""The knowledge check as data: loading, checking and comparing an answer with the course's reading.

Plain Python without widgets, so the coverage page and tests can read a quiz file cheaply.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casebook.exercise_file import ExerciseHead, Reader, load_fields
from casebook.journal.store import new_run_id
from casebook.strings import t

KINDS = ("single", "multiple")
QUIZ_KEYS = ("id", "title", "module", "intro", "questions")
QUESTION_KEYS = ("id", "kind", "scenario", "prompt", "key_ideas", "book_section", "options")
OPTION_KEYS = ("id", "text", "fits", "explanation")


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    fits: bool
    explanation: str
    line: int = 0


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    prompt: str
    options: tuple[Option, ...]
    key_ideas: tuple[str, ...]
    book_section: str
    scenario: str = ""
    line: int = 0

    @property
    def best(self) -> frozenset[str]:
        """The ids of the options that fit the course's reading."""
        return frozenset(o.id for o in self.options if o.fits)


@dataclass(frozen=True)
class Quiz(ExerciseHead):
    questions: tuple[Question, ...]


def matches(question: Question, chosen) -> bool:
    """Whether the chosen option ids are exactly the ones that fit best (all of them, no others)."""
    return frozenset(chosen) == question.best


def load_quiz(path) -> Quiz:
    """Read and check a knowledge-check file; raises ExerciseError listing every problem."""
    return load_fields(path, "exercise_check.what_quiz", QUIZ_KEYS, _quiz)


def _quiz(reader: Reader, fields, what: str, path: Path) -> Quiz:
    head = reader.head(fields, what, path)
    items = reader.items(fields, "questions", what)
    if "questions" in fields and isinstance(fields["questions"], list) and not items:
        reader.problem(fields.key_lines["questions"], "empty_list", what=what, field="questions")
    questions = [read_question(reader, line, node, n) for n, (line, node) in enumerate(items, 1)]
    reader.unique(((q.line, q.id) for q in questions if q), what)
    return Quiz(**head, questions=tuple(q for q in questions if q))


def read_question(reader: Reader, line: int, data, number: int) -> Question | None:
    what = t("exercise_check.what_question", number=number)
    fields = reader.mapping(data, line, what, QUESTION_KEYS,
                            ("id", "kind", "prompt", "key_ideas", "book_section", "options"))
    if fields is None:
        return None
    kind = reader.text(fields, "kind", what)
    if kind and kind not in KINDS:
        reader.problem(fields.key_lines["kind"], "bad_kind", what=what, kind=kind)
    reader.count(fields, "options", what, 2, 5)
    options = [_option(reader, o_line, node, number, i) for i, (o_line, node) in
               enumerate(reader.items(fields, "options", what), 1)]
    options = [o for o in options if o]
    reader.unique(((o.line, o.id) for o in options), what)
    fitting = sum(o.fits for o in options)
    if options and kind == "single" and fitting != 1:
        reader.problem(fields.key_lines["options"], "single_fits", what=what, count=fitting)
    if options and kind == "multiple" and fitting == 0:
        reader.problem(fields.key_lines["options"], "none_fits", what=what)
    return Question(id=reader.ident(fields, "id", what), kind=kind, prompt=reader.text(fields, "prompt", what),
                    options=tuple(options), key_ideas=reader.ideas(fields, "key_ideas", what),
                    book_section=reader.book_section(fields, "book_section", what),
                    scenario=reader.text(fields, "scenario", what, required=False), line=line)


def _option(reader: Reader, line: int, data, question: int, number: int) -> Option | None:
    what = t("exercise_check.what_option", number=question, option=number)
    fields = reader.mapping(data, line, what, OPTION_KEYS, OPTION_KEYS)
    if fields is None:
        return None
    return Option(id=reader.ident(fields, "id", what), text=reader.text(fields, "text", what),
                  fits=reader.flag(fields, "fits", what), explanation=reader.text(fields, "explanation", what),
                  line=line)


class Attempt:
    """One learner's way through a knowledge check: which questions were checked, with what answer.

    Plain Python (no widgets) so the logic can be tested directly; `KnowledgeCheck` only shows it.
    With a journal, every check is recorded (each try, not only the last), under one run id for
    this sitting.
    """

    def __init__(self, quiz: Quiz, journal=None):
        self.quiz = quiz
        self.journal = journal
        self.run_id = new_run_id()
        self._answers: dict[str, frozenset[str]] = {}

    def question(self, question_id: str) -> Question:
        for q in self.quiz.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def check(self, question_id: str, chosen) -> bool:
        """Keep the answer to a question; True when it matches the course's reading."""
        question = self.question(question_id)
        chosen = frozenset(chosen)
        unknown = chosen - {o.id for o in question.options}
        if not chosen or unknown or (question.kind == "single" and len(chosen) != 1):
            raise ValueError(f"not an answer to {question_id}: {sorted(chosen)}")
        self._answers[question_id] = chosen
        fits = matches(question, chosen)
        if self.journal is not None:   # after the answer is kept here: a failed write loses nothing shown
            self.journal.add_answer(exercise_id=self.quiz.id, kind="quiz", run_id=self.run_id,
                                    item_id=question_id, answer=sorted(chosen),
                                    outcome="fits" if fits else "differs")
        return fits

    def reset(self, question_id: str) -> None:
        self.question(question_id)
        self._answers.pop(question_id, None)

    def answer(self, question_id: str) -> frozenset[str] | None:
        return self._answers.get(question_id)

    @property
    def checked(self) -> int:
        return len(self._answers)

    @property
    def matched(self) -> int:
        return sum(matches(self.question(qid), chosen) for qid, chosen in self._answers.items())

    @property
    def complete(self) -> bool:
        return self.checked == len(self.quiz.questions)

    def to_review(self) -> list[str]:
        """Book sections of the checked questions that differed from the course's reading, once each,
        in question order."""
        sections = []
        for q in self.quiz.questions:
            chosen = self._answers.get(q.id)
            if chosen is not None and not matches(q, chosen) and q.book_section not in sections:
                sections.append(q.book_section)
        return sections
