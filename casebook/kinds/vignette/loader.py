"""Load a vignette file into the frozen model, or say everything that is wrong with it.

    load(path) -> Vignette              raises VignetteError listing every problem as FILE:LINE: ...
    examine(path) -> Examined           the same work without raising (the checker uses it)
"""
from __future__ import annotations

import os
from pathlib import Path

from casebook.kinds.vignette import rules
from casebook import yamlsource
from casebook.errors import Examined, Problem, VignetteError
from casebook.kinds.vignette.model import Choice, Ending, Feedback, Scene, Vignette
from casebook.strings import t


def load(path: str | os.PathLike) -> Vignette:
    examined = examine(path)
    if examined.problems:
        raise VignetteError(examined.problems)
    return examined.item


def examine(path: str | os.PathLike) -> Examined:
    path = Path(path)
    try:
        data, problems = yamlsource.read(path)
        if data is not None:
            problems += rules.problems(data, path)
        ident, id_line = _written_id(data)
        vignette = None if problems else _build(data, path)
    except Exception as error:   # a bug of ours must still reach the writer as FILE:LINE, not a traceback
        problem = Problem(str(path), 1, t("check.internal", error=f"{type(error).__name__}: {error}"))
        return Examined(path, None, (problem,))
    return Examined(path, vignette, tuple(sorted(problems)), ident, id_line)


def _written_id(data) -> tuple[str | None, int]:
    if isinstance(data, yamlsource.YamlMap) and isinstance(data.get("id"), str):
        return data["id"].strip(), data.key_lines["id"]
    return None, 1


# -- building the model from data the rules accepted ------------------------------------------

def _text(mapping: yamlsource.YamlMap, key: str) -> str:
    value = mapping.get(key)
    if value is None:
        return ""
    return str(mapping.raw.get(key, value)).strip()


def _build(data: yamlsource.YamlMap, path: Path) -> Vignette:
    return Vignette(
        id=_text(data, "id"),
        title=_text(data, "title"),
        module=_text(data, "module"),
        key_ideas=tuple(str(i).strip() for i in data["key_ideas"]),
        book_section=_text(data, "book_section"),
        setting=_text(data, "setting"),
        client=_text(data, "client"),
        start=_text(data, "start"),
        scenes=tuple(_scene(scene, line) for scene, line in zip(data["scenes"], data["scenes"].item_lines)),
        reflection=tuple(str(data["reflection"].raw.get(i, p)).strip() for i, p in enumerate(data["reflection"])),
        content_note=_text(data, "content_note"),
        minutes=data.get("minutes"),
        source=path,
    )


def _scene(scene: yamlsource.YamlMap, line: int) -> Scene:
    ending = scene.get("ending")
    choices = scene.get("choices") or ()
    return Scene(
        id=_text(scene, "id"),
        text=_text(scene, "text"),
        choices=tuple(_choice(choice, at) for choice, at in zip(choices, getattr(choices, "item_lines", ()))),
        ending=Ending(_text(ending, "title"), _text(ending, "debrief")) if ending is not None else None,
        pull=_text(scene, "pull"),
        line=line,
    )


def _choice(choice: yamlsource.YamlMap, line: int) -> Choice:
    feedback = choice["feedback"]
    return Choice(
        id=_text(choice, "id"),
        text=_text(choice, "text"),
        feedback=Feedback(**{key: _text(feedback, key) for key in rules.FEEDBACK}),
        next=_text(choice, "next"),
        key_ideas=tuple(str(i).strip() for i in choice.get("key_ideas") or ()),
        line=line,
        book_section=_text(choice, "book_section"),
    )
