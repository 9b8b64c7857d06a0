"""Problems found in a content file, reported as FILE:LINE: what is wrong and how to fix it, and
what a file turned out to be when checked (Examined)."""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

_WIDTH = 96      # characters a notebook's output area shows on a laptop screen


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class CourseError(Exception):
    """An error whose message already says what is wrong, where, and what to do.

    In a notebook IPython would put that message under a traceback through the course's code,
    which tells a learner nothing and hides the lines that help. IPython asks an exception for
    `_render_traceback_` first, so these show as their message alone. They are still errors: the
    cell stops, Run All stops, and a notebook that raises one fails the book build and nbval.
    """

    def _render_traceback_(self) -> list[str]:
        # Notebooks show this as preformatted text, broken anywhere at the edge: break the lines
        # between words instead, indenting the rest of each one.
        lines = [wrapped for line in str(self).splitlines()
                 for wrapped in textwrap.wrap(line, width=_WIDTH, subsequent_indent="    ",
                                                break_long_words=False, break_on_hyphens=False)]
        return lines or [type(self).__name__]


class VignetteError(CourseError):
    """Raised by `load`; its message lists every problem of the file, one per line."""

    def __init__(self, problems):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Examined:
    """What one content file turned out to be, whatever its kind: the loaded item, or every problem
    that stops it being one. Checking never raises; loading raises with the same problems."""
    path: Path
    item: object | None
    problems: tuple[Problem, ...]
    id: str | None = None      # the id as written, even with problems elsewhere (for checks across files)
    id_line: int = 1
    kind: str = "vignette"
