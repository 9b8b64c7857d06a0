"""Group mode, the facilitator's side: how the group chose and answered, read from the group folder.

`summarise(folder)` reads every `*.json` file in the folder (one per participant, see share.py) and
returns a Summary: the number of participants, per vignette and decision the number of people per
choice, per knowledge-check question the number of people per option, the reflections participants
chose to share, and the files that could not be read (each named with the reason; one broken file
never stops the rest from being counted).

Who is counted: each participant once per decision, with the FIRST choice they made there (a
participant who goes back or plays again tries other moves: the first choice is what they would
have done), and once per question, with their first answer.

Counts under 3 are never given: a Count of 1 or 2 people has `n = None` and `suppressed = True`, and
the dashboard shows "fewer than 3", so nobody can be singled out by a bar of one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from casebook.strings import t

SUPPRESS_BELOW = 3
MAX_FILE_BYTES = 2_000_000     # a participant's file is a few kB; anything far larger is not one


def shown(n: int) -> int | None:
    """A count as it may be shown: None for 1 or 2 people, the number otherwise (0 included)."""
    return None if 0 < n < SUPPRESS_BELOW else n


@dataclass(frozen=True)
class Count:
    id: str                 # the choice's or option's id
    n: int | None           # people; None when 1 or 2 (suppressed)

    @property
    def suppressed(self) -> bool:
        return self.n is None


@dataclass(frozen=True)
class Tally:
    """How the group chose at one decision of a vignette, or answered one question."""
    exercise: str           # the vignette's or knowledge check's id
    item: str               # the decision's scene id, or the question's id
    counts: tuple[Count, ...]

    def count(self, id_: str) -> Count:
        """The count for one choice or option (0 when nobody chose it)."""
        for count in self.counts:
            if count.id == id_:
                return count
        return Count(id_, 0)


@dataclass(frozen=True)
class SharedReflection:
    exercise: str
    prompt: str
    text: str


@dataclass(frozen=True)
class Broken:
    name: str               # the file's name in the folder
    reason: str             # why it was skipped, in words


@dataclass(frozen=True)
class Summary:
    folder: Path
    exists: bool            # False while the folder is not there (yet)
    participants: int
    decisions: tuple[Tally, ...]
    questions: tuple[Tally, ...]
    reflections: tuple[SharedReflection, ...] = ()
    broken: tuple[Broken, ...] = ()
    problem: str = ""       # the folder itself could not be read: why

    def decision(self, vignette_id: str, scene_id: str) -> Tally | None:
        return _find(self.decisions, vignette_id, scene_id)

    def question(self, quiz_id: str, question_id: str) -> Tally | None:
        return _find(self.questions, quiz_id, question_id)

    @property
    def vignettes(self) -> list[str]:
        return list(dict.fromkeys(d.exercise for d in self.decisions))

    @property
    def quizzes(self) -> list[str]:
        return list(dict.fromkeys(q.exercise for q in self.questions))


def _find(tallies, exercise: str, item: str) -> Tally | None:
    for tally in tallies:
        if tally.exercise == exercise and tally.item == item:
            return tally
    return None


@dataclass
class _Participant:
    choices: dict = field(default_factory=dict)       # (vignette, scene) -> first choice id
    answers: dict = field(default_factory=dict)       # (quiz, question) -> first option ids
    reflections: list = field(default_factory=list)


def read_participant(path: Path) -> _Participant:
    """One participant's file, checked; raises ValueError (in words) when it is not one."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(t("group.broken_too_large"))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError(t("group.broken_not_json")) from None
    except json.JSONDecodeError as error:
        raise ValueError(t("group.broken_not_json_at", line=error.lineno)) from None
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list) \
            or not isinstance(data.get("answers"), list):
        raise ValueError(t("group.broken_shape"))
    participant = _Participant()
    for entry in data["choices"]:
        if not _texts(entry, "exercise", "scene", "choice"):
            raise ValueError(t("group.broken_entry"))
        participant.choices.setdefault((entry["exercise"], entry["scene"]), entry["choice"])
    for entry in data["answers"]:
        if not _texts(entry, "exercise", "question") or not isinstance(entry.get("options"), list) \
                or not all(isinstance(o, str) for o in entry["options"]):
            raise ValueError(t("group.broken_entry"))
        participant.answers.setdefault((entry["exercise"], entry["question"]), tuple(entry["options"]))
    for entry in data.get("reflections") or []:
        if _texts(entry, "exercise", "text"):
            participant.reflections.append(SharedReflection(entry["exercise"], str(entry.get("prompt") or ""),
                                                            entry["text"]))
    return participant


def _texts(entry, *keys) -> bool:
    return isinstance(entry, dict) and all(isinstance(entry.get(k), str) and entry[k] for k in keys)


def summarise(folder) -> Summary:
    """Everything the facilitator's view shows, read afresh from `folder`. Never raises."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        return Summary(folder, False, 0, (), ())
    try:
        paths = sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))
    except OSError as error:
        return Summary(folder, True, 0, (), (), problem=str(error.strerror or error))
    participants, broken = [], []
    for path in paths:
        try:
            participants.append(read_participant(path))
        except FileNotFoundError:
            continue                     # left (and deleted) between listing and reading
        except (OSError, ValueError) as error:
            reason = str(error) if isinstance(error, ValueError) else str(error.strerror or error)
            broken.append(Broken(path.name, reason))
    decisions = _tallies(p.choices for p in participants)
    questions = _tallies(p.answers for p in participants)
    reflections = sorted((r for p in participants for r in p.reflections),
                         key=lambda r: (r.exercise, r.prompt, r.text))   # in no order that tells who
    return Summary(folder, True, len(participants), decisions, questions, tuple(reflections), tuple(broken))


def _tallies(per_participant) -> tuple[Tally, ...]:
    raw: dict[tuple[str, str], dict[str, int]] = {}
    for items in per_participant:
        for key, chosen in items.items():
            counts = raw.setdefault(key, {})
            for id_ in ((chosen,) if isinstance(chosen, str) else dict.fromkeys(chosen)):
                counts[id_] = counts.get(id_, 0) + 1
    return tuple(Tally(exercise, item, tuple(Count(id_, shown(n)) for id_, n in sorted(counts.items())))
                 for (exercise, item), counts in sorted(raw.items()))
