"""Draw the book's figures at build time (Sphinx extension, registered as ``figures``).

The figures are made from code rather than committed as images, so that anyone can
change a label or a colour and rebuild. Output goes to book/_generated/ (gitignored).

Rules this module keeps:
- offline and headless: matplotlib with the Agg canvas, no pyplot global state;
- deterministic: fixed SVG hash salt, no date or creator metadata, so a rebuild with the
  same code gives byte-identical files and does not mark pages as changed;
- accessible: zones differ by hatching and by written labels, never by colour alone;
  colours are chosen for contrast against the text drawn on them;
- cheap when nothing changed: a figure is drawn again only when this module, the data it is
  drawn from or the plotting packages changed, or a file of it is missing (tools/buildstamp.py).
"""
import os
import sys
from pathlib import Path
from typing import Callable, NamedTuple

from sphinx.errors import ExtensionError
from sphinx.util import logging

import casebook
from casebook.strings import t as words

# The tools/ of the checkout the engine comes from (so also for a test's small book that copies
# book/_ext alone): buildstamp skips work whose inputs have not changed.
TOOLS = Path(casebook.__file__).resolve().parents[1] / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))
import buildstamp  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

logger = logging.getLogger(__name__)

OUT_DIR = Path(__file__).resolve().parent.parent / "_generated"

# Colours: pale fills so that black text on top keeps a contrast ratio well above 4.5:1.
HYPER_FILL = "#fde3c8"   # pale orange
WINDOW_FILL = "#e8f4ea"  # pale green
HYPO_FILL = "#dde6f3"    # pale blue
INK = "#1a1a1a"
EDGE = "#4d4d4d"
FONT_SIZE = 12


def _arousal_pushing(t):
    """A session in which the pace is pushed: arousal rises past the upper edge, then collapses."""
    import numpy as np

    base = 0.0 + 0.12 * np.sin(2.2 * t)
    push = np.where(t > 3.0, 1.55 * (1 - np.exp(-(t - 3.0) * 1.6)), 0.0)
    collapse = np.where(t > 5.4, 3.1 * (1 - np.exp(-(t - 5.4) * 1.5)), 0.0)
    return base + push - collapse


def _arousal_pacing(t):
    """The same start, but the clinician slows down near the edge: arousal settles again."""
    import numpy as np

    base = 0.12 * np.sin(2.2 * t)
    rise = 0.85 * np.exp(-((t - 3.9) ** 2) / 0.9)
    settle = 0.08 * np.sin(1.6 * t) * np.clip(t - 6.0, 0.0, 1.0)
    return base + rise + settle


