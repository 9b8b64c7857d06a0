"""Turning texts into HTML for the player: vignette Markdown rendered safely, learner text escaped.

Vignette texts are course content, written in short Markdown; they are rendered with raw HTML
switched off (any tag shows as text), images off (nothing is fetched, the course works offline)
and links limited to http, https and relative addresses. What a learner writes is never rendered:
it is escaped and shown as the plain text it is.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

from markdown_it import MarkdownIt

_SAFE_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def is_safe_link(url: str) -> bool:
    """True for http(s) links and relative ones (paths and #anchors); false for javascript: and co."""
    # Browsers ignore tabs and newlines inside a scheme ("java\tscript:"), so we do too.
    cleaned = re.sub(r"[\x00-\x20]", "", url)
    match = _SCHEME.match(cleaned)
    if match is None:
        return not cleaned.startswith("//")      # protocol-relative would leave the site
    return match.group(1).lower() in _SAFE_SCHEMES


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "typographer": False})
    md.disable(["image", "html_block", "html_inline"])
    md.validateLink = is_safe_link
    return md


_MD = _parser()


@lru_cache(maxsize=1024)
def render(text: str) -> str:
    """HTML for a short Markdown text from a vignette (cached: the same scenes come back often)."""
    return _MD.render(text or "").strip()


@lru_cache(maxsize=1024)
def render_inline(text: str) -> str:
    """HTML for a one-line Markdown text (a choice, a title), without the surrounding <p>."""
    return _MD.renderInline((text or "").strip())


def escape(text: str) -> str:
    """A learner's own text as HTML: every character shown as typed, line breaks kept."""
    return html.escape(text or "", quote=True).replace("\n", "<br>\n")


def render_document(text: str) -> str:
    """HTML for a whole Markdown document (the portfolio), with the same safe settings; not cached."""
    return _MD.render(text or "")
