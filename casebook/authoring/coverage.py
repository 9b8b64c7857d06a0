"""Where each key idea of a module is taught, practised and checked.

Shared by the book extension (book/_ext/keyideas.py), which renders the facilitators' table, and by
tests/test_coverage.py, which fails when an idea has no place in a column. Both compute from the
sources: chapter Markdown ({keyidea} markers) and the module's content files, each read by its
kind (casebook.kinds.registry): vignettes, rewriting exercises, knowledge checks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from casebook.exercise_file import key_idea_table
from casebook.errors import Problem

COLUMNS = ("taught", "practised", "checked")
# MyST role syntax: {keyidea}`R4`
MARKER = re.compile(r"\{keyidea\}`\s*([^`]*?)\s*`")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*(\S*)")
LITERAL_DIRECTIVES = {"{code-block}", "{code}", "{code-cell}", "{sourcecode}", "{literalinclude}"}


@dataclass(frozen=True)
class Place:
    """One spot where an idea appears: a chapter marker, a vignette (or its choices), a question."""
    label: str            # what a facilitator reads: page title, vignette title, question prompt
    source: str           # file path from the repository root
    detail: str = ""      # e.g. the choices of a vignette that carry the tag
    docname: str = ""     # the book document to link to (no suffix)
    anchor: str = ""      # the element id in that document


@dataclass(frozen=True)
class Row:
    idea: str
    summary: str
    taught: tuple[Place, ...]
    practised: tuple[Place, ...]
    checked: tuple[Place, ...]

    def missing(self) -> tuple[str, ...]:
        return tuple(col for col in COLUMNS if not getattr(self, col))


def anchor_for(idea: str, serial: int) -> str:
    """The element id of a {keyidea} marker: the first per page is `keyidea-r4`, then `keyidea-r4-2`."""
    base = "keyidea-" + idea.lower()
    return base if serial == 0 else f"{base}-{serial + 1}"


def ideas_of(module: str) -> dict[str, str]:
    table = key_idea_table()
    if module not in table:
        raise KeyError(f"unknown module '{module}'; known: {', '.join(table)}")
    return table[module]


def markers_in(text: str) -> list[str]:
    """The idea IDs of the {keyidea} markers in MyST text, in order, skipping literal code blocks.

    Fences are tracked as a stack: a directive fence (```{note}) holds parsed MyST, so markers
    inside count; a code fence (``` or ```python, ```{code-block}) holds literal text, so they do not.
    """
    found: list[str] = []
    open_fences: list[tuple[str, bool]] = []     # (fence marker, literal?)
    for line in text.splitlines():
        match = FENCE.match(line)
        if match:
            marker, info = match.group(1), match.group(2)
            top = open_fences[-1] if open_fences else None
            if top and not info and marker[0] == top[0][0] and len(marker) >= len(top[0]) \
                    and line.strip() == marker:
                open_fences.pop()
                continue
            if not (top and top[1]):   # inside a literal block, a fence line is just text
                literal = not info.startswith("{") or info in LITERAL_DIRECTIVES
                open_fences.append((marker, literal))
                continue
        if open_fences and open_fences[-1][1]:
            continue
        found.extend(MARKER.findall(line))
    return found


def taught_in_chapter(root, module: str) -> dict[str, list[Place]]:
    """{idea: places} from the markers in book/<module>/*.md, anchors numbered as the extension does."""
    root = Path(root)
    taught: dict[str, list[Place]] = {}
    for page in sorted((root / "book" / module).glob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        docname = page.relative_to(root).with_suffix("").as_posix()
        serials: dict[str, int] = {}
        for idea in markers_in(text):
            n = serials.get(idea, 0)
            serials[idea] = n + 1
            taught.setdefault(idea, []).append(
                Place(label=_title(text, page), source=page.relative_to(root).as_posix(), docname=docname,
                      anchor=anchor_for(idea, n)))
    return taught


def practised_in(root, module: str) -> tuple[dict[str, list[Place]], list[Problem]]:
    """{idea: places} from the module's files of every kind that practises (vignettes, rewriting)."""
    return places_in(root, module, "practised")


def checked_in(root, module: str) -> tuple[dict[str, list[Place]], list[Problem]]:
    """{idea: places} from the module's files of every kind that checks (knowledge checks)."""
    return places_in(root, module, "checked")


def places_in(root, module: str, column: str) -> tuple[dict[str, list[Place]], list[Problem]]:
    """{idea: places} from the module's content files whose kind fills `column`; a file that cannot
    be read adds its problems instead."""
    root = Path(root)
    places: dict[str, list[Place]] = {}
    problems: list[Problem] = []
    for path, kind in _module_files(root, module):
        if kind.column != column:
            continue
        title, ideas, found = kind.places(path)
        problems.extend(found)
        for idea, detail in ideas.items():
            places.setdefault(idea, []).append(Place(label=title, source=path.relative_to(root).as_posix(),
                                                     detail=detail))
    return places, problems


def _module_files(root: Path, module: str):
    """Every content file of the module, with its kind, in the order of the folders and names."""
    # Imported here: the registry loads every kind, which the book's {keyidea} role does not need.
    from casebook.kinds.registry import kind_of

    for folder in ("vignettes", "exercises"):
        for path in sorted((root / "notebooks" / folder / module).glob("*.yml")):
            yield path, kind_of(path)


def rows(module: str, taught, practised, checked) -> list[Row]:
    """One row per key idea of the module, in the order of key_ideas.yml."""
    return [Row(idea=idea, summary=summary, taught=tuple(taught.get(idea, ())),
                practised=tuple(practised.get(idea, ())), checked=tuple(checked.get(idea, ())))
            for idea, summary in ideas_of(module).items()]


def coverage(root, module: str) -> tuple[list[Row], list[Problem]]:
    """The whole table computed from the sources under root, plus problems reading them."""
    practised, p_problems = practised_in(root, module)
    checked, c_problems = checked_in(root, module)
    return rows(module, taught_in_chapter(root, module), practised, checked), p_problems + c_problems


def gaps(table: list[Row]) -> dict[str, list[str]]:
    """{column: [idea, ...]} for every empty cell; empty when every idea has a place everywhere."""
    result = {col: [row.idea for row in table if not getattr(row, col)] for col in COLUMNS}
    return {col: ideas for col, ideas in result.items() if ideas}


def _title(text: str, page: Path) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page.stem
