"""The vignette as data: frozen dataclasses that `load` builds and everything else reads.

Nothing here parses or checks; `loader` and `checker` do that. Line numbers travel with the
data so that later checks can still point a trainer at the right line of the YAML file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Feedback:
    """The likely effect of a move, in three parts; never a score or a verdict."""
    protection: str
    arousal_and_safety: str
    relationship: str


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    feedback: Feedback
    next: str
    key_ideas: tuple[str, ...] = ()
    line: int = 0
    book_section: str = ""     # the page to read after this choice, when it is not the vignette's


@dataclass(frozen=True)
class Ending:
    title: str
    debrief: str


@dataclass(frozen=True)
class Scene:
    id: str
    text: str
    choices: tuple[Choice, ...] = ()
    ending: Ending | None = None
    pull: str = ""
    line: int = 0

    @property
    def is_ending(self) -> bool:
        return self.ending is not None

    def choice(self, choice_id: str) -> Choice:
        return {c.id: c for c in self.choices}[choice_id]


@dataclass(frozen=True)
class Vignette:
    id: str
    title: str
    module: str
    key_ideas: tuple[str, ...]
    book_section: str
    setting: str
    client: str
    start: str
    scenes: tuple[Scene, ...]
    reflection: tuple[str, ...]
    content_note: str = ""
    minutes: int | None = None
    source: Path | None = field(default=None, compare=False)

    def scene(self, scene_id: str) -> Scene:
        return {s.id: s for s in self.scenes}[scene_id]