def _draw_panel(ax, t, y, title, notes, widening):
    """One panel: three zones, an arousal trace, and short written notes."""
    import numpy as np

    ax.set_xlim(t[0], t[-1])
    ax.set_ylim(-2.4, 2.4)
    # In panel B the window is drawn as slowly widening: a clinical hope, not a measurement.
    # The edges are piecewise straight, so a coarse grid draws them exactly and keeps files small.
    x = np.linspace(t[0], t[-1], 41)
    grow = np.clip((x - 6.5) / 3.5, 0, 1) * 0.35 if widening else np.zeros_like(x)
    top, bottom = 1.0 + grow, -1.0 - grow
    ax.fill_between(x, top, 2.4, facecolor=HYPER_FILL, edgecolor=EDGE, hatch="//", linewidth=0)
    ax.fill_between(x, -2.4, bottom, facecolor=HYPO_FILL, edgecolor=EDGE, hatch="--", linewidth=0)
    ax.fill_between(x, bottom, top, facecolor=WINDOW_FILL, linewidth=0)
    edge_style = "--" if widening else "-"
    ax.plot(x, top, color=EDGE, linestyle=edge_style, linewidth=1.4)
    ax.plot(x, bottom, color=EDGE, linestyle=edge_style, linewidth=1.4)

    label_box = dict(boxstyle="round,pad=0.25", facecolor="white", edgecolor="none", alpha=0.9)
    ax.text(0.15, 1.95, words("figures.window.hyper"), fontsize=FONT_SIZE,
            color=INK, va="center", bbox=label_box)
    ax.text(0.15, 0.72, words("figures.window.window"), fontsize=FONT_SIZE, color=INK,
            va="center", fontweight="bold", bbox=label_box)
    ax.text(0.15, -1.95, words("figures.window.hypo"), fontsize=FONT_SIZE,
            color=INK, va="center", bbox=label_box)

    ax.plot(t, y, color=INK, linewidth=2.6, solid_capstyle="round")
    for (x, yy, text, tx, ty) in notes:
        ax.annotate(text, xy=(x, yy), xytext=(tx, ty), fontsize=FONT_SIZE - 1, color=INK,
                    ha="center", va="center", bbox=label_box,
                    arrowprops=dict(arrowstyle="->", color=INK, linewidth=1.2))

    ax.set_title(title, fontsize=FONT_SIZE + 1, loc="left", color=INK, fontweight="bold")
    ax.set_ylabel(words("figures.window.arousal"), fontsize=FONT_SIZE, color=INK)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def draw_window_of_tolerance(path_stem):
    """Two panels, same start: (A) the pace is pushed, (B) the clinician slows down."""
    import matplotlib
    import numpy as np
    from matplotlib.figure import Figure

    # Fixed salt, a fixed font and no metadata: identical code gives identical bytes.
    style = {"svg.hashsalt": "course-figures", "svg.fonttype": "path", "font.family": "DejaVu Sans"}
    with matplotlib.rc_context(style):
        t = np.linspace(0, 10, 200)
        fig = Figure(figsize=(7.5, 7.6), layout="constrained")
        ax_a, ax_b = fig.subplots(2, 1)

        y_a = _arousal_pushing(t)
        _draw_panel(ax_a, t, y_a, words("figures.window.pushed_title"), [
            (3.6, float(np.interp(3.6, t, y_a)), words("figures.window.pushed"), 2.35, 1.35),
            (5.2, float(np.interp(5.2, t, y_a)), words("figures.window.alarm"), 6.6, 1.95),
            (8.0, float(np.interp(8.0, t, y_a)), words("figures.window.shuts_down"), 8.0, -1.25),
        ], widening=False)

        y_b = _arousal_pacing(t)
        _draw_panel(ax_b, t, y_b, words("figures.window.paced_title"), [
            (4.0, float(np.interp(4.0, t, y_b)), words("figures.window.notices"), 6.0, 0.45),
            (7.2, float(np.interp(7.2, t, y_b)), words("figures.window.settles"), 7.2, -0.55),
            (9.3, 1.3, words("figures.window.widens"), 8.25, 1.85),
        ], widening=True)
        ax_b.set_xlabel(words("figures.window.time"), fontsize=FONT_SIZE, color=INK)

        return [
            _save_if_changed(fig, path_stem.with_suffix(".svg"), "svg",
                             {"metadata": {"Date": None, "Creator": None}}),
            _save_if_changed(fig, path_stem.with_suffix(".png"), "png",
                             {"dpi": 150, "metadata": {"Software": None}}),
        ]


# Module 2: the cycle of longing and alarm. Pale fills again, and the two kinds of step
# differ by hatching and by a written legend, not by colour alone.
TOWARDS_FILL = "#e8f4ea"  # pale green: moving towards contact
AWAY_FILL = "#dde6f3"     # pale blue: moving away from contact

# (step, centre, towards contact?); its name and what it can look like are under figures.cycle.
# Clockwise from the top: approach -> alarm -> distance -> relief -> loneliness -> approach.
CYCLE_STEPS = [
    ("approach", (0.0, 3.15), True),
    ("alarm", (3.3, 0.75), False),
    ("distance", (2.05, -3.0), False),
    ("relief", (-2.05, -3.0), False),
    ("loneliness", (-3.3, 0.75), True),
]
# Arrow ends, from the edge of one step's box to the edge of the next, each bent outwards.
CYCLE_ARROWS = [
    ((1.65, 3.0), (3.0, 1.55)),
    ((3.45, -0.05), (2.55, -2.15)),
    ((0.4, -3.0), (-0.4, -3.0)),
    ((-2.55, -2.15), (-3.45, -0.05)),
    ((-3.0, 1.55), (-1.65, 3.0)),
]


