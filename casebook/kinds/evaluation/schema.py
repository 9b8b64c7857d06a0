"""The course-evaluation format as a JSON Schema, from the key tables of data.py."""
from __future__ import annotations

from casebook import schema_parts as s
from casebook.kinds.evaluation import data
from casebook.strings import t


def _d(key: str) -> str:
    return t(f"schema.evaluation.fields.{key}")


def schema() -> dict:
    statement = s.group({"id": s.ident(_d("statement_id")), "text": s.text(_d("statement_text"))}, data.STATEMENT_KEYS)
    question = s.group({"id": s.ident(_d("question_id")), "prompt": s.text(_d("prompt")),
                        "required": {"type": "boolean", "description": _d("required")}}, ("id", "prompt"))
    top = {"id": s.ident(_d("id")), "title": s.text(_d("title")), "module": s.ident(_d("module")),
           "intro": s.text(_d("intro")), "scale": s.texts(_d("scale"), *data.SCALE),
           "statements": {"type": "array", "minItems": data.STATEMENTS[0], "maxItems": data.STATEMENTS[1],
                          "items": statement, "description": _d("statements")},
           "open_questions": {"type": "array", "maxItems": data.OPEN[1], "items": question,
                              "description": _d("open_questions")}}
    assert set(top) == set(data.EVALUATION_KEYS)
    return s.document("evaluation", s.group(top, ("id", "title", "module", "intro", "scale", "statements")))
