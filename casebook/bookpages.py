"""Where the repository's book is, which anchors (#...) a page of it offers, and page titles.

A vignette's `book_section` names a page and optionally a heading on it; the checker uses
this module to confirm both exist, so a learner's "read more" link never leads nowhere.
Links name the page by its title. Where the book's sources are not beside the exercises (in the
browser, where only the notebooks/ folder is), the titles come from book_titles.json, which the
in-browser build writes into the package (tools/lite_wheels.py).
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_HEADING = re.compile(r"#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_LABEL = re.compile(r"\(([^()\s]+)\)=[ \t]*$")          # MyST target: (my-label)=
_FENCE = re.compile(r"(`{3,}|~{3,})")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`]*)`")            # {term}`text` -> text
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")           # [text](target) -> text


def repository_root(path: Path) -> Path | None:
    """The nearest folder above `path` that holds the book's `_toc.yml`, or None outside a repository."""
    return _root_of(str(Path(os.path.abspath(path)).parent))


PACKAGED_TITLES = Path(__file__).with_name("book_titles.json")


def page_title(page: Path) -> str | None:
    """The page's first level-1 heading, or None if the page cannot be read or has none."""
    try:
        for line in page.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    except OSError:
        pass
    return None


def page_titles(root: Path) -> dict[str, str]:
    """{"book/x/y.md": title} for every page of the book under `root` that has a title."""
    titles = {page.relative_to(root).as_posix(): page_title(page)
              for page in sorted((root / "book").rglob("*.md"))}
    return {page: title for page, title in titles.items() if title}


@lru_cache(maxsize=1)
def packaged_titles() -> dict[str, str]:
    """The titles the in-browser build packed in; empty anywhere else."""
    try:
        return json.loads(PACKAGED_TITLES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@lru_cache(maxsize=256)
def _root_of(folder: str) -> Path | None:
    here = Path(folder)
    for candidate in (here, *here.parents):
        if (candidate / "_toc.yml").is_file():
            return candidate
    return None


def anchors(page: Path) -> set[str]:
    """Every #anchor a link to this page may use: heading slugs (as MyST and as Sphinx make
    them, which differ for some punctuation) and explicit `(label)=` targets."""
    try:
        info = page.stat()
    except OSError:
        return set()
    return _anchors(str(page), info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=256)
def _anchors(page: str, _mtime: int, _size: int) -> set[str]:   # mtime/size: re-read after an edit
    try:
        text = Path(page).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    found: set[str] = set()
    fence = None
    for line in text.splitlines():
        stripped = line.strip()
        opening = _FENCE.match(stripped)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and stripped == opening.group(1):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        heading = _HEADING.match(stripped) if not line.startswith(("    ", "\t")) else None
        if heading:
            title = _LINK.sub(r"\1", _ROLE.sub(r"\1", heading.group(1))).replace("*", "").replace("`", "")
            found.update({_myst_slug(title), _sphinx_id(title)})
        label = _LABEL.match(stripped)
        if label:
            found.update({label.group(1), _sphinx_id(label.group(1))})
    found.discard("")
    return found


def _myst_slug(title: str) -> str:
    # as myst_parser's default_slugify (GitHub style)
    return re.sub(r"[^\w\u4e00-\u9fff\- ]", "", title.lower().replace(" ", "-"))


def _sphinx_id(title: str) -> str:
    # as docutils.nodes.make_id, the id Sphinx gives a section in the HTML
    ident = unicodedata.normalize("NFKD", title.lower()).encode("ascii", "ignore").decode("ascii")
    ident = re.sub("[^a-z0-9]+", "-", " ".join(ident.split()))
    return re.sub("^[-0-9]+|-+$", "", ident)


def book_href(book_section: str) -> str:
    """Link from a notebook to the book page a vignette points to.

    `book_section` is a path from the repository root (`book/x/y.md#anchor`). The built book puts
    notebooks/ and book/ side by side, so from a notebook's page the chapter is
    `../book/x/y.html#anchor`. Where the notebook is shown from elsewhere, CASEBOOK_BOOK_URL says
    where the built book's top folder is, seen from that page: "../../" in the in-browser site
    (tools/lite_site.py), "/static/" in `make lab` (JupyterLab serves the built book there).
    """
    page, _, anchor = book_section.partition("#")
    if page.endswith(".md") or page.endswith(".ipynb"):
        page = page.rsplit(".", 1)[0]
    base = os.environ.get("CASEBOOK_BOOK_URL") or "../"
    return f"{base.rstrip('/')}/{page}.html" + (f"#{anchor}" if anchor else "")
