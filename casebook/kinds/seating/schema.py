"""The seating format as a JSON Schema, from the key tables of data.py and the room's places."""
from __future__ import annotations

from casebook import schema_parts as s
from casebook.kinds.seating import data
from casebook.kinds.seating.room import PLACES, SEATS
from casebook.strings import t


def _d(key: str) -> str:
    return t(f"schema.seating.fields.{key}")


def _place(places, description: str) -> dict:
    return {"enum": list(places), "description": description}


def schema() -> dict:
    offer = s.group({"id": s.ident(_d("offer_id")), "text": s.text(_d("offer_text")),
                     "you": _place(SEATS, _d("you")), "client": _place(SEATS, _d("client"))}, data.OFFER_REQUIRED)
    reaction = s.group({"offer": s.ident(_d("offer")), "sits": _place(PLACES, _d("sits")),
                        "reaction": s.text(_d("reaction")), "attunement": s.text(_d("attunement")),
                        "key_ideas": s.ideas(_d("reaction_key_ideas"))}, data.REACTION_REQUIRED)
    client = s.group({"id": s.ident(_d("client_id")), "name": s.text(_d("name")), "about": s.text(_d("about")),
                      "reactions": {"type": "array", "minItems": 1, "items": reaction,
                                    "description": _d("reactions")}}, data.CLIENT_KEYS)
    assert set(offer["properties"]) == set(data.OFFER_KEYS) and set(client["properties"]) == set(data.CLIENT_KEYS)
    assert set(reaction["properties"]) == set(data.REACTION_KEYS)
    (o_low, o_high), (c_low, c_high) = data.OFFERS, data.CLIENTS
    top = {"id": s.ident(_d("id")), "title": s.text(_d("title")), "module": s.ident(_d("module")),
           "intro": s.text(_d("intro")),
           "offers": {"type": "array", "minItems": o_low, "maxItems": o_high, "items": offer,
                      "description": _d("offers")},
           "clients": {"type": "array", "minItems": c_low, "maxItems": c_high, "items": client,
                       "description": _d("clients")},
           "key_ideas": s.ideas(_d("key_ideas")), "book_section": s.book_section(_d("book_section"))}
    assert set(top) == set(data.EXERCISE_KEYS)
    return s.document("seating", s.group(top, data.EXERCISE_KEYS))
