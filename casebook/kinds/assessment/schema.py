"""The final-assessment format as a JSON Schema: the knowledge check's questions with a pass mark."""
from __future__ import annotations

from casebook import schema_parts as s
from casebook.kinds.assessment import data
from casebook.kinds.quiz.schema import schema as quiz_schema
from casebook.strings import t


def schema() -> dict:
    quiz = quiz_schema()
    question = quiz["properties"]["questions"]["items"]
    low, high = data.PASS_MARK
    top = {"id": s.ident(t("schema.assessment.fields.id")), "title": s.text(t("schema.assessment.fields.title")),
           "module": s.ident(t("schema.assessment.fields.module")), "intro": s.text(t("schema.assessment.fields.intro")),
           "pass_mark": {"type": "integer", "minimum": low, "maximum": high,
                         "description": t("schema.assessment.fields.pass_mark")},
           "questions": {"type": "array", "minItems": 1, "items": question,
                         "description": t("schema.assessment.fields.questions")}}
    assert set(top) == set(data.ASSESSMENT_KEYS)
    return s.document("assessment", s.group(top, data.ASSESSMENT_KEYS))
