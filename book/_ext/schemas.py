"""Publish a JSON Schema for each kind of content file with the book (Sphinx extension, registered
as ``schemas``): _build/html/schemas/<kind>.schema.json, so that a trainer's editor can complete keys
and mark mistakes while typing (see the page "Write your own vignette"). The schemas come from each
kind (casebook.kinds.registry); the written files are byte-stable, so a rebuild changes nothing.
They are made again only when the engine or this module changed (tools/buildstamp.py): loading
every kind is a tenth of a second that a build with nothing changed need not spend."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import casebook

# The tools/ of the checkout the engine comes from (so also for a test's small book that copies
# book/_ext alone): buildstamp skips work whose inputs have not changed.
TOOLS = Path(casebook.__file__).resolve().parents[1] / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))
import buildstamp  # noqa: E402

FOLDER = "schemas"


def write_schemas(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir) / FOLDER
    # The engine holds the kinds, their strings and key ideas; CASEBOOK_LANG picks the strings.
    key = buildstamp.digest([Path(casebook.__file__).parent, Path(__file__).resolve()],
                            extra=[os.environ.get("CASEBOOK_LANG", "")])
    stamp = Path(app.doctreedir) / "schemas.buildstamp"   # build state, not a page to publish
    if buildstamp.is_current(out, key, stamp):
        return
    buildstamp.clear(out, stamp)
    from casebook.kinds.registry import KINDS

    out.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        text = json.dumps(kind.schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        path = out / f"{kind.name}.schema.json"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    buildstamp.record(out, key, stamp)


def setup(app):
    app.connect("build-finished", write_schemas)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
