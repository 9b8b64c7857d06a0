""""Then and now" as ipywidgets: per adult pattern, a choice of the protective job it once had,
Check, the explanation, Try again. All state lives in `data.MatchSession`."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from casebook.exercise_file import book_page_title
from casebook.kinds.then_and_now.data import MatchSession, Pattern, ThenAndNow, load_then_and_now
from casebook.markdown import escape, render
from casebook.strings import t
from casebook.widgets import (ROOT_CLASS, STYLE, WidgetView, book_link, button, html_box, intro_box, plain,
                              status_line, style_block)


class PatternView:
    def __init__(self, exercise: ThenAndNow, pattern: Pattern, number: int, session: MatchSession):
        self.pattern, self.session = pattern, session
        self.text = html_box("cb-question")
        position = t("then_and_now.position", number=number, total=len(exercise.patterns))
        self.text.value = f'<p class="cb-label">{escape(position)}</p>{render(pattern.now)}'
        self.choice = w.RadioButtons(options=[(plain(p.then), p.id) for p in exercise.offered], value=None,
                                     description=t("then_and_now.choose_label", number=number),
                                     style={"description_width": "initial"}, layout=w.Layout(width="100%"))
        self.choice.add_class("cb-answer")
        self.check_button = button(t("then_and_now.check"), "cb-check")
        self.retry_button = button(t("then_and_now.try_again"), "cb-retry")
        self.check_button.on_click(lambda _b: self.check())
        self.retry_button.on_click(lambda _b: self.try_again())
        buttons = w.HBox([self.check_button, self.retry_button])
        buttons.add_class("cb-nav")
        self.result = html_box("cb-result")
        self.widget = w.VBox([self.text, self.choice, buttons, self.result], layout=w.Layout(width="100%"))
        self._render()

    def check(self) -> None:
        if self.choice.value is None:
            self.result.value = f"<p>{escape(t('then_and_now.choose_first'))}</p>"
            return
        try:
            self.session.check(self.pattern.id, self.choice.value)
            kept = ""
        except Exception as error:   # the journal could not be written: the match still shows here
            if self.session.matched(self.pattern.id) != self.choice.value:
                raise
            kept = status_line(t("then_and_now.not_kept", reason=error))
        self._render()
        self.result.value = kept + self.result.value
        self.retry_button.focus()

    def try_again(self) -> None:
        self.session.try_again(self.pattern.id)
        self.choice.value = None
        self._render()
        self.choice.focus()

    def _render(self) -> None:
        chosen = self.session.matched(self.pattern.id)
        self.choice.disabled = self.check_button.disabled = chosen is not None
        self.retry_button.disabled = chosen is None
        if chosen is None:
            self.result.value = ""
            return
        verdict = t("then_and_now.matches") if chosen == self.pattern.id else t("then_and_now.differs")
        then_label, need_label = escape(t("then_and_now.then_label")), escape(t("then_and_now.need_label"))
        self.result.value = (f'<div class="cb-feedback cb-block" role="status"><p>{escape(verdict)}</p>'
                             f'<p class="cb-label">{then_label}</p>{render(self.pattern.then)}'
                             f'<p class="cb-label">{need_label}</p>{render(self.pattern.need)}'
                             f"{render(self.pattern.explanation)}</div>")


class ThenAndNowView(WidgetView):
    """The exercise; `display(view)` or a bare `view` at the end of a cell shows it."""

    def __init__(self, exercise: ThenAndNow | str | Path, journal=None):
        self.exercise = exercise if isinstance(exercise, ThenAndNow) else load_then_and_now(exercise)
        self.session = MatchSession(self.exercise, journal)
        intro = intro_box(self.exercise, journal, "then_and_now")
        self.views = [PatternView(self.exercise, p, n, self.session) for n, p in enumerate(self.exercise.patterns, 1)]
        title = book_page_title(self.exercise.source, self.exercise.book_section)
        more = html_box("cb-more")
        more.value = f'<p>{escape(t("then_and_now.read_more"))} {book_link(self.exercise.book_section, title)}</p>'
        self._root = w.VBox([style_block(STYLE), intro, *(v.widget for v in self.views), more],
                            layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS)

    def view(self, pattern_id: str) -> PatternView:
        return {v.pattern.id: v for v in self.views}[pattern_id]
