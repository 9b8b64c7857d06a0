"""Which pages and notebooks `_toc.yml` lists, and which course files it misses."""
from __future__ import annotations

from pathlib import Path

import yaml

# Folders that hold no pages: extensions, static files, generated figures, checkpoints.
NOT_PAGES = {"_ext", "_static", "_generated", ".ipynb_checkpoints"}


def toc_entries(root: Path) -> list[str]:
    """Every `file:` (and the root) in _toc.yml, as paths without suffix, in order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc.get("parts", []))
    walk(toc.get("chapters", []))
    return found


def course_pages(root: Path) -> list[Path]:
    """Every page of prose under book/ and every notebook under notebooks/."""
    pages = [p for p in (root / "book").rglob("*.md")] + [p for p in (root / "notebooks").rglob("*.ipynb")]
    return sorted(p for p in pages if not NOT_PAGES & set(p.relative_to(root).parts))


def orphans(root: Path) -> list[str]:
    listed = set(toc_entries(root))
    return [str(p.relative_to(root)) for p in course_pages(root)
            if str(p.relative_to(root).with_suffix("")) not in listed]


def missing(root: Path) -> list[str]:
    """Entries of _toc.yml with no .md or .ipynb file behind them."""
    return [entry for entry in toc_entries(root)
            if not any((root / f"{entry}{suffix}").is_file() for suffix in (".md", ".ipynb"))]