def draw_closeness_cycle(path_stem):
    """A conceptual map of a recurring pattern around closeness; no data, no numbers."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch

    style = {"svg.hashsalt": "course-figures", "svg.fonttype": "path", "font.family": "DejaVu Sans",
             "hatch.linewidth": 0.8}
    with matplotlib.rc_context(style):
        fig = Figure(figsize=(7.5, 7.2), layout="constrained")
        ax = fig.subplots()
        ax.set_xlim(-5.0, 5.0)
        ax.set_ylim(-4.7, 4.1)
        ax.set_aspect("equal")
        ax.axis("off")

        width, height, inset = 3.1, 1.5, 0.16
        for step, (x, y), towards in CYCLE_STEPS:
            ax.add_patch(FancyBboxPatch(
                (x - width / 2, y - height / 2), width, height,
                boxstyle="round,pad=0.04,rounding_size=0.2",
                facecolor=TOWARDS_FILL if towards else AWAY_FILL,
                edgecolor=EDGE, hatch="//" if towards else "..", linewidth=1.4))
            # A white panel inside the hatched frame keeps the words on a plain background.
            ax.add_patch(FancyBboxPatch(
                (x - width / 2 + inset, y - height / 2 + inset), width - 2 * inset,
                height - 2 * inset, boxstyle="round,pad=0.0,rounding_size=0.12",
                facecolor="white", edgecolor="none"))
            ax.text(x, y + 0.33, words(f"figures.cycle.{step}"), ha="center", va="center", color=INK,
                    fontsize=FONT_SIZE - 1, fontweight="bold")
            ax.text(x, y - 0.2, words(f"figures.cycle.{step}_looks"), ha="center", va="center", color=INK,
                    fontsize=FONT_SIZE - 3, linespacing=1.2)

        for start, end in CYCLE_ARROWS:
            ax.add_patch(FancyArrowPatch(
                start, end, connectionstyle="arc3,rad=-0.25",
                arrowstyle="-|>,head_length=8,head_width=4.5", color=INK, linewidth=1.6))

        ax.text(0, 0.45, words("figures.cycle.centre"), ha="center", va="center",
                color=INK, fontsize=FONT_SIZE - 1, fontweight="bold", linespacing=1.3)
        ax.text(0, -0.5, words("figures.cycle.centre_note"),
                ha="center", va="center", color=INK, fontsize=FONT_SIZE - 3, linespacing=1.3)

        ax.set_title(words("figures.cycle.title"),
                     fontsize=FONT_SIZE, loc="center", color=INK, fontweight="bold")
        legend = [Patch(facecolor=TOWARDS_FILL, edgecolor=EDGE, hatch="//",
                        label=words("figures.cycle.towards")),
                  Patch(facecolor=AWAY_FILL, edgecolor=EDGE, hatch="..",
                        label=words("figures.cycle.away"))]
        ax.legend(handles=legend, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=2,
                  frameon=False, fontsize=FONT_SIZE - 1, handlelength=2.4, handleheight=1.5)

        return [
            _save_if_changed(fig, path_stem.with_suffix(".svg"), "svg",
                             {"metadata": {"Date": None, "Creator": None}}),
            _save_if_changed(fig, path_stem.with_suffix(".png"), "png",
                             {"dpi": 150, "metadata": {"Software": None}}),
        ]


def _save_if_changed(fig, target, fmt, kwargs):
    """Write the figure only when its bytes differ, so unchanged figures keep their mtime."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, **kwargs)
    return _write_if_changed(target, buffer.getvalue())


def _write_if_changed(target, data: bytes) -> bool:
    """Write `data` only when the file holds other bytes, so an unchanged figure keeps its mtime."""
    if target.exists() and target.read_bytes() == data:
        return False
    target.write_bytes(data)
    return True


# Module 3's chapter shows one move of its window-of-tolerance exercise beside the course alone,
# drawn by the exercise's own figure code, so the book and the live exercise cannot drift apart.
WINDOW_EXERCISE = ROOT / "notebooks/exercises/regulation/window-of-tolerance.yml"
WINDOW_MOVE = "ground-in-the-room"


