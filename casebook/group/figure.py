"""The group's choices as a picture for a projector: one horizontal bar per choice or option, its text
above it in large type and the number of people after it (never said by colour or length alone).

A bar for fewer than three people is drawn hatched, at one length whatever the number, and says
"fewer than 3" instead of a number. Plain SVG with a title and a description (the bars in words), so
it draws the same in Voilà, JupyterLab and a static page without a plotting library.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape

from casebook.strings import t

WIDTH = 1000                    # the viewBox; the picture scales to the page's width
FONT, COUNT_FONT = 22, 24       # large enough to read from the back of a room on a projector
LINE = 29                       # one line of a choice's text
BAR_HEIGHT, GAP = 34, 22
BAR_MAX = 720                   # the longest bar; the rest of the width holds its count
WRAP = 78                       # characters per line of a choice's text at FONT (sans-serif)
FILL, HATCH, INK = "#1a5fb4", "#1a5fb4", "#1f1f1f"    # 7.6:1 and 16:1 against white (WCAG 1.4.3, 1.4.11)


@dataclass(frozen=True)
class Bar:
    text: str                   # the choice or option as the course's file words it
    n: int | None               # people; None for 1 or 2 (suppressed)


def count_text(n: int | None) -> str:
    if n is None:
        return t("group.fewer_than")
    return t("group.people_one") if n == 1 else t("group.people_other", count=n)


def bars_svg(bars: list[Bar], title: str, figure_id: str) -> str:
    """An SVG of `bars` with `title`; `figure_id` makes its title and desc ids unique on the page."""
    biggest = max([b.n for b in bars if b.n is not None] + [3])
    scale = BAR_MAX / biggest
    rows, y = [], 10
    for bar in bars:
        lines = textwrap.wrap(bar.text, WRAP, break_long_words=False) or [""]
        for line in lines:
            y += LINE
            rows.append(f'<text x="0" y="{y - 7}" font-size="{FONT}">{escape(line)}</text>')
        y += 4
        if bar.n is None:
            # 1 or 2 people: one length for both (1.5 people), hatched, so the bar tells no number.
            width = 1.5 * scale
            rows.append(f'<rect x="0" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                        f'fill="url(#{figure_id}-few)" stroke="{HATCH}" stroke-width="2"/>')
        else:
            width = bar.n * scale
            if width:
                rows.append(f'<rect x="0" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{FILL}"/>')
        rows.append(f'<line x1="0" y1="{y - 2}" x2="0" y2="{y + BAR_HEIGHT + 2}" stroke="{INK}" stroke-width="2"/>')
        rows.append(f'<text x="{width + 12:.1f}" y="{y + BAR_HEIGHT - 9}" font-size="{COUNT_FONT}" '
                    f'font-weight="700">{escape(count_text(bar.n))}</text>')
        y += BAR_HEIGHT + GAP
    height = y
    description = " ".join([t("group.figure_desc_intro")] + [
        t("group.figure_desc_item", text=bar.text, count=count_text(bar.n)) for bar in bars])
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" style="max-width:{WIDTH}px" aria-labelledby="{figure_id}-title {figure_id}-desc" '
            f'font-family="sans-serif" fill="{INK}" class="cb-group-figure">'
            f'<title id="{figure_id}-title">{escape(title)}</title>'
            f'<desc id="{figure_id}-desc">{escape(description)}</desc>'
            f'<defs><pattern id="{figure_id}-few" width="10" height="10" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="10" height="10" fill="#ffffff"/>'
            f'<rect width="4" height="10" fill="{HATCH}"/></pattern></defs>'
            f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>'
            + "".join(rows) + "</svg>")
