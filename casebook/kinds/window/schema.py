"""The window-of-tolerance format as a JSON Schema, from the key tables and limits of data.py."""
from __future__ import annotations

from casebook import schema_parts as s
from casebook.kinds.window import data
from casebook.strings import t


def _d(key: str) -> str:
    return t(f"schema.window.fields.{key}")


def _course(description: str) -> dict:
    low, high = data.POINTS
    return {"type": "array", "minItems": low, "maxItems": high,
            "items": {"type": "number", "minimum": data.SCALE[0], "maximum": data.SCALE[1]},
            "description": description}


def schema() -> dict:
    move = s.group({"id": s.ident(_d("move_id")), "text": s.text(_d("move_text")), "course": _course(_d("course")),
                    "feedback": s.text(_d("feedback")), "key_ideas": s.ideas(_d("move_key_ideas"))}, data.MOVE_KEYS)
    low, high = data.MOVES
    edges = {"type": "number", "minimum": data.SCALE[0], "maximum": data.SCALE[1]}
    top = {"id": s.ident(_d("id")), "title": s.text(_d("title")), "module": s.ident(_d("module")),
           "intro": s.text(_d("intro")), "model_note": s.text(_d("model_note")), "person": s.text(_d("person")),
           "stressor": s.text(_d("stressor")),
           "window": {"type": "array", "minItems": 2, "maxItems": 2, "items": edges, "description": _d("window")},
           "minutes": {"type": "integer", "minimum": data.MINUTES[0], "maximum": data.MINUTES[1],
                       "description": _d("minutes")},
           "arrives": {"type": "integer", "minimum": 1, "maximum": data.POINTS[1] - 2, "description": _d("arrives")},
           "alone": _course(_d("alone")),
           "moves": {"type": "array", "minItems": low, "maxItems": high, "items": move, "description": _d("moves")},
           "key_ideas": s.ideas(_d("key_ideas")), "book_section": s.book_section(_d("book_section"))}
    assert set(top) == set(data.EXERCISE_KEYS)
    return s.document("window", s.group(top, data.EXERCISE_KEYS))
