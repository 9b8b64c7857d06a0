"""What a learner has done, per module, from the journal and the course's content files.

Each vignette or exercise is 'done', 'started' or 'open':
- a vignette is done when a run reached an ending, started when any move was made;
- a knowledge check is done when every question was checked at least once;
- the final assessment is done when an attempt passed; the evaluation when it was submitted;
- any other exercise is done when anything of it is in the journal.
Time is the active time between recorded actions: a pause longer than IDLE is left out, so a tab
left open overnight does not count. It is an estimate, and the page says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from casebook.kinds.assessment.data import Assessment, best_pass, results
from casebook.kinds.evaluation.data import Evaluation, submitted_at
from casebook.kinds.quiz.data import Quiz
from casebook.kinds.reflection.data import Reflection
from casebook.kinds.vignette.model import Vignette

IDLE = timedelta(minutes=10)
DONE, STARTED, OPEN = "done", "started", "open"
GROUPS = ("vignettes", "exercises", "checks", "reflections")


@dataclass(frozen=True)
class ItemProgress:
    id: str
    title: str
    group: str          # one of GROUPS
    state: str          # DONE, STARTED or OPEN
    reflections: int    # reflections the learner kept on it


@dataclass(frozen=True)
class ModuleProgress:
    id: str
    title: str
    items: tuple[ItemProgress, ...]
    minutes: int

    def count(self, state: str, group: str | None = None) -> int:
        return sum(1 for i in self.items if i.state == state and (group is None or i.group == group))

    def total(self, group: str | None = None) -> int:
        return sum(1 for i in self.items if group is None or i.group == group)

    @property
    def remaining(self) -> list[ItemProgress]:
        return [i for i in self.items if i.state != DONE]


def group_of(item) -> str:
    if isinstance(item, Vignette):
        return "vignettes"
    if isinstance(item, (Quiz, Assessment)):
        return "checks"
    if isinstance(item, Reflection):
        return "reflections"
    return "exercises"


class JournalRead:
    """The journal read once: every step, answer and reflection, then asked like the journal itself
    (choices, answers, reflections by exercise), so that a page of forty items does not read the
    file forty times (in the browser each read reloads the whole file)."""

    def __init__(self, journal):
        self._steps = journal.steps()
        self._answers = journal.answers()
        self._reflections = journal.reflections()

    def steps(self):
        return self._steps

    def choices(self, vignette_id: str | None = None):
        return [s for s in self._steps if s.kind == "choose" and vignette_id in (None, s.vignette_id)]

    def answers(self, exercise_id: str | None = None, kind: str | None = None):
        return [a for a in self._answers if exercise_id in (None, a.exercise_id) and kind in (None, a.kind)]

    def reflections(self, vignette_id: str | None = None):
        return [r for r in self._reflections if vignette_id in (None, r.vignette_id)]

    def vignette_ids(self) -> set[str]:
        return ({s.vignette_id for s in self._steps} | {a.exercise_id for a in self._answers}
                | {r.vignette_id for r in self._reflections})


def state_of(item, journal, touched: set[str]) -> str:
    if item.id not in touched:
        return OPEN
    if isinstance(item, Vignette):
        return DONE if any(s.reached_ending for s in journal.choices(item.id)) else STARTED
    if isinstance(item, Assessment):
        return DONE if best_pass(journal, item.id) else STARTED if results(journal, item.id) else OPEN
    if isinstance(item, Evaluation):
        return DONE if submitted_at(journal, item.id) else STARTED
    if isinstance(item, Quiz):
        checked = {a.item_id for a in journal.answers(item.id, kind="quiz")}
        return DONE if checked >= {q.id for q in item.questions} else STARTED
    return DONE


def progress(journal, content: dict[str, list], titles: dict[str, str]) -> list[ModuleProgress]:
    """Per module (in the order of `content`, {module id: items}), every item's state and the time."""
    journal = JournalRead(journal)
    touched = journal.vignette_ids()
    reflections: dict[str, int] = {}
    for record in journal.reflections():
        reflections[record.vignette_id] = reflections.get(record.vignette_id, 0) + 1
    minutes = _minutes_by_module(journal, {item.id: module for module, items in content.items() for item in items})
    modules = []
    for module, items in content.items():
        rows = tuple(ItemProgress(id=i.id, title=i.title, group=group_of(i), state=state_of(i, journal, touched),
                                  reflections=reflections.get(i.id, 0)) for i in items)
        modules.append(ModuleProgress(id=module, title=titles.get(module, module), items=rows,
                                      minutes=minutes.get(module, 0)))
    return modules


def _minutes_by_module(journal, module_of: dict[str, str]) -> dict[str, int]:
    """Active minutes per module: each gap of at most IDLE between two recorded actions counts for
    the module of the later one."""
    moments = [(s.created, s.vignette_id) for s in journal.steps()]
    moments += [(v.created, r.vignette_id) for r in journal.reflections() for v in r.versions]
    moments += [(a.created, a.exercise_id) for a in journal.answers()]
    moments.sort()
    seconds: dict[str, float] = {}
    for (before, _), (after, exercise) in zip(moments, moments[1:]):
        gap = after - before
        module = module_of.get(exercise)
        if module is not None and gap <= IDLE:
            seconds[module] = seconds.get(module, 0.0) + gap.total_seconds()
    return {module: round(total / 60) for module, total in seconds.items()}
