"""The protection map as data: a short case formulation in a few parts (what is seen, what it may
protect against, what it may need, what the clinician will try), each with a prompt and a worked
example; and the learner's session, plain Python, which keeps every part in the journal as a
versioned text (nothing written is lost, an edit is a new version)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casebook.exercise_file import ExerciseHead, Reader, load_fields
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
class ProtectionMap(ExerciseHead):
    case: str
    parts: tuple[Part, ...]
    key_ideas: tuple[str, ...]
    book_section: str


def load_map(path) -> ProtectionMap:
    """Read and check a protection-map file; raises ExerciseError listing every problem."""
    return load_fields(path, "exercise_check.what_map", MAP_KEYS, _map)


def _map(reader: Reader, fields, what: str, path: Path) -> ProtectionMap:
    head = reader.head(fields, what, path)

    def part(entry, entry_what: str, line: int) -> Part:
        return Part(id=reader.ident(entry, "id", entry_what), label=reader.text(entry, "label", entry_what),
                    prompt=reader.text(entry, "prompt", entry_what), worked=reader.text(entry, "worked", entry_what),
                    line=line)
    parts = reader.entries(fields, "parts", what, PARTS, "exercise_check.what_part", PART_KEYS, part)
    return ProtectionMap(**head, case=reader.text(fields, "case", what), parts=parts,
                         key_ideas=reader.ideas(fields, "key_ideas", what),
                         book_section=reader.book_section(fields, "book_section", what))


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
