""""Then and now" as data: adult patterns ("I feel nothing", working until exhausted) to match with
the protective job they once had, each with the need it still serves and an explanation; and the
learner's session, plain Python, which records every match in the journal (each try)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from casebook.exercise_file import Reader, load_exercise
from casebook.journal.store import new_run_id
from casebook.strings import t

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
class ThenAndNow:
    id: str
    title: str
    module: str
    intro: str
    patterns: tuple[Pattern, ...]
    key_ideas: tuple[str, ...]
    book_section: str
    source: Path | None = field(default=None, compare=False)

    def pattern(self, pattern_id: str) -> Pattern:
        for p in self.patterns:
            if p.id == pattern_id:
                return p
        raise KeyError(pattern_id)

    @property
    def offered(self) -> tuple[Pattern, ...]:
        """The 'then' texts in the order offered: not the file's order (that would give the
        answers away), but a fixed one, so a learner who comes back finds them where they were."""
        return tuple(sorted(self.patterns, key=lambda p: hashlib.sha256(f"{self.id}/{p.id}".encode()).hexdigest()))


def load_then_and_now(path) -> ThenAndNow:
    """Read and check a then-and-now file; raises ExerciseError listing every problem."""
    return load_exercise(path, _exercise)


def _exercise(reader: Reader, data, path: Path) -> ThenAndNow | None:
    what = t("exercise_check.what_then_and_now")
    fields = reader.mapping(data, 1, what, EXERCISE_KEYS, EXERCISE_KEYS)
    if fields is None:
        return None
    ex_id = reader.file_id(fields, what, path)
    reader.count(fields, "patterns", what, *PATTERNS)
    patterns = [_pattern(reader, line, node, n)
                for n, (line, node) in enumerate(reader.items(fields, "patterns", what), 1)]
    reader.unique(((p.line, p.id) for p in patterns if p), what)
    return ThenAndNow(id=ex_id, title=reader.text(fields, "title", what), module=reader.ident(fields, "module", what),
                      intro=reader.text(fields, "intro", what), patterns=tuple(p for p in patterns if p),
                      key_ideas=reader.ideas(fields, "key_ideas", what),
                      book_section=reader.book_section(fields, "book_section", what), source=path)


def _pattern(reader: Reader, line: int, data, number: int) -> Pattern | None:
    what = t("exercise_check.what_pattern", number=number)
    fields = reader.mapping(data, line, what, PATTERN_KEYS, PATTERN_KEYS)
    if fields is None:
        return None
    return Pattern(id=reader.ident(fields, "id", what), now=reader.text(fields, "now", what),
                   then=reader.text(fields, "then", what), need=reader.text(fields, "need", what),
                   explanation=reader.text(fields, "explanation", what), line=line)


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
