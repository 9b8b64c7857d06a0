""""Window of tolerance" as data: a client, a stressor that arrives, the window's edges on a 0-100
arousal scale, the likely course of arousal alone, and the clinician's moves, each with its likely
course; and the learner's session, plain Python, which records every move tried in the journal.
What each course does after the stressor (its outcome, its description) is derived: course.py."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casebook.exercise_file import ExerciseHead, Reader, load_fields
from casebook.journal.store import new_run_id
from casebook.kinds.window.course import outcome, zone

EXERCISE_KEYS = ("id", "title", "module", "intro", "model_note", "person", "stressor", "window", "minutes",
                 "arrives", "alone", "moves", "key_ideas", "book_section")
MOVE_KEYS = ("id", "text", "course", "feedback", "key_ideas")
MOVES = (3, 6)
POINTS = (5, 25)          # points of every course
SCALE = (0, 100)          # the arousal scale the courses and the window are drawn on
MINUTES = (5, 240)        # a session's length


@dataclass(frozen=True)
class Window(ExerciseHead):
    model_note: str             # the evidence note shown with every figure: a teaching model
    person: str
    stressor: str
    window: tuple[float, float]   # the window's lower and upper edge
    minutes: int
    arrives: int                # the index of the point where the stressor arrives
    alone: tuple[float, ...]    # the likely course without a regulating other
    moves: tuple[Move, ...]
    key_ideas: tuple[str, ...]
    book_section: str

    def move(self, move_id: str) -> Move:
        return {m.id: m for m in self.moves}[move_id]

    @property
    def shared_jolt(self) -> bool:
        """Whether the stressor's point is the same with every move as alone: the jolt itself comes
        before anything the clinician does, so what a move changes starts at the next point."""
        return all(m.course[self.arrives] == self.alone[self.arrives] for m in self.moves)

    def outcome(self, course) -> str:
        if not self.shared_jolt:
            return outcome(course, self.window, self.arrives)
        # Where the jolt left the window, a course still outside just after it stays there.
        return outcome(course, self.window, self.arrives + 1, carried=zone(self.alone[self.arrives], self.window))


@dataclass(frozen=True)
class Move:
    id: str
    text: str                   # what the clinician does
    course: tuple[float, ...]   # likely arousal with this move, point by point
    feedback: str               # its likely effect, hedged, and what it costs
    key_ideas: tuple[str, ...]
    line: int = 0


def load_window(path) -> Window:
    """Read and check a window-of-tolerance file; raises ExerciseError listing every problem."""
    return load_fields(path, "exercise_check.what_window", EXERCISE_KEYS, _window)


def _window(reader: Reader, fields, what: str, path: Path) -> Window:
    edges = reader.numbers(fields, "window", what, *SCALE)
    if edges is not None and not (len(edges) == 2 and edges[0] < edges[1]):
        reader.problem(fields.key_lines["window"], "window_edges", what=what)
        edges = None
    reader.count(fields, "alone", what, *POINTS)
    alone = reader.numbers(fields, "alone", what, *SCALE)
    alone = alone if alone is not None and POINTS[0] <= len(alone) <= POINTS[1] else None
    last = len(alone) - 2 if alone else POINTS[1] - 2   # a point before the stressor and one after it
    arrives = reader.number(fields, "arrives", what, 1, last, whole=True)

    def move(entry, entry_what: str, line: int) -> Move:
        course = reader.numbers(entry, "course", entry_what, *SCALE)
        if course is not None and alone is not None:
            _same_start(reader, entry, entry_what, course, alone, arrives)
        return Move(id=reader.ident(entry, "id", entry_what), text=reader.text(entry, "text", entry_what),
                    course=course or (), feedback=reader.text(entry, "feedback", entry_what),
                    key_ideas=reader.ideas(entry, "key_ideas", entry_what), line=line)
    moves = reader.entries(fields, "moves", what, MOVES, "exercise_check.what_move", MOVE_KEYS, move)
    return Window(**reader.head(fields, what, path), model_note=reader.text(fields, "model_note", what), person=reader.text(fields, "person", what),
                  stressor=reader.text(fields, "stressor", what), window=edges or SCALE,
                  minutes=reader.number(fields, "minutes", what, *MINUTES, whole=True) or 0,
                  arrives=arrives or 0, alone=alone or (), moves=moves,
                  key_ideas=reader.ideas(fields, "key_ideas", what),
                  book_section=reader.book_section(fields, "book_section", what))


def _same_start(reader: Reader, entry, what: str, course, alone, arrives: int | None) -> None:
    """A move's course has as many points as the course alone, and the same ones before the stressor."""
    if len(course) != len(alone):
        reader.problem(entry.key_lines["course"], "course_length", what=what, count=len(course), expected=len(alone))
        return
    differs = next((i for i in range(arrives or 0) if course[i] != alone[i]), None)
    if differs is not None:
        reader.problem(entry["course"].item_lines[differs], "course_start", what=what, arrives=arrives,
                       entry=differs + 1)


class WindowSession:
    """One sitting: the move the learner chose last (one at a time, beside the course alone); every
    move shown is recorded, with the outcome of its likely course."""

    def __init__(self, exercise: Window, journal=None):
        self.exercise = exercise
        self.journal = journal
        self.run_id = new_run_id()
        self.chosen: str | None = None

    def choose(self, move_id: str) -> str:
        """Choose a move; the outcome of its likely course after the stressor ("within", "above", ...)."""
        move = self.exercise.move(move_id)
        self.chosen = move_id
        found = self.exercise.outcome(move.course)
        if self.journal is not None:   # after the choice is kept here: a failed write loses nothing shown
            self.journal.add_answer(exercise_id=self.exercise.id, kind="window", run_id=self.run_id,
                                    item_id=move_id, answer=move_id, outcome=found)
        return found
