"""One registry of the course's content kinds, so that shared code never names a kind.

A kind's package defines KIND = Kind(...):
    name      what the kind is called ("vignette", "quiz", "reframe")
    marker    the top-level key only its files have (scenes:, questions:, sentences:)
    examine   path -> Examined: the loaded item or all its problems, never raising
    column    the coverage column its files fill: "practised" or "checked"
    places    path -> (title, {idea: detail}, problems): where the file tags each key idea
    view      "module:Class" of its ipywidgets view, imported only when something is shown
    portfolio (journal, id, item or None) -> Markdown lines: what the kind recorded (attempts,
              answers); reflections, which every kind may keep, the export adds itself
    schema    () -> the JSON Schema of its files, published with the book for editors

Adding a kind: write its package with a KIND, and add it to KINDS below. The checker, the coverage
table and the portfolio then know it.
"""
from __future__ import annotations

import re
from pathlib import Path

from casebook.errors import Examined
from casebook.kinds.kind import Kind


def _kinds() -> tuple[Kind, ...]:
    from casebook.kinds import (assessment, evaluation, protection_map, quiz, reflection, reframe, seating,
                                then_and_now, vignette, window)
    # An assessment has questions too: it is told by its pass mark first, so it comes before the quiz.
    return (vignette.KIND, assessment.KIND, quiz.KIND, reframe.KIND, protection_map.KIND, then_and_now.KIND,
            seating.KIND, window.KIND, reflection.KIND, evaluation.KIND)


KINDS: tuple[Kind, ...] = _kinds()
DEFAULT = KINDS[0]   # a file that shows no kind's marker is read as a vignette: its messages fit best


def kind_named(name: str) -> Kind:
    for kind in KINDS:
        if kind.name == name:
            return kind
    raise KeyError(name)


def kind_of(path) -> Kind:
    """The kind of a file, told by a top-level marker key (read from the text, so no second parse)."""
    try:
        head = Path(path).read_bytes()[:1_000_000].decode("utf-8", errors="replace")
    except OSError:
        return DEFAULT
    for kind in KINDS[1:]:
        if re.search(rf"^{re.escape(kind.marker)}\s*:", head, re.M):
            return kind
    return DEFAULT


def examine(path) -> Examined:
    return kind_of(path).examine(Path(path))
