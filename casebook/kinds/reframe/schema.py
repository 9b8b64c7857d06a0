"""The rewriting-exercise format as a JSON Schema, from the key tables of data.py."""
from __future__ import annotations

from casebook import schema_parts as s
from casebook.kinds.reframe import data
from casebook.strings import t


def _d(key: str) -> str:
    return t(f"schema.reframe.fields.{key}")


def schema() -> dict:
    check = s.group({"id": s.ident(_d("check_id")), "text": s.text(_d("check_text"))}, data.CHECK_KEYS)
    sentence = s.group({"id": s.ident(_d("sentence_id")), "setting": s.text(_d("setting")),
                        "note": s.text(_d("note")), "reframes": s.texts(_d("reframes"), 1, 2),
                        "key_ideas": s.ideas(_d("key_ideas")), "book_section": s.book_section(_d("book_section"))},
                       ("id", "note", "reframes", "key_ideas"))
    labels = s.group({k: s.text(t(f"reframe.{k}")) for k in data.LABEL_KEYS}, (), _d("labels"))
    top = {"id": s.ident(_d("id")), "title": s.text(_d("title")), "module": s.ident(_d("module")),
           "intro": s.text(_d("intro")), "labels": labels,
           "checklist": {"type": "array", "minItems": 3, "maxItems": 8, "items": check, "description": _d("checklist")},
           "sentences": {"type": "array", "minItems": 1, "maxItems": 50, "items": sentence,
                         "description": _d("sentences")}}
    assert set(top) == set(data.EXERCISE_KEYS) and set(sentence["properties"]) == set(data.SENTENCE_KEYS)
    return s.document("reframe", s.group(top, [k for k in data.EXERCISE_KEYS if k != "labels"]))
