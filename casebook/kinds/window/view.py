""""Window of tolerance" as ipywidgets: the client and the stressor, a choice of what the clinician
does, "Show the likely course", then the figure (with the course alone beside it), its description
in words, the teaching-model note and the feedback. All state lives in `data.WindowSession`."""
from __future__ import annotations

from itertools import count
from pathlib import Path

import ipywidgets as w

from casebook.exercise_file import book_page_title
from casebook.kinds.window.course import describe, outcome_text
from casebook.kinds.window.data import SCALE, Window, WindowSession, load_window
from casebook.kinds.window.figure import figure_svg
from casebook.markdown import escape, render
from casebook.strings import t
from casebook.widgets import (ROOT_CLASS, STYLE, WidgetView, book_link, button, html_box, intro_box, key_ideas_html,
                              plain, status_line, style_block)

_FIGURES = count(1)   # each figure's ids are unique on the page, however many views it shows


class WindowView(WidgetView):
    """The exercise; `display(view)` or a bare `view` at the end of a cell shows it."""

    def __init__(self, exercise: Window | str | Path, journal=None):
        self.exercise = exercise if isinstance(exercise, Window) else load_window(exercise)
        self.session = WindowSession(self.exercise, journal)
        ex = self.exercise
        intro = intro_box(ex, journal, "window", after=(
            f'<div class="cb-block"><p class="cb-label">{escape(t("window.person_label"))}</p>'
            f'{render(ex.person)}<p class="cb-label">{escape(t("window.stressor_label"))}</p>'
            f"{render(ex.stressor)}</div>"))
        self.choice = w.RadioButtons(options=[(plain(m.text), m.id) for m in ex.moves], value=None,
                                     description=t("window.choose_label"), style={"description_width": "initial"},
                                     layout=w.Layout(width="100%"))
        self.choice.add_class("cb-answer")
        self.show_button = button(t("window.show"), "cb-check", tooltip=t("window.show_tooltip"))
        self.show_button.on_click(lambda _b: self.show_course())
        buttons = w.HBox([self.show_button])
        buttons.add_class("cb-nav")
        self.figure = html_box("cb-window-figure")
        self.result = html_box("cb-result")
        more = html_box("cb-more")
        more.value = (f'<p>{escape(t("window.read_more"))} '
                      f'{book_link(ex.book_section, book_page_title(ex.source, ex.book_section))}</p>')
        self._root = w.VBox([style_block(STYLE), intro, self.choice, buttons, self.figure, self.result, more],
                            layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS)

    def show_course(self) -> None:
        move_id = self.choice.value
        if move_id is None:
            self.result.value = f"<p>{escape(t('window.choose_first'))}</p>"
            return
        try:
            self.session.choose(move_id)
            kept = ""
        except Exception as error:   # the journal could not be written: the course still shows here
            if self.session.chosen != move_id:
                raise
            kept = status_line(t("window.not_kept", reason=error))
        self._render(move_id, kept)

    def _render(self, move_id: str, kept: str) -> None:
        ex = self.exercise
        move = ex.move(move_id)
        with_move = describe(move.course, ex.window, ex.arrives, ex.minutes)
        alone = describe(ex.alone, ex.window, ex.arrives, ex.minutes)
        description = t("window.figure.description", chosen=with_move, alone=alone)
        svg = figure_svg(uid=f"{ex.id}-{next(_FIGURES)}", window=ex.window, scale=SCALE, minutes=ex.minutes,
                         arrives=ex.arrives, alone=ex.alone, chosen=move.course, title=t("window.figure.title"),
                         description=description)
        self.figure.value = (f'<div class="cb-block">{svg}'
                             f'<p class="cb-label">{escape(t("window.in_words"))}</p>'
                             f'<p>{escape(t("window.figure.chosen"))}: {escape(with_move)}</p>'
                             f'<p>{escape(t("window.figure.alone"))}: {escape(alone)}</p>'
                             f'<div class="cb-note"><p class="cb-label">{escape(t("window.model_label"))}</p>'
                             f"{render(ex.model_note)}</div></div>")
        outcomes = t("window.outcomes_after_jolt" if ex.shared_jolt else "window.outcomes",
                     chosen=outcome_text(ex.outcome(move.course)),
                     alone=outcome_text(ex.outcome(ex.alone)))
        self.result.value = (f'{kept}<div class="cb-feedback cb-block" role="status">'
                             f'<p class="cb-label">{escape(t("window.your_move"))}</p>{render(move.text)}'
                             f"<p>{escape(outcomes)}</p>{render(move.feedback)}"
                             f'{key_ideas_html(move.key_ideas, t("window.key_ideas_heading"))}'
                             f'<p><em>{escape(t("window.try_another"))}</em></p></div>')
