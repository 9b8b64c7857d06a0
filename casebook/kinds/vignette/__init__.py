"""Branching case vignettes: the model (model, graph), the format's rules (rules), loading (loader),
playing (walkthrough: plain Python) and the ipywidgets view (player)."""
from __future__ import annotations

from pathlib import Path

import yaml

from casebook.errors import Problem
from casebook.kinds.kind import Kind
from casebook.kinds.vignette.schema import schema
from casebook.kinds.vignette.loader import examine
from casebook.kinds.vignette.portfolio import portfolio_lines


def places(path: Path) -> tuple[str, dict[str, str], list[Problem]]:
    """Where a vignette tags each key idea: the whole file, and the choices (as scene/choice).
    Read from the YAML even when the file has other problems, so coverage shows what is meant."""
    try:
        data = yaml.safe_load(Path(path).read_bytes())
    except (OSError, yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return path.stem, {}, [Problem(str(path), mark.line + 1 if mark else 1,
                                       f"cannot be read as YAML ({exc.__class__.__name__})")]
    if not isinstance(data, dict):
        return path.stem, {}, []
    tagged: dict[str, list[str]] = {}
    for scene in _list(data.get("scenes")):
        for choice in _list(scene.get("choices") if isinstance(scene, dict) else None):
            if isinstance(choice, dict):
                for idea in _list(choice.get("key_ideas")):
                    tagged.setdefault(str(idea), []).append(f"{scene.get('id')}/{choice.get('id')}")
    ideas = {str(i) for i in _list(data.get("key_ideas"))} | set(tagged)
    return str(data.get("title") or path.stem), {i: ", ".join(tagged.get(i, [])) for i in ideas}, []


def _list(value) -> list:
    return value if isinstance(value, list) else []


KIND = Kind(name="vignette", marker="scenes", examine=examine, column="practised", places=places,
            view="casebook.kinds.vignette.player:Player", portfolio=portfolio_lines,
            schema=schema)
