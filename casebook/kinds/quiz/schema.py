"""The knowledge-check format as a JSON Schema, from the key tables of data.py."""
from __future__ import annotations

from casebook import schema_parts as s
from casebook.kinds.quiz import data
from casebook.strings import t


def _d(key: str) -> str:
    return t(f"schema.quiz.fields.{key}")


def schema() -> dict:
    option = s.group({"id": s.ident(_d("option_id")), "text": s.text(_d("option_text")),
                      "fits": {"type": "boolean", "description": _d("fits")},
                      "explanation": s.text(_d("explanation"))}, data.OPTION_KEYS)
    question = s.group({"id": s.ident(_d("question_id")),
                        "kind": {"enum": list(data.KINDS), "description": _d("kind")},
                        "scenario": s.text(_d("scenario")), "prompt": s.text(_d("prompt")),
                        "key_ideas": s.ideas(_d("key_ideas")), "book_section": s.book_section(_d("book_section")),
                        "options": {"type": "array", "minItems": 2, "maxItems": 5, "items": option,
                                    "description": _d("options")}},
                       [k for k in data.QUESTION_KEYS if k != "scenario"])
    top = {"id": s.ident(_d("id")), "title": s.text(_d("title")), "module": s.ident(_d("module")),
           "intro": s.text(_d("intro")),
           "questions": {"type": "array", "minItems": 1, "items": question, "description": _d("questions")}}
    assert set(top) == set(data.QUIZ_KEYS) and set(question["properties"]) == set(data.QUESTION_KEYS)
    return s.document("quiz", s.group(top, data.QUIZ_KEYS))