def draw_window_with_and_without(path_stem):
    from casebook.kinds.window.course import describe
    from casebook.kinds.window.data import SCALE, load_window
    from casebook.kinds.window.figure import figure_svg

    if not WINDOW_EXERCISE.exists():   # a book without module 3 (a test's small book): no page shows it,
        return (False,)                # and a page that did would fail the build on the missing image
    exercise = load_window(WINDOW_EXERCISE)
    moves = {m.id: m for m in exercise.moves}
    if WINDOW_MOVE not in moves:
        raise ValueError(f"{WINDOW_EXERCISE.name} has no move '{WINDOW_MOVE}' (WINDOW_MOVE in figures.py); "
                         f"its moves are {', '.join(moves)}")
    chosen, alone = moves[WINDOW_MOVE].course, exercise.alone
    course = {"chosen": describe(chosen, exercise.window, exercise.arrives, exercise.minutes),
              "alone": describe(alone, exercise.window, exercise.arrives, exercise.minutes)}
    svg = figure_svg(uid="book", window=exercise.window, scale=SCALE, minutes=exercise.minutes,
                     arrives=exercise.arrives, alone=alone, chosen=chosen,
                     title=words("window.figure.book_title"),
                     description=words("window.figure.book_description", **course),
                     chosen_label=words("window.figure.book_chosen"), alone_label=words("window.figure.book_alone"))
    return (_write_if_changed(path_stem.with_suffix(".svg"), svg.encode("utf-8")),)


# The figures' labels, like every text a reader sees, come from the strings table.
STRINGS = Path(casebook.__file__).parent / "strings"


class Drawing(NamedTuple):
    draw: Callable          # path stem -> (written?, ...)
    suffixes: tuple         # the files it writes
    reads: tuple = ()       # what it is drawn from besides this module and the plotting packages


FIGURES = {
    "window-of-tolerance": Drawing(draw_window_of_tolerance, (".svg", ".png"), (STRINGS,)),
    "closeness-cycle": Drawing(draw_closeness_cycle, (".svg", ".png"), (STRINGS,)),
    "window-with-and-without": Drawing(draw_window_with_and_without, (".svg",),
                                       (Path(casebook.__file__).parent, WINDOW_EXERCISE)),
}


def _drawn_with() -> list[str]:
    """What else decides a figure's bytes: the versions of the packages that draw (read without
    importing them: matplotlib alone takes a quarter of a second) and the strings' language."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        versions = [f"{name} {version(name)}" for name in ("matplotlib", "numpy")]
    except PackageNotFoundError as err:  # a missing package should read as a sentence, not a traceback
        raise ExtensionError(
            "book/_ext/figures.py: matplotlib is not installed; run 'make setup' "
            "to install the course's packages.") from err
    return versions + [os.environ.get("CASEBOOK_LANG", "")]


def build_figures(app):
    """builder-inited handler: draw into book/_generated/ each figure whose code or data changed
    since it was last drawn (a stamp beside it holds the digest of what it was drawn from)."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    drawn_with = _drawn_with()
    for name, drawing in FIGURES.items():
        outputs = [(OUT_DIR / name).with_suffix(suffix) for suffix in drawing.suffixes]
        stamp = OUT_DIR / f".{name}.buildstamp"
        key = buildstamp.digest([Path(__file__).resolve(), *drawing.reads], extra=drawn_with)
        if buildstamp.is_current(outputs, key, stamp):
            continue
        buildstamp.clear(outputs, stamp)
        try:
            import matplotlib

            matplotlib.use("Agg", force=True)
            changed = drawing.draw(OUT_DIR / name)
        except Exception as err:  # report which figure failed and where it is defined
            raise ExtensionError(
                f"book/_ext/figures.py: drawing the figure '{name}' failed: {err}") from err
        buildstamp.record(outputs, key, stamp)
        if any(changed):
            logger.info(f"[figures] drew {name}")


def setup(app):
    app.connect("builder-inited", build_figures)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
