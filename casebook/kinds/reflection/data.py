""""Closing reflection" as data: a few prompts about the clinician's own reactions, at the end of a
module; and the learner's session, plain Python, which keeps each answer in the journal as a
versioned text, like every reflection (an edit is a new version; the portfolio shows the latest)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casebook.exercise_file import ExerciseHead, Reader, load_fields

EXERCISE_KEYS = ("id", "title", "module", "intro", "prompts", "key_ideas", "book_section")
PROMPT_KEYS = ("id", "text")
PROMPTS = (1, 6)


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str          # the question, as an invitation
    line: int = 0


@dataclass(frozen=True)
class Reflection(ExerciseHead):
    prompts: tuple[Prompt, ...]
    key_ideas: tuple[str, ...]
    book_section: str


def load_reflection(path) -> Reflection:
    """Read and check a closing-reflection file; raises ExerciseError listing every problem."""
    return load_fields(path, "exercise_check.what_reflection", EXERCISE_KEYS, _reflection)


def _reflection(reader: Reader, fields, what: str, path: Path) -> Reflection:
    def prompt(entry, entry_what: str, line: int) -> Prompt:
        return Prompt(id=reader.ident(entry, "id", entry_what), text=reader.text(entry, "text", entry_what), line=line)
    return Reflection(**reader.head(fields, what, path),
                      prompts=reader.entries(fields, "prompts", what, PROMPTS, "exercise_check.what_prompt",
                                             PROMPT_KEYS, prompt),
                      key_ideas=reader.ideas(fields, "key_ideas", what),
                      book_section=reader.book_section(fields, "book_section", what))


class ReflectionSession:
    """The learner's answers, starting from what they kept last time; `save` keeps each in the journal."""

    def __init__(self, reflection: Reflection, journal=None):
        self.reflection, self.journal = reflection, journal
        self.drafts: dict[str, str] = {}
        for p in reflection.prompts if journal is not None else ():
            saved = journal.reflection(reflection.id, p.text)
            if saved is not None:
                self.drafts[p.id] = saved.text

    def write(self, prompt_id: str, text: str) -> None:
        if prompt_id not in {p.id for p in self.reflection.prompts}:
            raise KeyError(prompt_id)
        self.drafts[prompt_id] = text or ""

    def save(self) -> list:
        """Keep every answer that has text, or had text before (so that clearing one is kept too)."""
        if self.journal is None:
            return []
        return [self.journal.add_reflection(self.reflection.id, self.drafts.get(p.id, ""), prompt=p.text)
                for p in self.reflection.prompts
                if self.drafts.get(p.id, "").strip() or self.journal.reflection(self.reflection.id, p.text)]
