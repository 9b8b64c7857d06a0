""""Reframe the note" as ipywidgets: one sentence at a time, the learner's rewrite, then Compare.

All state lives in `reframe_data.ReframeSession`; this module only shows it and forwards clicks.
Compare reveals worked rewrites and a checklist the learner ticks for themselves (never a score)
and keeps the rewrite in the journal. The learner's own text is always escaped when shown.
"""
from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from casebook.autosave import Autosave, keeper, saved_message
from casebook.journal import privacy
from casebook.journal.erase_view import VersionsPanel, exercise_eraser
from casebook.exercise_file import book_page_title
from casebook.markdown import escape, render, render_inline
from casebook.kinds.reframe.data import ReframeExercise, ReframeSession, load_reframe
from casebook.strings import t
from casebook.widgets import (ROOT_CLASS, STYLE, WidgetView, book_link, button, html_box, key_ideas_html,
                      plain, privacy_warnings_html, show, status_line, style_block)

REFRAME_CLASS = "casebook-reframe"
# Checklist labels are sentences: let them wrap instead of being cut off at one line.
REFRAME_STYLE = f"""<style>
.{REFRAME_CLASS} .widget-checkbox, .{REFRAME_CLASS} .widget-checkbox label {{
  height: auto; line-height: 1.4; white-space: normal; overflow: visible; margin: 0.15em 0;
}}
.{REFRAME_CLASS} .cb-rewrite.widget-textarea {{ flex-direction: column; align-items: stretch; width: 100%; }}
.{REFRAME_CLASS} .cb-rewrite > label {{
  width: auto; max-width: none; text-align: left; font-weight: 600; margin: 0.6em 0 0.3em 0;
}}
.{REFRAME_CLASS} .cb-rewrite textarea {{ min-height: 7em; }}
.{REFRAME_CLASS} .cb-quote {{ font-style: italic; }}
.{REFRAME_CLASS} .widget-checkbox label {{ display: flex; align-items: baseline; gap: 0.4em; }}
</style>"""


