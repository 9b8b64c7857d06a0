""""Reframe the note" as data: loading and checking the exercise file.

Plain Python without widgets, so the coverage page and tests can read the file cheaply.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from casebook.exercise_file import ExerciseHead, Reader, load_fields
from casebook.strings import t

EXERCISE_KEYS = ("id", "title", "module", "intro", "labels", "checklist", "sentences")
# What a file may word its own way (the same kind serves "reframe the note" and "write a repair"):
# these keys of the strings table's `reframe:` section; any other text stays the table's.
LABEL_KEYS = ("position", "setting_label", "as_written", "your_rewrite", "placeholder", "compare_tooltip",
              "previous", "next", "your_version", "no_version", "worked", "worked_one", "checklist",
              "saved", "journal_prompt")
CHECK_KEYS = ("id", "text")
SENTENCE_KEYS = ("id", "setting", "note", "reframes", "key_ideas", "book_section")


@dataclass(frozen=True)
class CheckItem:
    id: str
    text: str


@dataclass(frozen=True)
class Sentence:
    id: str
    note: str
    reframes: tuple[str, ...]
    key_ideas: tuple[str, ...]
    setting: str = ""
    book_section: str = ""
    line: int = 0


@dataclass(frozen=True)
class ReframeExercise(ExerciseHead):
    checklist: tuple[CheckItem, ...]
    sentences: tuple[Sentence, ...]
    labels: tuple[tuple[str, str], ...] = ()

    def label(self, key: str, **values) -> str:
        """A text of the view: the file's own wording when it gives one, else the strings table's."""
        own = dict(self.labels).get(key)
        return own.format(**values) if own is not None else t(f"reframe.{key}", **values)


def load_reframe(path) -> ReframeExercise:
    """Read and check a reframe exercise file; raises ExerciseError listing every problem."""
    return load_fields(path, "exercise_check.what_exercise", EXERCISE_KEYS, _exercise,
                       required=tuple(k for k in EXERCISE_KEYS if k != "labels"))


def _exercise(reader: Reader, fields, what: str, path: Path) -> ReframeExercise:
    head = reader.head(fields, what, path)
    reader.count(fields, "checklist", what, 3, 8)
    checks = [_check_item(reader, line, node, n)
              for n, (line, node) in enumerate(reader.items(fields, "checklist", what), 1)]
    reader.unique(((line, c.id) for line, c in checks if c), what)
    reader.count(fields, "sentences", what, 1, 50)
    sentences = [_sentence(reader, line, node, n)
                 for n, (line, node) in enumerate(reader.items(fields, "sentences", what), 1)]
    reader.unique(((s.line, s.id) for s in sentences if s), what)
    labels = _labels(reader, fields)
    return ReframeExercise(**head, labels=labels, checklist=tuple(c for _, c in checks if c),
                           sentences=tuple(s for s in sentences if s))


def _labels(reader: Reader, fields) -> tuple[tuple[str, str], ...]:
    if "labels" not in fields:
        return ()
    what = t("exercise_check.what_labels")
    labels = reader.mapping(fields["labels"], fields.key_lines["labels"], what, LABEL_KEYS)
    if labels is None:
        return ()
    found = []
    for key in labels:
        if key in LABEL_KEYS:
            text = reader.text(labels, key, what)
            placeholders = set(re.findall(r"{(\w*)}", text))
            allowed = set(re.findall(r"{(\w*)}", t(f"reframe.{key}")))
            if placeholders - allowed:
                reader.problem(labels.key_lines[key], "bad_placeholder", what=what, field=key,
                               found=", ".join(sorted(placeholders - allowed)),
                               allowed=", ".join(sorted(allowed)) or "-")
            elif text:
                found.append((key, text))
    return tuple(found)


def _check_item(reader: Reader, line: int, data, number: int):
    what = t("exercise_check.what_check_item", number=number)
    fields = reader.mapping(data, line, what, CHECK_KEYS, CHECK_KEYS)
    if fields is None:
        return line, None
    return line, CheckItem(id=reader.ident(fields, "id", what), text=reader.text(fields, "text", what))


def _sentence(reader: Reader, line: int, data, number: int) -> Sentence | None:
    what = t("exercise_check.what_sentence", number=number)
    fields = reader.mapping(data, line, what, SENTENCE_KEYS, ("id", "note", "reframes", "key_ideas"))
    if fields is None:
        return None
    reader.count(fields, "reframes", what, 1, 2)
    return Sentence(id=reader.ident(fields, "id", what), note=reader.text(fields, "note", what),
                    reframes=tuple(text for _, text in reader.texts(fields, "reframes", what)),
                    key_ideas=reader.ideas(fields, "key_ideas", what),
                    setting=reader.text(fields, "setting", what, required=False),
                    book_section=reader.book_section(fields, "book_section", what, required=False),
                    line=line)


class ReframeSession:
    """One learner working through the sentences: drafts, what was compared, ticked checklist items.

    Plain Python (no widgets), so it can be tested directly; `NoteReframe` only shows it. Drafts are
    kept per sentence while moving back and forth, and every rewrite that is compared or left behind
    is saved to the journal (when there is one), so nothing the learner wrote is lost.
    """

    def __init__(self, exercise: ReframeExercise, journal=None):
        self.exercise = exercise
        self.journal = journal
        self.index = 0
        self._drafts: dict[str, str] = {}
        self._compared: set[str] = set()
        self._ticks: dict[str, set[str]] = {}
        if journal is not None:   # start from what the learner wrote last time
            for s in exercise.sentences:
                saved = journal.reflection(exercise.id, self.prompt(s))
                if saved is not None:
                    self._drafts[s.id] = saved.text

    @property
    def sentence(self) -> Sentence:
        return self.exercise.sentences[self.index]

    @property
    def total(self) -> int:
        return len(self.exercise.sentences)

    def prompt(self, sentence: Sentence | None = None) -> str:
        """The journal prompt: names the exercise and quotes the sentence, so the portfolio reads well."""
        sentence = sentence or self.sentence
        return self.exercise.label("journal_prompt", exercise=self.exercise.title, note=sentence.note)

    # -- the learner's text ----------------------------------------------------------------------
    @property
    def draft(self) -> str:
        return self._drafts.get(self.sentence.id, "")

    @draft.setter
    def draft(self, text: str) -> None:
        self._drafts[self.sentence.id] = text or ""

    def save(self):
        """Keep the current draft in the journal; returns the record, or None when nothing to keep."""
        if self.journal is None:
            return None
        text = self.draft
        if not text.strip() and self.journal.reflection(self.exercise.id, self.prompt()) is None:
            return None   # nothing written and nothing kept before: no empty entry in the journal
        return self.journal.add_reflection(self.exercise.id, text, prompt=self.prompt())

    # -- compare and self-assessment -----------------------------------------------------------------
    def compare(self):
        """Reveal the worked rewrites and checklist for this sentence; saves the draft first."""
        record = self.save()
        self._compared.add(self.sentence.id)
        return record

    @property
    def compared(self) -> bool:
        return self.sentence.id in self._compared

    def tick(self, item_id: str, ticked: bool = True) -> None:
        if item_id not in {c.id for c in self.exercise.checklist}:
            raise KeyError(item_id)
        ticks = self._ticks.setdefault(self.sentence.id, set())
        (ticks.add if ticked else ticks.discard)(item_id)

    @property
    def ticks(self) -> frozenset[str]:
        return frozenset(self._ticks.get(self.sentence.id, ()))

    # -- moving ------------------------------------------------------------------------------------------
    @property
    def can_go_back(self) -> bool:
        return self.index > 0

    @property
    def can_go_on(self) -> bool:
        return self.index < self.total - 1

    def go(self, index: int):
        """Move to another sentence, keeping (and saving) the draft of the one being left."""
        if not 0 <= index < self.total:
            raise IndexError(index)
        record = self.save() if index != self.index else None
        self.index = index
        return record

    def next(self):
        return self.go(self.index + 1) if self.can_go_on else None

    def previous(self):
        return self.go(self.index - 1) if self.can_go_back else None
