"""Reading an exercise file (knowledge check, reframe the note) and checking its fields.

The YAML itself is read by `yamlsource` (the vignette loader's reader: line numbers, no tags, no
aliases, any bytes). `Reader` checks fields and collects every problem as FILE:LINE instead of
stopping at the first one: a trainer fixing a file wants the whole list at once.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from casebook import yamlsource
from casebook.bookpages import packaged_titles, page_title, repository_root
from casebook.errors import Examined, Problem, VignetteError
from casebook.strings import t

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A book page from the repository root, optionally with a heading anchor.
BOOK_SECTION = re.compile(r"^book/[A-Za-z0-9_./-]+\.(?:md|ipynb)(?:#[A-Za-z0-9_-]+)?$")


@dataclass(frozen=True, kw_only=True)
class ExerciseHead:
    """What every exercise file begins with: its id (the file's name), title, module and intro, and
    the file it was read from. Each kind's model adds its own fields."""
    id: str
    title: str
    module: str
    intro: str
    source: Path | None = field(default=None, compare=False)


class ExerciseError(VignetteError):
    """An exercise file has problems; the message lists them all, one FILE:LINE per line."""


@lru_cache(maxsize=None)
def key_idea_table() -> dict[str, dict[str, str]]:
    """{module: {idea id: one-line summary}} from casebook/key_ideas.yml."""
    text = resources.files("casebook").joinpath("key_ideas.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {module: dict(entry.get("ideas") or {}) for module, entry in data.items()}


def known_ideas() -> set[str]:
    return {idea for ideas in key_idea_table().values() for idea in ideas}


class Reader:
    """Checks the fields of one file's data and remembers every problem with its line."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str, **values) -> None:
        """Record the problem `exercise_check.<message>` of the strings table at `line`."""
        self.problems.append(Problem(self.file, line, t(f"exercise_check.{message}", **values)))

    def read(self):
        """The file's data, or None when it cannot be read as YAML (the problems say why)."""
        data, problems = yamlsource.read(self.file)
        self.problems.extend(problems)
        return data

    def mapping(self, data, line: int, what: str, known: tuple[str, ...], required: tuple[str, ...] = ()):
        """The mapping itself when `data` is one, reporting unknown and missing keys; else None."""
        if not isinstance(data, dict):
            self.problem(line, "not_mapping", what=what)
            return None
        for key in data:
            if key not in known:
                hint = did_you_mean(key, known) or t("exercise_check.known_keys", keys=", ".join(known))
                self.problem(data.key_lines[key], "unknown_key", what=what, field=key, hint=hint)
        for key in required:
            if key not in data:
                self.problem(data.line, "missing_key", what=what, field=key)
        return data

    def text(self, fields, key: str, what: str, required: bool = True) -> str:
        if key not in fields:
            return ""  # a missing required key is already reported by `mapping`
        value = fields[key]
        if isinstance(value, (dict, list)):
            self.problem(fields.key_lines[key], "not_text", what=what, field=key)
            return ""
        # `title: Yes` is read by YAML as true; the text as written is what the author meant.
        value = fields.raw.get(key, value) if not isinstance(value, str) else value
        value = "" if value is None else str(value).strip()
        if required and not value:
            self.problem(fields.key_lines[key], "empty", what=what, field=key)
        return value

    def ident(self, fields, key: str, what: str) -> str:
        value = self.text(fields, key, what)
        if value and not ID.match(value):
            self.problem(fields.key_lines[key], "bad_id", what=what, field=key, value=value)
        return value

    def file_id(self, fields, what: str, path: Path) -> str:
        """The file's `id`: a valid id that is also the file's name without `.yml`."""
        value = self.ident(fields, "id", what)
        if value and value != path.stem:
            self.problem(fields.key_lines["id"], "id_not_file", id=value, stem=path.stem)
        return value

    def head(self, fields, what: str, path: Path) -> dict:
        """The fields of `ExerciseHead`, each checked, as keyword arguments for a kind's model."""
        return {"id": self.file_id(fields, what, path), "title": self.text(fields, "title", what),
                "module": self.ident(fields, "module", what), "intro": self.text(fields, "intro", what),
                "source": path}

    def flag(self, fields, key: str, what: str) -> bool:
        if key not in fields:
            return False
        if not isinstance(fields[key], bool):
            self.problem(fields.key_lines[key], "not_flag", what=what, field=key)
            return False
        return fields[key]

    def items(self, fields, key: str, what: str) -> list[tuple[int, object]]:
        """[(line, item)] of a list field; a missing field gives [] (reported by `mapping`)."""
        if key not in fields:
            return []
        value = fields[key]
        if not isinstance(value, list):
            self.problem(fields.key_lines[key], "not_list", what=what, field=key)
            return []
        return list(zip(value.item_lines, value))

    def texts(self, fields, key: str, what: str) -> list[tuple[int, str]]:
        """[(line, text)] of a list of texts, reporting entries that are not text."""
        found = []
        for i, (line, item) in enumerate(self.items(fields, key, what)):
            text = fields[key].raw.get(i, item) if not isinstance(item, str) else item
            if isinstance(text, (dict, list)) or text is None or not str(text).strip():
                self.problem(line, "not_texts", what=what, field=key)
            else:
                found.append((line, str(text).strip()))
        return found

    def ideas(self, fields, key: str, what: str) -> tuple[str, ...]:
        """Key-idea tags: known IDs only, so coverage counts what the file means."""
        known = known_ideas()
        found = []
        for line, idea in self.texts(fields, key, what):
            if idea in known:
                found.append(idea)
            else:
                self.problem(line, "unknown_idea", what=what, idea=idea, hint=did_you_mean(idea, sorted(known)))
        if key in fields and isinstance(fields[key], list) and not found:
            self.problem(fields.key_lines[key], "no_ideas", what=what, field=key)
        return tuple(found)

    def book_section(self, fields, key: str, what: str, required: bool = True) -> str:
        value = self.text(fields, key, what, required)
        if value and not BOOK_SECTION.match(value):
            self.problem(fields.key_lines[key], "bad_book_section", what=what, field=key)
        return value

    def number(self, fields, key: str, what: str, low: float, high: float, whole: bool = False):
        """A number from `low` to `high` (a whole one when `whole`); None, reported, when it is not."""
        if key not in fields:
            return None  # a missing required key is already reported by `mapping`
        if not _is_number(fields[key], low, high, whole):
            self.problem(fields.key_lines[key], "not_whole" if whole else "not_number", what=what, field=key,
                         value=fields.raw.get(key, fields[key]), low=low, high=high)
            return None
        return fields[key]

    def numbers(self, fields, key: str, what: str, low: float, high: float) -> tuple | None:
        """A list of numbers from `low` to `high`, each entry that is not one reported at its line;
        None when the field is missing, not a list, or holds such an entry."""
        items = self.items(fields, key, what)
        bad = [(i, line) for i, (line, value) in enumerate(items) if not _is_number(value, low, high)]
        for i, line in bad:
            self.problem(line, "not_numbers", what=what, field=key, value=fields[key].raw.get(i, fields[key][i]),
                         low=low, high=high)
        if bad or not isinstance(fields.get(key), list):
            return None
        return tuple(value for _line, value in items)

    def entries(self, fields, key: str, what: str, counts: tuple[int, int], entry: str, keys: tuple[str, ...],
                build, required: tuple[str, ...] | None = None, unique: str = "id", **names) -> tuple:
        """The entries of the list `key` (`counts`: how few and how many), each a mapping of `keys`
        (all required unless `required` says which), built with `build(entry_fields, entry_what,
        line)`; `entry` is the strings key that names an entry in problems, with {number} (and any
        `names`). Entries that are no mapping are left out (reported), and the `unique` field of
        those built must be unique."""
        self.count(fields, key, what, *counts)
        built = []
        for number, (line, node) in enumerate(self.items(fields, key, what), 1):
            entry_what = t(entry, number=number, **names)
            entry_fields = self.mapping(node, line, entry_what, keys, keys if required is None else required)
            if entry_fields is not None:
                built.append(build(entry_fields, entry_what, line))
        self.unique(((b.line, getattr(b, unique)) for b in built), what)
        return tuple(built)

    def count(self, fields, key: str, what: str, low: int, high: int) -> None:
        value = fields.get(key)
        if isinstance(value, list) and not low <= len(value) <= high:
            self.problem(fields.key_lines[key], "count", what=what, field=key, count=len(value), low=low, high=high)

    def unique(self, lines_and_ids, what: str) -> None:
        seen: dict[str, int] = {}
        for line, ident in lines_and_ids:
            if ident and ident in seen:
                self.problem(line, "duplicate_id", what=what, id=ident, first=seen[ident])
            seen.setdefault(ident, line)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ExerciseError(self.problems)


def did_you_mean(value: str, choices) -> str:
    """"; did you mean 'x'?" for the closest of `choices`, or nothing when none is close."""
    near = difflib.get_close_matches(str(value), list(choices), n=1)
    return t("exercise_check.did_you_mean", near=near[0]) if near else ""


def _is_number(value, low: float, high: float, whole: bool = False) -> bool:
    """True for a number (not yes/no, which YAML also reads as one) from low to high."""
    kinds = int if whole else (int, float)
    return isinstance(value, kinds) and not isinstance(value, bool) and low <= value <= high


def load_exercise(path, build):
    """Read an exercise file and build it with `build(reader, data, path)`; raises ExerciseError
    listing every problem, from the YAML and from `build`, at once."""
    path = Path(path)
    reader = Reader(str(path))
    data = reader.read()
    built = build(reader, data, path) if data is not None else None
    reader.raise_if_any()
    return built


def load_fields(path, what: str, keys: tuple[str, ...], build, required: tuple[str, ...] | None = None):
    """`load_exercise` for a file that is one mapping of `keys` (all required unless `required` says
    which): `build(reader, fields, what_text, path)` gets that mapping; `what` is the strings key that
    names the file in problems."""
    def top(reader: Reader, data, path: Path):
        what_text = t(what)
        fields = reader.mapping(data, 1, what_text, keys, keys if required is None else required)
        return None if fields is None else build(reader, fields, what_text, path)
    return load_exercise(path, top)


def book_page_title(source, section: str) -> str:
    """The first heading of the book page `section` names, for a link's text; the path if unknown.

    `source` is the exercise file; the repository root is found from it, so this works from any
    working directory (notebook, tests, book build). In the browser there is no repository
    around the exercises: the titles packed in by the in-browser build are used.
    """
    page = section.partition("#")[0]
    root = repository_root(Path(source)) if source else None
    title = page_title(root / page) if root is not None else packaged_titles().get(page)
    return title or page


def examiner(kind: str, load):
    """A kind's `examine` for an exercise file: what `load` builds, or its problems, never raising."""
    def examine(path: Path) -> Examined:
        try:
            item = load(path)
        except ExerciseError as error:
            return Examined(Path(path), None, tuple(sorted(error.problems)), kind=kind)
        except Exception as error:   # a bug of ours still reaches the writer as FILE:LINE
            problem = Problem(str(path), 1, t("check.internal", error=f"{type(error).__name__}: {error}"))
            return Examined(Path(path), None, (problem,), kind=kind)
        return Examined(Path(path), item, (), item.id, 1, kind=kind)
    return examine


def placer(load, items: str | None = None):
    """A kind's `places` for an exercise file: {idea: the ids of the items (questions, sentences)
    that tag it}, or, without `items`, the ideas the file tags as a whole (its items belong
    together, as the parts of a protection map do); the file's problems when it does not load."""
    def places(path: Path):
        try:
            exercise = load(path)
        except ExerciseError as error:
            return Path(path).stem, {}, list(error.problems)
        if items is None:
            return exercise.title, {idea: "" for idea in exercise.key_ideas}, []
        by_idea: dict[str, list[str]] = {}
        for item in getattr(exercise, items):
            for idea in item.key_ideas:
                by_idea.setdefault(idea, []).append(item.id)
        return exercise.title, {idea: ", ".join(ids) for idea, ids in by_idea.items()}, []
    return places
