"""What a content kind tells the rest of the course about itself (the fields are described in
registry.py). Its own module, so that a kind's package can define its KIND without importing the
registry that lists it."""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Callable

from casebook.errors import Examined


@dataclass(frozen=True)
class Kind:
    name: str
    marker: str
    examine: Callable[[Path], Examined]
    column: str
    places: Callable[[Path], tuple]
    view: str
    portfolio: Callable = lambda journal, exercise_id, item: []   # a kind that records nothing of its own
    schema: Callable[[], dict] = dict   # its files' JSON Schema, for editors

    def view_class(self):
        module, _, name = self.view.partition(":")
        return getattr(import_module(module), name)
