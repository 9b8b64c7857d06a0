"""The closing-reflection format as a JSON Schema, from the key tables of data.py."""
from __future__ import annotations

from casebook import schema_parts as s
from casebook.kinds.reflection import data
from casebook.strings import t


def _d(key: str) -> str:
    return t(f"schema.reflection.fields.{key}")


def schema() -> dict:
    prompt = s.group({"id": s.ident(_d("prompt_id")), "text": s.text(_d("prompt_text"))}, data.PROMPT_KEYS)
    low, high = data.PROMPTS
    top = {"id": s.ident(_d("id")), "title": s.text(_d("title")), "module": s.ident(_d("module")),
           "intro": s.text(_d("intro")),
           "prompts": {"type": "array", "minItems": low, "maxItems": high, "items": prompt, "description": _d("prompts")},
           "key_ideas": s.ideas(_d("key_ideas")), "book_section": s.book_section(_d("book_section"))}
    assert set(top) == set(data.EXERCISE_KEYS)
    return s.document("reflection", s.group(top, data.EXERCISE_KEYS))
