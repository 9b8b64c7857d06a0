"""The vignette format as a JSON Schema, from the key tables of rules.py and the field descriptions
of the strings table (check.fields), the same words the checker uses."""
from __future__ import annotations

from casebook import schema_parts as s
from casebook.kinds.vignette import rules
from casebook.strings import t


def _field(part: str, key: str) -> str:
    return t(f"check.fields.{part}.{key}")


def schema() -> dict:
    feedback = s.group({k: s.text(_field("feedback", k)) for k in rules.FEEDBACK},
                       [k for k, need in rules.FEEDBACK.items() if need], _field("choice", "feedback"))
    choice = s.group({"id": s.ident(_field("choice", "id")), "text": s.text(_field("choice", "text")),
                      "feedback": feedback, "key_ideas": s.ideas(_field("choice", "key_ideas"), low=0),
                      "next": s.ident(_field("choice", "next")),
                      "book_section": s.book_section(_field("choice", "book_section"))},
                     [k for k, need in rules.CHOICE.items() if need])
    ending = s.group({k: s.text(_field("ending", k)) for k in rules.ENDING},
                     [k for k, need in rules.ENDING.items() if need], _field("scene", "ending"))
    low, high = rules.CHOICES_PER_DECISION
    scene = s.group({"id": s.ident(_field("scene", "id")), "text": s.text(_field("scene", "text")),
                     "pull": s.text(_field("scene", "pull")),
                     "choices": {"type": "array", "minItems": low, "maxItems": high, "items": choice,
                                 "description": _field("scene", "choices")},
                     "ending": ending},
                    [k for k, need in rules.SCENE.items() if need])
    scene["oneOf"] = [{"required": ["choices"], "not": {"required": ["ending"]}},
                      {"required": ["ending"], "not": {"required": ["choices"]}}]
    low_r, high_r = rules.REFLECTION_PROMPTS
    low_m, high_m = rules.MINUTES
    top = {
        "id": s.ident(_field("vignette", "id")), "title": s.text(_field("vignette", "title")),
        "module": {"enum": rules.known_modules(), "description": _field("vignette", "module")},
        "key_ideas": s.ideas(_field("vignette", "key_ideas")),
        "book_section": s.book_section(_field("vignette", "book_section")),
        "minutes": {"type": "integer", "minimum": low_m, "maximum": high_m,
                    "description": _field("vignette", "minutes")},
        "content_note": s.text(_field("vignette", "content_note")),
        "setting": s.text(_field("vignette", "setting")), "client": s.text(_field("vignette", "client")),
        "start": s.ident(_field("vignette", "start")),
        "scenes": {"type": "array", "minItems": 1, "items": scene, "description": _field("vignette", "scenes")},
        "reflection": s.texts(_field("vignette", "reflection"), low_r, high_r),
    }
    assert set(top) == set(rules.VIGNETTE), "the schema and the rules name the same keys"
    return s.document("vignette", s.group(top, [k for k, need in rules.VIGNETTE.items() if need]))
