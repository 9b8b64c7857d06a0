"""Re-run the exercise notebooks when what they show has changed, not only their code.

jupyter-cache keys a notebook on its code cells, and Sphinx re-reads a page only when its own
file changed. The notebooks' widgets, though, are drawn by the engine (casebook/) from the
content files (vignettes, exercises): after a change there, the book would keep showing the old
widgets. This extension fingerprints those files; when the fingerprint differs from the last
build's, it empties the execution cache and marks every notebook page as outdated.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

WATCHED = ("casebook", "notebooks/vignettes", "notebooks/exercises")
SUFFIXES = {".py", ".yml", ".yaml"}


def fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for folder in WATCHED:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _on_builder_inited(app):
    app.course_fingerprint = fingerprint(Path(app.srcdir))
    if getattr(app.env, "course_fingerprint", None) != app.course_fingerprint:
        shutil.rmtree(Path(app.outdir).parent / ".jupyter_cache", ignore_errors=True)


def _on_env_get_outdated(app, env, added, changed, removed):
    if getattr(env, "course_fingerprint", None) == app.course_fingerprint:
        return []
    env.course_fingerprint = app.course_fingerprint
    return [doc for doc in env.found_docs if doc.startswith("notebooks/") and doc not in added]


def setup(app):
    app.connect("builder-inited", _on_builder_inited)
    app.connect("env-get-outdated", _on_env_get_outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
