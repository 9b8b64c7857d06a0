"""The protection map as data: a short case formulation in a few parts (what is seen, what it may
protect against, what it may need, what the clinician will try), each with a prompt and a worked
example; and the learner's session, plain Python, which keeps every part in the journal as a
versioned text (nothing written is lost, an edit is a new version)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casebook.exercise_file import Reader, load_exercise
from casebook.strings import t

MAP_KEYS = ("id", "title", "module", "intro", "case", "parts", "key_ideas", "book_section")
PART_KEYS = ("id", "label", "prompt", "worked")
PARTS = (2, 6)


@dataclass(frozen=True)
class Part:
    id: str
    label: str
    prompt: str
    worked: str
    line: int = 0


@dataclass(frozen=True)
class ProtectionMap:
    id: str
    title: str
    module: str
    intro: str
    case: str
    parts: tuple[Part, ...]
    key_ideas: tuple[str, ...]
    book_section: str
    source: Path | None = field(default=None, compare=False)


def load_map(path) -> ProtectionMap:
    """Read and check a protection-map file; raises ExerciseError listing every problem."""
    return load_exercise(path, _map)


def _map(reader: Reader, data, path: Path) -> ProtectionMap | None:
    what = t("exercise_check.what_map")
    fields = reader.mapping(data, 1, what, MAP_KEYS, MAP_KEYS)
    if fields is None:
        return None
    map_id = reader.file_id(fields, what, path)
    reader.count(fields, "parts", what, *PARTS)
    parts = [_part(reader, line, node, n) for n, (line, node) in enumerate(reader.items(fields, "parts", what), 1)]
    reader.unique(((p.line, p.id) for p in parts if p), what)
    return ProtectionMap(id=map_id, title=reader.text(fields, "title", what),
                         module=reader.ident(fields, "module", what), intro=reader.text(fields, "intro", what),
                         case=reader.text(fields, "case", what),
                         parts=tuple(p for p in parts if p), key_ideas=reader.ideas(fields, "key_ideas", what),
                         book_section=reader.book_section(fields, "book_section", what), source=path)


def _part(reader: Reader, line: int, data, number: int) -> Part | None:
    what = t("exercise_check.what_part", number=number)
    fields = reader.mapping(data, line, what, PART_KEYS, PART_KEYS)
    if fields is None:
        return None
    return Part(id=reader.ident(fields, "id", what), label=reader.text(fields, "label", what),
                prompt=reader.text(fields, "prompt", what), worked=reader.text(fields, "worked", what), line=line)


class MapSession:
    """One learner filling in a map: a draft per part, saved to the journal on request; the worked
    map is shown once the learner asks for it (whether or not they wrote anything)."""

    def __init__(self, protection_map: ProtectionMap, journal=None):
        self.map = protection_map
        self.journal = journal
        self.compared = False
        self.drafts: dict[str, str] = {}
        if journal is not None:   # start from what the learner wrote last time
            for part in protection_map.parts:
                saved = journal.reflection(protection_map.id, self.prompt(part))
                if saved is not None:
                    self.drafts[part.id] = saved.text

    def prompt(self, part: Part) -> str:
        """The journal prompt of a part: names the map and the part, so the portfolio reads well."""
        return t("protection_map.journal_prompt", map=self.map.title, part=part.label)

    def part(self, part_id: str) -> Part:
        for part in self.map.parts:
            if part.id == part_id:
                return part
        raise KeyError(part_id)

    def write(self, part_id: str, text: str) -> None:
        self.part(part_id)
        self.drafts[part_id] = text or ""

    def save(self) -> list:
        """Keep every part that has text (or had text before) in the journal; returns the records."""
        if self.journal is None:
            return []
        records = []
        for part in self.map.parts:
            text = self.drafts.get(part.id, "")
            if text.strip() or self.journal.reflection(self.map.id, self.prompt(part)) is not None:
                records.append(self.journal.add_reflection(self.map.id, text, prompt=self.prompt(part)))
        return records

    def compare(self) -> list:
        """Save, then show the worked map beside the learner's."""
        records = self.save()
        self.compared = True
        return records
