"""Vignette files written as YAML text, with the line of every key recorded as it is written.

The checker's tests need to know where each key landed in order to say which line a problem
must be reported at; computing the lines while writing keeps that knowledge independent of the
loader under test. `bench/bench_check.py` uses `realistic` to make files of a realistic size.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

FEEDBACK_KEYS = ("protection", "arousal_and_safety", "relationship")
WORDS = ("the client looks at the floor and her hands go still while the room grows quiet and "
         "she says she does not know what to say today because the week was long and heavy").split()


@dataclass
class SceneSpec:
    id: str
    ending: bool = False
    targets: list[str] = field(default_factory=list)   # one choice per target


@dataclass
class Written:
    text: str
    lines: dict   # ("scene", i) -> line of the scene's first key; ("scene", i, "text") -> line of text: ...


class _Out:
    def __init__(self, rng: random.Random | None):
        self.rows: list[str] = []
        self.lines: dict = {}
        self.rng = rng

    def order(self, keys: list[str]) -> list[str]:
        keys = list(keys)
        if self.rng:
            self.rng.shuffle(keys)
        return keys

    def mapping(self, items: dict, indent: int, where: tuple, dash: bool = False) -> None:
        """Write `items` (key -> str | list[str] | callable writing a block) as a block mapping."""
        for number, key in enumerate(self.order(list(items))):
            prefix = " " * indent + ("- " if dash and number == 0 else "  " if dash else "")
            value = items[key]
            line = len(self.rows) + 1
            if number == 0:
                self.lines[where] = line
            self.lines[(*where, key)] = line
            if callable(value):
                self.rows.append(f"{prefix}{key}:")
                value(indent + (4 if dash else 2))
            elif isinstance(value, list):
                self.rows.append(f"{prefix}{key}: [{', '.join(value)}]")
            elif "\n" in value:   # a long text: a folded block, as writers do
                self.rows.append(f"{prefix}{key}: >")
                pad = " " * (indent + (6 if dash else 4))
                self.rows += [pad + row for row in value.split("\n")]
            else:
                self.rows.append(f"{prefix}{key}: {value}")


def _words(rng: random.Random | None, count: int, long: bool) -> str:
    if rng is None:
        return " ".join(WORDS[:count]).capitalize() + "."
    words = [rng.choice(WORDS) for _ in range(count)]
    text = " ".join(words).capitalize() + "."
    if not long:
        return text
    rows, row = [], []
    for word in text.split():
        row.append(word)
        if len(" ".join(row)) > 70:
            rows.append(" ".join(row))
            row = []
    return "\n".join(rows + ([" ".join(row)] if row else []))


def vignette(ident: str, scenes: list[SceneSpec], start: str, *, module: str = "example",
             book_section: str = "book/facilitators/write-a-vignette.md", rng: random.Random | None = None,
             long: bool = False) -> Written:
    """A vignette with the given scene graph; every other field valid. With `rng`, keys come in a
    random order and texts vary; with `long`, texts are paragraphs of realistic length."""
    out = _Out(rng)
    size = (lambda n: n * 6) if long else (lambda n: n)

    def text(n: int) -> str:
        return _words(rng, size(n), long)

    def feedback_block(i: int, j: int):
        def write(indent: int) -> None:
            out.mapping({k: text(5) for k in FEEDBACK_KEYS}, indent, ("feedback", i, j))
        return write

    def ending_block(i: int):
        def write(indent: int) -> None:
            out.mapping({"title": "How it ends", "debrief": text(12)}, indent, ("ending", i))
        return write

    def choices_block(i: int, spec: SceneSpec):
        def write(indent: int) -> None:
            for j, target in enumerate(spec.targets):
                out.mapping({"id": f"move-{j}", "text": text(8), "feedback": feedback_block(i, j),
                             "key_ideas": ["R10"], "next": target}, indent, ("choice", i, j), dash=True)
        return write

    def scenes_block(indent: int) -> None:
        for i, spec in enumerate(scenes):
            items = {"id": spec.id, "text": text(14), "pull": text(6)}
            if spec.ending:
                items["ending"] = ending_block(i)
            else:
                items["choices"] = choices_block(i, spec)
            out.mapping(items, indent, ("scene", i), dash=True)

    def reflection_block(indent: int) -> None:
        for k in range(2):
            out.lines[("reflection", k)] = len(out.rows) + 1
            out.rows.append(" " * indent + f"- What did you notice in yourself at moment {k + 1}?")

    out.mapping({
        "id": ident, "title": "A test of the checker", "module": module, "key_ideas": ["R4", "R10"],
        "book_section": book_section, "minutes": "10", "setting": text(10), "client": text(10),
        "start": start, "scenes": scenes_block, "reflection": reflection_block,
    }, 0, ("vignette",))
    return Written("\n".join(out.rows) + "\n", out.lines)


def small_graph() -> list[SceneSpec]:
    """One decision of three moves, and two endings."""
    return [SceneSpec("opening", targets=["closed", "open", "closed"]),
            SceneSpec("closed", ending=True), SceneSpec("open", ending=True)]


def realistic(ident: str, rng: random.Random) -> Written:
    """About the size of the course's vignettes: 9 scenes, 3 decisions deep, paragraphs of text."""
    graph = [
        SceneSpec("opening", targets=["tightens", "softens", "tightens"]),
        SceneSpec("tightens", targets=["closed", "repair", "closed", "stalls"]),
        SceneSpec("softens", targets=["room", "tightens", "room"]),
        SceneSpec("stalls", targets=["closed", "repair", "room"]),
        SceneSpec("repair", targets=["room", "room", "closed"]),
        SceneSpec("closed", ending=True), SceneSpec("room", ending=True),
    ]
    return vignette(ident, graph, "opening", rng=rng, long=True)


def write(folder: Path, written: Written | str, name: str, module: str = "example") -> Path:
    """Write to folder/<module>/<name>.yml (the checker wants module == folder)."""
    path = Path(folder) / module / f"{name}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(written.text if isinstance(written, Written) else written, encoding="utf-8")
    return path
