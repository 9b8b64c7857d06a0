"""Vignettes for the engine's tests, built straight from casebook.kinds.vignette.model.

`from_mapping` turns the YAML shape of the vignette format into model objects without the loader,
so these tests do not depend on it; `small()` is a compact vignette with every feature a player
meets (content note, pull, a shared scene reached two ways, two endings, reflection prompts).
"""
from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

import yaml

from casebook.kinds.vignette.model import Choice, Ending, Feedback, Scene, Vignette

ROOT = Path(__file__).resolve().parents[1]


def from_mapping(data: dict) -> Vignette:
    scenes = []
    for s in data["scenes"]:
        choices = tuple(
            Choice(id=c["id"], text=c["text"], next=c["next"], key_ideas=tuple(c.get("key_ideas", ())),
                   feedback=Feedback(**c["feedback"]))
            for c in s.get("choices", ()))
        ending = Ending(**s["ending"]) if "ending" in s else None
        scenes.append(Scene(id=s["id"], text=s["text"], choices=choices, ending=ending,
                            pull=s.get("pull", "")))
    return Vignette(
        id=data["id"], title=data["title"], module=data["module"],
        key_ideas=tuple(data["key_ideas"]), book_section=data["book_section"],
        setting=data["setting"], client=data["client"], start=data["start"], scenes=tuple(scenes),
        reflection=tuple(data["reflection"]), content_note=data.get("content_note", ""),
        minutes=data.get("minutes"))


def _feedback(tag: str) -> dict:
    return {"protection": f"{tag}: protection", "arousal_and_safety": f"{tag}: nervous system",
            "relationship": f"{tag}: relationship"}


SMALL = {
    "id": "test-vignette",
    "title": "A *test* vignette",
    "module": "resistance",
    "key_ideas": ["R1", "R10"],
    "book_section": "book/resistance/in-the-room.md#what-helps",
    "minutes": 5,
    "content_note": "Mentions a difficult week.",
    "setting": "An outpatient team, third session.",
    "client": "Sam, 30, a fictional composite.",
    "start": "opening",
    "scenes": [
        {"id": "opening", "text": "Sam has not done the homework.", "pull": "You feel impatient.",
         "choices": [
             {"id": "push", "text": "Insist on the homework.", "feedback": _feedback("push"),
              "key_ideas": ["R9"], "next": "tightens"},
             {"id": "curious", "text": "Ask what got in the way.", "feedback": _feedback("curious"),
              "key_ideas": ["R10"], "next": "opens"},
             {"id": "skip", "text": "Move on to something else.", "feedback": _feedback("skip"),
              "next": "tightens"},
         ]},
        {"id": "tightens", "text": "Sam goes quiet.",
         "choices": [
             {"id": "repair", "text": "Say sorry for going too fast.", "feedback": _feedback("repair"),
              "next": "opens"},
             {"id": "press-on", "text": "Press on with the plan.", "feedback": _feedback("press-on"),
              "next": "ending-closed"},
             {"id": "wait", "text": "Wait in silence.", "feedback": _feedback("wait"),
              "next": "ending-closed"},
         ]},
        {"id": "opens", "text": "Sam says the exercise felt frightening.",
         "choices": [
             {"id": "plan-together", "text": "Make a smaller plan together.",
              "feedback": _feedback("plan-together"), "next": "ending-open"},
             {"id": "explain", "text": "Explain why exposure works.", "feedback": _feedback("explain"),
              "next": "tightens"},
             {"id": "drop-it", "text": "Drop the homework altogether.", "feedback": _feedback("drop-it"),
              "next": "ending-closed"},
         ]},
        {"id": "ending-open", "text": "Sam leaves with a plan of his own.",
         "ending": {"title": "Room to move", "debrief": "The protection was *heard*."}},
        {"id": "ending-closed", "text": "Sam cancels the next session.",
         "ending": {"title": "A closed door", "debrief": "The protection was overruled."}},
    ],
    "reflection": ["What in you wanted to push?", "What would help you slow down?"],
}


def small(**overrides) -> Vignette:
    """The small test vignette; keyword arguments replace top-level fields of its mapping."""
    data = copy.deepcopy(SMALL)
    data.update(overrides)
    return from_mapping(data)


def mapping(**overrides) -> dict:
    data = copy.deepcopy(SMALL)
    data.update(overrides)
    return data


def real_vignettes() -> list[Path]:
    return sorted((ROOT / "notebooks" / "vignettes").glob("*/*.yml"))


@lru_cache(maxsize=None)
def realistic() -> Vignette:
    """The largest course vignette under notebooks/vignettes (most scenes), read with PyYAML here
    so the engine's tests need not depend on the loader; the small one if there is none."""
    found = []
    for path in real_vignettes():
        try:
            found.append(from_mapping(yaml.safe_load(path.read_text(encoding="utf-8"))))
        except (KeyError, TypeError, AttributeError, yaml.YAMLError):
            continue      # a vignette mid-edit by a trainer: the checker reports it, not us
    return max(found, key=lambda v: len(v.scenes), default=None) or small()
