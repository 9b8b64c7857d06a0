"""Pieces of the JSON Schemas the course publishes for its content files, so that an editor (VS Code
with the YAML language server, for example) completes keys and marks mistakes as a trainer types.
Each kind builds its schema from the same key tables its checks use (kinds/<kind>/schema.py); the
checker's FILE:LINE messages stay the authority, the schema is the editor's help."""
from __future__ import annotations

from casebook.exercise_file import BOOK_SECTION, ID, known_ideas
from casebook.strings import t

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def text(description: str) -> dict:
    return {"type": "string", "minLength": 1, "description": description}


def ident(description: str) -> dict:
    return {"type": "string", "pattern": ID.pattern, "description": description}


def ideas(description: str, low: int = 1) -> dict:
    return {"type": "array", "minItems": low, "items": {"enum": sorted(known_ideas())},
            "description": description}


def book_section(description: str) -> dict:
    return {"type": "string", "pattern": BOOK_SECTION.pattern, "description": description}


def texts(description: str, low: int, high: int) -> dict:
    return {"type": "array", "minItems": low, "maxItems": high, "items": {"type": "string", "minLength": 1},
            "description": description}


def group(properties: dict, required, description: str = "") -> dict:
    """An object with exactly these keys (a misspelt key is marked), `required` among them."""
    node = {"type": "object", "properties": properties, "required": [k for k in properties if k in required],
            "additionalProperties": False}
    if description:
        node["description"] = description
    return node


def document(kind: str, body: dict) -> dict:
    return {"$schema": DIALECT, "$id": f"{kind}.schema.json", "title": t(f"schema.{kind}.title"),
            "description": t(f"schema.{kind}.description"), **body}
