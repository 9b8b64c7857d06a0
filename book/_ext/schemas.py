"""Publish a JSON Schema for each kind of content file with the book (Sphinx extension, registered
as ``schemas``): _build/html/schemas/<kind>.schema.json, so that a trainer's editor can complete keys
and mark mistakes while typing (see the page "Write your own vignette"). The schemas come from each
kind (casebook.kinds.registry); the written files are byte-stable, so a rebuild changes nothing."""
from __future__ import annotations

import json
from pathlib import Path

from casebook.kinds.registry import KINDS

FOLDER = "schemas"


def write_schemas(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir) / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        text = json.dumps(kind.schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        path = out / f"{kind.name}.schema.json"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("build-finished", write_schemas)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
