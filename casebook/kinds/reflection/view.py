""""Closing reflection" as ipywidgets: the prompts, one box each, and Save. What the learner writes
is escaped whenever it is shown, checked for details that could identify someone (a warning, never
a block), and kept in the journal, so the portfolio carries it."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from casebook.autosave import Autosave, keeper, saved_message
from casebook.journal import privacy
from casebook.journal.erase_view import VersionsPanel, exercise_eraser
from casebook.kinds.reflection.data import Reflection, ReflectionSession, load_reflection
from casebook.strings import t
from casebook.widgets import (ROOT_CLASS, STYLE, WidgetView, button, html_box, intro_box, plain,
                              privacy_warnings_html, status_line, style_block)


class ReflectionView(WidgetView):
    """The exercise; `display(view)` or a bare `view` at the end of a cell shows it."""

    def __init__(self, reflection: Reflection | str | Path, journal=None):
        self.reflection = reflection if isinstance(reflection, Reflection) else load_reflection(reflection)
        self.session = ReflectionSession(self.reflection, journal)
        self.boxes = {p.id: w.Textarea(value=self.session.drafts.get(p.id, ""), description=plain(p.text),
                                       placeholder=t("reflection.placeholder"), rows=4,
                                       layout=w.Layout(width="100%")) for p in self.reflection.prompts}
        for box in self.boxes.values():
            box.add_class("cb-reflection")
        self.save_button = button(t("reflection.save"), "cb-save", t("reflection.save_tooltip"))
        self.save_button.on_click(lambda _b: self.save())
        self.warnings, self.status = html_box("cb-warnings"), html_box("cb-status")
        # Kept as the learner types (casebook.autosave), each box with its earlier versions beside it.
        self.autosaves: dict[str, Autosave] = {}
        self.versions: dict[str, VersionsPanel] = {}
        parts = []
        for p in self.reflection.prompts:
            box = self.boxes[p.id]
            parts.append(box)
            if journal is not None:
                self.autosaves[p.id] = Autosave(box, keeper(journal, self.reflection.id, p.text,
                                                             lambda text, i=p.id: self.session.write(i, text)),
                                                self._kept)
                self.versions[p.id] = VersionsPanel(journal, self.reflection.id, p.text, on_erased=self._reload)
                parts.append(self.versions[p.id].widget)
        self.eraser = exercise_eraser(journal, self.reflection.id, plain(self.reflection.title),
                                      done=self._reload) if journal is not None else None
        self._root = w.VBox([style_block(STYLE), intro_box(self.reflection, journal, "reflection"),
                             *parts, self.save_button, self.warnings, self.status]
                            + ([self.eraser.widget] if self.eraser else []), layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS)

    def _warn(self) -> None:
        texts = [box.value for box in self.boxes.values() if box.value.strip()]
        self.warnings.value = privacy_warnings_html([warning for text in texts for warning in privacy.check(text)])

    def _kept(self, record, error) -> None:
        self._warn()
        self.status.value = status_line(saved_message(record, error))
        for panel in self.versions.values():
            panel.refresh()

    def _reload(self) -> None:
        """After an erasure: show what the journal still keeps."""
        self.session = ReflectionSession(self.reflection, self.session.journal)
        for prompt_id, box in self.boxes.items():
            self.autosaves[prompt_id].set_text(self.session.drafts.get(prompt_id, ""))
        for panel in self.versions.values():
            panel.refresh()
        self._warn()

    def save(self) -> None:
        for saver in self.autosaves.values():   # what was typed is kept first; Save ends the stretch
            saver.end_stretch()
        for prompt_id, box in self.boxes.items():   # read every box: a click can come before a blur
            self.session.write(prompt_id, box.value)
        self._warn()
        try:
            kept = self.session.save()
        except Exception as error:   # the text stays in the boxes; say why it was not kept
            self.status.value = status_line(t("reflection.not_saved", reason=error))
            return
        message = (t("reflection.not_kept_at_all") if self.session.journal is None
                   else t("reflection.saved") if kept else t("reflection.nothing"))
        self.status.value = status_line(message)
        for panel in self.versions.values():
            panel.refresh()
