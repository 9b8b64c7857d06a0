"""The then-and-now format as a JSON Schema, from the key tables of data.py."""
from __future__ import annotations

from casebook import schema_parts as s
from casebook.kinds.then_and_now import data
from casebook.strings import t


def _d(key: str) -> str:
    return t(f"schema.then_and_now.fields.{key}")


def schema() -> dict:
    pattern = s.group({k: (s.ident if k == "id" else s.text)(_d(f"pattern_{k}")) for k in data.PATTERN_KEYS},
                      data.PATTERN_KEYS)
    low, high = data.PATTERNS
    top = {"id": s.ident(_d("id")), "title": s.text(_d("title")), "module": s.ident(_d("module")),
           "intro": s.text(_d("intro")),
           "patterns": {"type": "array", "minItems": low, "maxItems": high, "items": pattern,
                        "description": _d("patterns")},
           "key_ideas": s.ideas(_d("key_ideas")), "book_section": s.book_section(_d("book_section"))}
    assert set(top) == set(data.EXERCISE_KEYS)
    return s.document("then_and_now", s.group(top, data.EXERCISE_KEYS))
