"""The learner's progress as a picture: one bar per module, split into done, started and not yet
started, with the numbers written beside it (the picture never says anything by colour alone). Plain
SVG, so it draws the same in JupyterLab and in the browser without a plotting library."""
from __future__ import annotations

from html import escape

from casebook.completion.progress import DONE, OPEN, STARTED, ModuleProgress
from casebook.strings import t

WIDTH, BAR, ROW = 640, 470, 56
# Dark blue for done and a hatched mid blue for started, both at least 3:1 against white (WCAG 1.4.11).
FILL = {DONE: "#1a5fb4", STARTED: "url(#cb-started)", OPEN: "#ffffff"}


def progress_svg(modules: list[ModuleProgress]) -> str:
    height = ROW * len(modules) + 40
    rows = []
    for n, m in enumerate(modules):
        y = 22 + n * ROW          # the module's name above its bar: long titles never run into it
        total = m.total() or 1
        x = 0
        segments = []
        for state in (DONE, STARTED, OPEN):
            width = BAR * m.count(state) / total
            if width:
                segments.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="22" fill="{FILL[state]}"/>')
            x += width
        rows.append(
            f'<text x="0" y="{y - 6}" font-size="14">{escape(m.title)}</text>'
            + "".join(segments)
            + f'<rect x="0" y="{y}" width="{BAR}" height="22" fill="none" stroke="#3d3d3d"/>'
            + f'<text x="{BAR + 10}" y="{y + 16}" font-size="14">'
              f'{escape(t("progress.bar_label", done=m.count(DONE), total=m.total()))}</text>')
    legend_y = 14 + len(modules) * ROW
    legend = "".join(
        f'<rect x="{i * 110}" y="{legend_y}" width="14" height="14" fill="{FILL[state]}" stroke="#3d3d3d"/>'
        f'<text x="{i * 110 + 20}" y="{legend_y + 12}" font-size="13">{escape(t(f"progress.state_{state}"))}</text>'
        for i, state in enumerate((DONE, STARTED, OPEN)))
    description = " ".join(t("progress.row_description", module=m.title, done=m.count(DONE),
                             started=m.count(STARTED), total=m.total()) for m in modules)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" style="max-width:{WIDTH}px" aria-labelledby="cb-progress-title cb-progress-desc" '
            f'font-family="sans-serif" fill="#1f1f1f">'
            f'<title id="cb-progress-title">{escape(t("progress.figure_title"))}</title>'
            f'<desc id="cb-progress-desc">{escape(description)}</desc>'
            '<defs><pattern id="cb-started" width="8" height="8" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
            '<rect width="4" height="8" fill="#3a6fb0"/></pattern></defs>'
            + "".join(rows) + legend + "</svg>")
