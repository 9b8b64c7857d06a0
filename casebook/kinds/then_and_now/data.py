""""Then and now" as data: adult patterns ("I feel nothing", working until exhausted) to match with
the protective job they once had, each with the need it still serves and an explanation; and the
learner's session, plain Python, which records every match in the journal (each try)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from casebook.exercise_file import ExerciseHead, Reader, load_fields
from casebook.journal.store import new_run_id

EXERCISE_KEYS = ("id", "title", "module", "intro", "patterns", "key_ideas", "book_section")
PATTERN_KEYS = ("id", "now", "then", "need", "explanation")
PATTERNS = (3, 8)


@dataclass(frozen=True)
class Pattern:
    id: str
    now: str           # the adult pattern, as a clinician meets it
    then: str          # the protective job it once had (what the learner matches)
    need: str          # the need it still serves
    explanation: str
    line: int = 0


@dataclass(frozen=True)
class ThenAndNow(ExerciseHead):
    patterns: tuple[Pattern, ...]
    key_ideas: tuple[str, ...]
    book_section: str

    def pattern(self, pattern_id: str) -> Pattern:
        return {p.id: p for p in self.patterns}[pattern_id]

    @property
    def offered(self) -> tuple[Pattern, ...]:
        """The 'then' texts in the order offered: not the file's order (that would give the
        answers away), but a fixed one, so a learner who comes back finds them where they were."""
        return tuple(sorted(self.patterns, key=lambda p: hashlib.sha256(f"{self.id}/{p.id}".encode()).hexdigest()))


def load_then_and_now(path) -> ThenAndNow:
    """Read and check a then-and-now file; raises ExerciseError listing every problem."""
    return load_fields(path, "exercise_check.what_then_and_now", EXERCISE_KEYS, _exercise)


def _exercise(reader: Reader, fields, what: str, path: Path) -> ThenAndNow:
    head = reader.head(fields, what, path)

    def pattern(entry, entry_what: str, line: int) -> Pattern:
        return Pattern(id=reader.ident(entry, "id", entry_what), now=reader.text(entry, "now", entry_what),
                       then=reader.text(entry, "then", entry_what), need=reader.text(entry, "need", entry_what),
                       explanation=reader.text(entry, "explanation", entry_what), line=line)
    patterns = reader.entries(fields, "patterns", what, PATTERNS, "exercise_check.what_pattern", PATTERN_KEYS, pattern)
    return ThenAndNow(**head, patterns=patterns, key_ideas=reader.ideas(fields, "key_ideas", what),
                      book_section=reader.book_section(fields, "book_section", what))


class MatchSession:
    """One sitting: which 'then' the learner matched to each pattern; every check is recorded."""

    def __init__(self, exercise: ThenAndNow, journal=None):
        self.exercise = exercise
        self.journal = journal
        self.run_id = new_run_id()
        self._matched: dict[str, str] = {}

    def check(self, pattern_id: str, then_id: str) -> bool:
        """Keep the learner's match for a pattern; True when it is the course's reading."""
        self.exercise.pattern(pattern_id)
        self.exercise.pattern(then_id)      # the 'then' offered is named by its pattern's id
        self._matched[pattern_id] = then_id
        fits = pattern_id == then_id
        if self.journal is not None:   # after the match is kept here: a failed write loses nothing shown
            self.journal.add_answer(exercise_id=self.exercise.id, kind="then_and_now", run_id=self.run_id,
                                    item_id=pattern_id, answer=then_id, outcome="fits" if fits else "differs")
        return fits

    def try_again(self, pattern_id: str) -> None:
        self.exercise.pattern(pattern_id)
        self._matched.pop(pattern_id, None)

    def matched(self, pattern_id: str) -> str | None:
        return self._matched.get(pattern_id)

    @property
    def done(self) -> int:
        return len(self._matched)
