"""The figure of a window-of-tolerance exercise as inline SVG, drawn here in plain Python (no
plotting library: it must run fast in the browser's Pyodide too, and fetch nothing).

The window is a shaded band with a hatch, so it is not told by colour alone, with its three zones
named in writing; the course alone is dashed, the chosen move's course solid, each named in a key
drawn with the same line; the stressor is a labelled vertical line. The arousal axis carries no
numbers: the figure is a teaching model, not a measurement. The SVG is an image to assistive
technology (role="img"), named by its <title> and described by <desc>."""
from __future__ import annotations

from casebook.markdown import escape
from casebook.strings import t
from casebook.widgets import plain

WIDTH, HEIGHT = 720, 430
LEFT, RIGHT, TOP, BOTTOM = 64, 520, 44, 320     # the plot area
INK, MUTED, BAND, HATCH = "#1f1f1f", "#4d4d4d", "#dcefe0", "#4f7f5b"   # on white: 16, 8.5, -, 4.7 to 1
CHOSEN, STRESSOR = "#1a5fb4", "#a51d2d"           # on white: 6.3 and 7.5 to 1
ALONE_DASH = "9 6"
STEPS = (1, 2, 5, 10, 15, 20, 30, 60)            # minutes between the ticks of the time axis


def x_at(index: int, points: int) -> float:
    return LEFT + (RIGHT - LEFT) * index / (points - 1)


def y_at(value: float, scale) -> float:
    low, high = scale
    return BOTTOM - (BOTTOM - TOP) * (value - low) / (high - low)


def _text(x: float, y: float, words: str, size: int = 14, anchor: str = "start", **extra) -> str:
    more = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in extra.items())
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{INK}"{more}>'
            f"{escape(plain(words))}</text>")


def _line(course, scale, colour: str, width: float, dash: str = "") -> str:
    points = " ".join(f"{x_at(i, len(course)):.1f},{y_at(v, scale):.1f}" for i, v in enumerate(course))
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width}"'
            f' stroke-linejoin="round"{dashes}/>')


def _time_axis(minutes: int) -> list[str]:
    step = next((s for s in STEPS if minutes / s <= 6), STEPS[-1])
    parts = [f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="{INK}" stroke-width="1.5"/>']
    for minute in range(0, minutes + 1, step):
        x = LEFT + (RIGHT - LEFT) * minute / minutes
        parts += [f'<line x1="{x:.1f}" y1="{BOTTOM}" x2="{x:.1f}" y2="{BOTTOM + 6}" stroke="{INK}"/>',
                  _text(x, BOTTOM + 22, str(minute), 13, "middle")]
    parts.append(_text((LEFT + RIGHT) / 2, BOTTOM + 46, t("window.figure.time_axis"), 14, "middle"))
    return parts


def _key(y: float, colour: str, width: float, dash: str, label: str, x: float) -> list[str]:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return [f'<line x1="{x}" y1="{y - 5}" x2="{x + 44}" y2="{y - 5}" stroke="{colour}"'
            f' stroke-width="{width}"{dashes}/>',
            _text(x + 54, y, label)]


def figure_svg(*, uid: str, window, scale, minutes: int, arrives: int, alone, chosen, title: str,
               description: str, chosen_label: str | None = None, alone_label: str | None = None) -> str:
    """The figure as one <svg> element. `uid` makes its ids unique on the page (its hatch, title and
    description); `chosen` is the chosen move's course, or None to draw the course alone."""
    lower, upper = window
    band_top, band_bottom = y_at(upper, scale), y_at(lower, scale)
    points = len(alone)
    stress_x = x_at(arrives, points)
    hatch = f"cb-hatch-{uid}"
    label_x = RIGHT + 14
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%"'
        f' style="max-width:{WIDTH}px;height:auto" role="img" aria-label="{escape(plain(title))}"'
        f' aria-describedby="cb-desc-{uid}" font-family="sans-serif">',
        f'<title id="cb-title-{uid}">{escape(plain(title))}</title>',
        f'<desc id="cb-desc-{uid}">{escape(plain(description))}</desc>',
        f'<defs><pattern id="{hatch}" width="10" height="10" patternUnits="userSpaceOnUse"'
        f' patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="10" stroke="{HATCH}" stroke-width="2"/>'
        f"</pattern></defs>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        # the window: a band with a hatch, its edges drawn as lines
        f'<rect x="{LEFT}" y="{band_top:.1f}" width="{RIGHT - LEFT}" height="{band_bottom - band_top:.1f}"'
        f' fill="{BAND}"/>',
        f'<rect x="{LEFT}" y="{band_top:.1f}" width="{RIGHT - LEFT}" height="{band_bottom - band_top:.1f}"'
        f' fill="url(#{hatch})" fill-opacity="0.45"/>',
        *(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{RIGHT}" y2="{y:.1f}" stroke="{HATCH}" stroke-width="1.5"/>'
          for y in (band_top, band_bottom)),
        # the zones, named in writing beside the plot
        _text(label_x, (TOP + band_top) / 2 + 5, t("window.figure.hyper")),
        _text(label_x, (band_top + band_bottom) / 2 + 5, t("window.figure.window")),
        _text(label_x, (band_bottom + BOTTOM) / 2 + 5, t("window.figure.hypo")),
        # the arousal axis: a direction, no numbers
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}" stroke="{INK}" stroke-width="1.5"/>',
        _text(22, (TOP + BOTTOM) / 2, t("window.figure.arousal_axis"), 14, "middle",
              transform=f"rotate(-90 22 {(TOP + BOTTOM) / 2:.1f})"),
        *_time_axis(minutes),
        # the stressor
        f'<line x1="{stress_x:.1f}" y1="{TOP - 8}" x2="{stress_x:.1f}" y2="{BOTTOM}" stroke="{STRESSOR}"'
        f' stroke-width="2" stroke-dasharray="2 4"/>',
        _text(stress_x, TOP - 14, t("window.figure.stressor"), 14, "middle", font_weight="600"),
        _line(alone, scale, MUTED, 2.5, ALONE_DASH),
    ]
    if chosen is not None:
        parts.append(_line(chosen, scale, CHOSEN, 3.5))
    key_y = HEIGHT - 24
    parts += _key(key_y, MUTED, 2.5, ALONE_DASH, alone_label or t("window.figure.alone"), LEFT)
    if chosen is not None:
        # the second key after the first one's label (about 8 units a character at this size)
        second = LEFT + max(250, 62 + 8 * len(alone_label or t("window.figure.alone")))
        parts += _key(key_y, CHOSEN, 3.5, "", chosen_label or t("window.figure.chosen"), second)
    parts.append("</svg>")
    return "".join(parts)
