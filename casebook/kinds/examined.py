"""What one content file turned out to be, whatever its kind: the loaded item, or every problem
that stops it being one (each as FILE:LINE). Checking never raises; loading raises with the same
problems."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casebook.errors import Problem


@dataclass(frozen=True)
class Examined:
    path: Path
    item: object | None
    problems: tuple[Problem, ...]
    id: str | None = None      # the id as written, even with problems elsewhere (for checks across files)
    id_line: int = 1
    kind: str = "vignette"
