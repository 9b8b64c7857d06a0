"""The protection-map format as a JSON Schema, from the key tables of data.py."""
from __future__ import annotations

from casebook import schema_parts as s
from casebook.kinds.protection_map import data
from casebook.strings import t


def _d(key: str) -> str:
    return t(f"schema.protection_map.fields.{key}")


def schema() -> dict:
    part = s.group({k: (s.ident if k == "id" else s.text)(_d(f"part_{k}")) for k in data.PART_KEYS}, data.PART_KEYS)
    low, high = data.PARTS
    top = {"id": s.ident(_d("id")), "title": s.text(_d("title")), "module": s.ident(_d("module")),
           "intro": s.text(_d("intro")), "case": s.text(_d("case")),
           "parts": {"type": "array", "minItems": low, "maxItems": high, "items": part, "description": _d("parts")},
           "key_ideas": s.ideas(_d("key_ideas")), "book_section": s.book_section(_d("book_section"))}
    assert set(top) == set(data.MAP_KEYS)
    return s.document("protection_map", s.group(top, data.MAP_KEYS))
