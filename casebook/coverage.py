"""Where each key idea of a module is taught, practised and checked.

Shared by the book extension (book/_ext/keyideas.py), which renders the facilitators' table, and by
tests/test_coverage.py, which fails when an idea has no place in a column. Both compute from the
sources: chapter Markdown ({keyidea} markers), vignette YAML (vignette and choice tags), the
module's exercise files (reframe sentences and knowledge-check questions).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from casebook.errors import Problem, VignetteError
from casebook.exercise_file import key_idea_table
from casebook.quiz_data import load_quiz
from casebook.reframe_data import load_reframe

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
    """{idea: places} from the module's vignettes (whole-vignette and choice tags) and reframe exercise."""
    root = Path(root)
    places: dict[str, list[Place]] = {}
    problems: list[Problem] = []
    for path in sorted((root / "notebooks" / "vignettes" / module).glob("*.yml")):
        data = _safe_yaml(path, problems)
        if not isinstance(data, dict):
            continue
        rel = path.relative_to(root).as_posix()
        label = str(data.get("title") or path.stem)
        tagged_choices: dict[str, list[str]] = {}
        for scene in _list(data.get("scenes")):
            for choice in _list(scene.get("choices") if isinstance(scene, dict) else None):
                if isinstance(choice, dict):
                    for idea in _list(choice.get("key_ideas")):
                        tagged_choices.setdefault(str(idea), []).append(f"{scene.get('id')}/{choice.get('id')}")
        for idea in {str(i) for i in _list(data.get("key_ideas"))} | set(tagged_choices):
            detail = ", ".join(tagged_choices.get(idea, []))
            places.setdefault(idea, []).append(Place(label=label, source=rel, detail=detail))
    _exercise_places(root, module, "sentences", load_reframe, places, problems)
    return places, problems


def checked_in(root, module: str) -> tuple[dict[str, list[Place]], list[Problem]]:
    """{idea: places} from the module's knowledge-check questions."""
    root = Path(root)
    places: dict[str, list[Place]] = {}
    problems: list[Problem] = []
    _exercise_places(root, module, "questions", load_quiz, places, problems)
    return places, problems


def _exercise_places(root: Path, module: str, items: str, load, places, problems) -> None:
    """Add the places of the module's exercise files whose list `items` (sentences, questions)
    tags key ideas; a file that does not load adds its problems instead."""
    for path in _exercise_files(root, module, items):
        try:
            exercise = load(path)
        except VignetteError as exc:
            problems.extend(exc.problems)
            continue
        by_idea = _ids_by_idea((item.id, item.key_ideas) for item in getattr(exercise, items))
        _add(places, by_idea, exercise.title, path.relative_to(root).as_posix())


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


def _ids_by_idea(items) -> dict[str, list[str]]:
    # One place per file and idea, naming the items (sentences, questions) that carry the tag.
    by_idea: dict[str, list[str]] = {}
    for item_id, ideas in items:
        for idea in ideas:
            by_idea.setdefault(idea, []).append(item_id)
    return by_idea


def _add(places, by_idea, label: str, source: str) -> None:
    for idea, item_ids in by_idea.items():
        places.setdefault(idea, []).append(Place(label=label, source=source, detail=", ".join(item_ids)))


def _exercise_files(root: Path, module: str, marker_key: str):
    # Exercise files are told apart by what they hold, so a module may name its files freely.
    for path in sorted((root / "notebooks" / "exercises" / module).glob("*.yml")):
        data = _safe_yaml(path, [])
        if isinstance(data, dict) and marker_key in data:
            yield path


def _safe_yaml(path: Path, problems: list[Problem]):
    try:
        return yaml.safe_load(path.read_bytes())
    except (OSError, yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(str(path), mark.line + 1 if mark else 1, f"cannot be read as YAML ({exc.__class__.__name__})"))
        return None


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _title(text: str, page: Path) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page.stem