class NoteReframe(WidgetView):
    """The exercise; `display(exercise)` or a bare `exercise` at the end of a cell shows it."""

    def __init__(self, exercise: ReframeExercise | str | Path, journal=None):
        exercise = exercise if isinstance(exercise, ReframeExercise) else load_reframe(exercise)
        self.exercise = exercise
        self.session = ReframeSession(exercise, journal)
        self._loading = False
        self._build()
        self._render()

    # -- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        intro = html_box("cb-intro")
        intro.value = f'<p class="cb-title">{render_inline(self.exercise.title)}</p>{render(self.exercise.intro)}'
        self.where = html_box("cb-where-line")
        self.where.layout.flex = "1 1 12em"
        self.previous_button = button(self.exercise.label("previous"), "cb-previous")
        self.next_button = button(self.exercise.label("next"), "cb-next")
        self.previous_button.on_click(lambda _b: self._move(self.session.previous))
        self.next_button.on_click(lambda _b: self._move(self.session.next))
        nav = w.HBox([self.where, self.previous_button, self.next_button], layout=w.Layout(width="100%"))
        nav.add_class("cb-nav")

        self.sentence_html = html_box("cb-sentence")
        label = self.exercise.label
        self.textarea = w.Textarea(description=label("your_rewrite"), placeholder=label("placeholder"),
                                   continuous_update=False, rows=6, layout=w.Layout(width="100%"))
        self.textarea.add_class("cb-rewrite")
        self.textarea.observe(self._on_text, names="value")
        self.compare_button = button(t("reframe.compare"), "cb-compare", self.exercise.label("compare_tooltip"))
        self.compare_button.on_click(lambda _b: self.compare())
        self.compare_button.layout.align_self = "flex-start"
        self.warnings = html_box("cb-warnings")
        self.status = html_box("cb-status")
        # Kept as the learner types (casebook.autosave), under the sentence on screen; its earlier
        # versions beside it.
        journal = self.session.journal
        self.autosave = Autosave(self.textarea, keeper(journal, self.exercise.id, lambda: self.session.prompt()),
                                 self._kept) if journal is not None else None
        self.versions = VersionsPanel(journal, self.exercise.id, self.session.prompt(), on_erased=self._reload) \
            if journal is not None else None
        self.eraser = exercise_eraser(journal, self.exercise.id, plain(self.exercise.title), done=self._reload) \
            if journal is not None else None

        self.worked_html = html_box("cb-worked")
        self.checklist_intro = html_box("cb-checklist-intro")
        self.checkboxes = [w.Checkbox(value=False, description=item.text, indent=False,
                                      layout=w.Layout(width="100%")) for item in self.exercise.checklist]
        for item, box in zip(self.exercise.checklist, self.checkboxes):
            box.observe(lambda change, item_id=item.id: self._on_tick(item_id, change["new"]), names="value")
        self.more_html = html_box("cb-more")
        self.compare_area = w.VBox([self.worked_html, self.checklist_intro, *self.checkboxes, self.more_html],
                                   layout=w.Layout(width="100%"))
        self.compare_area.add_class("cb-feedback")

        extra = [self.versions.widget] if self.versions else []
        self._root = w.VBox([style_block(STYLE, REFRAME_STYLE), intro, nav, self.sentence_html, self.textarea,
                             self.compare_button, self.warnings, self.status, *extra, self.compare_area]
                            + ([self.eraser.widget] if self.eraser else []), layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS).add_class(REFRAME_CLASS)

    # -- clicks and typing -----------------------------------------------------------------------------
    def _on_text(self, change) -> None:
        # With continuous_update=False the browser sends the text when the box loses focus.
        if not self._loading:
            self.session.draft = change["new"]

    def _kept(self, record, error) -> None:
        text = self.textarea.value
        self.warnings.value = privacy_warnings_html(privacy.check(text)) if text.strip() else ""
        self.status.value = status_line(saved_message(record, error))
        if self.versions is not None:
            self.versions.refresh()

    def _reload(self) -> None:
        """After an erasure: start again from what the journal still keeps."""
        index = self.session.index
        self.session = ReframeSession(self.exercise, self.session.journal)
        self.session.index = index
        self.warnings.value = ""
        self._render()

    def _end_stretch(self) -> None:
        """Keep what was typed under the sentence it was typed for, before anything moves on."""
        if self.autosave is not None:
            self.autosave.end_stretch()

    def _on_tick(self, item_id: str, ticked: bool) -> None:
        if not self._loading:
            self.session.tick(item_id, ticked)

    def compare(self) -> None:
        self._end_stretch()
        self.session.draft = self.textarea.value
        self._keep(self.session.compare)
        self._render()

    def _move(self, step) -> None:
        self._end_stretch()
        self.session.draft = self.textarea.value
        if self._keep(step):   # the messages were about the sentence just left
            self.warnings.value = self.status.value = ""
        self._render()
        (self.next_button if self.session.can_go_on else self.previous_button).focus()

    def _keep(self, action) -> bool:
        """Run a step that saves the draft and say what happened to it; False when saving failed."""
        text = self.session.draft
        self.warnings.value = privacy_warnings_html(privacy.check(text)) if text.strip() else ""
        try:
            record = action()
        except Exception as exc:   # the text stays in the session and the box; tell the learner why
            self.status.value = status_line(t('reframe.save_failed', reason=exc))
            return False
        if self.session.journal is None:
            message = t("reframe.not_saved") if text.strip() else ""
        else:
            message = self.exercise.label("saved") if record is not None else ""
        self.status.value = status_line(message)
        return True

    # -- rendering ------------------------------------------------------------------------------------------
    def _render(self) -> None:
        s = self.session
        sentence = s.sentence
        position = self.exercise.label("position", number=s.index + 1, total=s.total)
        self.where.value = f'<p class="cb-where">{escape(position)}</p>'
        self.previous_button.disabled = not s.can_go_back
        self.next_button.disabled = not s.can_go_on
        self.sentence_html.value = self._sentence_html()
        self._loading = True
        try:
            if self.autosave is not None:
                self.autosave.set_text(s.draft)
            else:
                self.textarea.value = s.draft
            for item, box in zip(self.exercise.checklist, self.checkboxes):
                box.value = item.id in s.ticks
        finally:
            self._loading = False
        if self.versions is not None:
            self.versions.prompt = s.prompt()
            self.versions.refresh()
        show(self.compare_area, s.compared)
        if s.compared:
            self.worked_html.value = self._worked_html()
            self.checklist_intro.value = f'<p class="cb-label">{escape(self.exercise.label("checklist"))}</p>'
            self.more_html.value = self._more_html()

    def _sentence_html(self) -> str:
        sentence = self.session.sentence
        parts = []
        if sentence.setting:
            parts.append(f"<p>{escape(self.exercise.label('setting_label'))} {render_inline(sentence.setting)}</p>")
        parts.append(f'<p class="cb-label">{escape(self.exercise.label("as_written"))}</p>'
                     f'<blockquote class="cb-note cb-quote">{render(sentence.note)}</blockquote>')
        return "".join(parts)

    def _worked_html(self) -> str:
        draft = self.session.draft
        mine = escape(draft) if draft.strip() else f"<em>{escape(self.exercise.label('no_version'))}</em>"
        parts = [f'<p class="cb-label">{escape(self.exercise.label("your_version"))}</p><p>{mine}</p>']
        reframes = self.session.sentence.reframes
        for number, text in enumerate(reframes, 1):
            label = self.exercise.label("worked_one", number=number) if len(reframes) > 1 \
                else self.exercise.label("worked")
            parts.append(f'<p class="cb-label">{escape(label)}</p><div class="cb-block">{render(text)}</div>')
        return "".join(parts)

    def _more_html(self) -> str:
        sentence = self.session.sentence
        html = key_ideas_html(sentence.key_ideas, t("reframe.key_ideas_heading"))
        if sentence.book_section:
            title = book_page_title(self.exercise.source, sentence.book_section)
            html += f'<p>{escape(t("reframe.read_more"))} {book_link(sentence.book_section, title)}</p>'
        return html

