"""Every text a learner sees in the interface comes from one table per language.

The table lives in `strings/<lang>.yml` (sections per component: player, quiz, ...).
A Dutch edition adds `strings/nl.yml` with the same keys; `CASEBOOK_LANG` picks it.
"""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=None)
def table(lang: str | None = None) -> dict:
    lang = lang or os.environ.get("CASEBOOK_LANG", "en")
    text = resources.files("casebook").joinpath("strings", f"{lang}.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def t(key: str, lang: str | None = None, **values) -> str:
    """Look up a dotted key such as `player.back`, filling `{name}` placeholders from values."""
    node = table(lang)
    for part in key.split("."):
        node = node[part]
    return str(node).format(**values) if values else str(node)
