"""The protection map as ipywidgets: the case, one box per part, Save, and a worked map to compare.
All state lives in `data.MapSession`; this view shows it and forwards clicks. The learner's text is
escaped whenever it is shown, and the privacy check warns (never blocks) before it is kept."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from casebook.autosave import Autosave, keeper, saved_message
from casebook.journal import privacy
from casebook.journal.erase_view import VersionsPanel, exercise_eraser
from casebook.exercise_file import book_page_title
from casebook.kinds.protection_map.data import MapSession, ProtectionMap, load_map
from casebook.markdown import escape, render, render_inline
from casebook.strings import t
from casebook.widgets import (ROOT_CLASS, STYLE, WidgetView, book_link, button, html_box, plain,
                              privacy_warnings_html, show, status_line, style_block)

MAP_CLASS = "casebook-map"
MAP_STYLE = f"""<style>
.{MAP_CLASS} .cb-rewrite.widget-textarea {{ flex-direction: column; align-items: stretch; width: 100%; }}
.{MAP_CLASS} .cb-rewrite > label {{
  width: auto; max-width: none; text-align: left; font-weight: 600; margin: 0.6em 0 0.3em 0; white-space: normal;
}}
.{MAP_CLASS} .cb-rewrite textarea {{ min-height: 4.5em; }}
</style>"""


class ProtectionMapView(WidgetView):
    """The exercise; `display(view)` or a bare `view` at the end of a cell shows it."""

    def __init__(self, protection_map: ProtectionMap | str | Path, journal=None):
        self.map = protection_map if isinstance(protection_map, ProtectionMap) else load_map(protection_map)
        self.session = MapSession(self.map, journal)
        intro = html_box("cb-intro")
        intro.value = (f'<p class="cb-title">{render_inline(self.map.title)}</p>{render(self.map.intro)}'
                       f'<div class="cb-note cb-block"><p class="cb-label">{escape(t("protection_map.case"))}</p>'
                       f"{render(self.map.case)}</div>")
        self.boxes: dict[str, w.Textarea] = {}
        for part in self.map.parts:
            box = w.Textarea(value=self.session.drafts.get(part.id, ""), description=f"{part.label}: {part.prompt}",
                             placeholder=t("protection_map.placeholder"), continuous_update=False, rows=3,
                             layout=w.Layout(width="100%"))
            box.add_class("cb-rewrite")
            box.observe(lambda change, part_id=part.id: self.session.write(part_id, change["new"]), names="value")
            self.boxes[part.id] = box
        # Kept as the learner types (casebook.autosave), each part with its earlier versions beside it.
        self.autosaves: dict[str, Autosave] = {}
        self.versions: dict[str, VersionsPanel] = {}
        parts = []
        for part in self.map.parts:
            parts.append(self.boxes[part.id])
            if journal is not None:
                prompt = self.session.prompt(part)
                self.autosaves[part.id] = Autosave(self.boxes[part.id], keeper(journal, self.map.id, prompt),
                                                   self._kept)
                self.versions[part.id] = VersionsPanel(journal, self.map.id, prompt, on_erased=self._reload)
                parts.append(self.versions[part.id].widget)
        self.eraser = exercise_eraser(journal, self.map.id, plain(self.map.title), done=self._reload) \
            if journal is not None else None
        self.save_button = button(t("protection_map.save"), "cb-save", t("protection_map.save_tooltip"))
        self.compare_button = button(t("protection_map.compare"), "cb-compare", t("protection_map.compare_tooltip"))
        self.save_button.on_click(lambda _b: self.save())
        self.compare_button.on_click(lambda _b: self.compare())
        buttons = w.HBox([self.save_button, self.compare_button])
        buttons.add_class("cb-nav")
        self.warnings = html_box("cb-warnings")
        self.status = html_box("cb-status")
        self.worked = html_box("cb-feedback")
        show(self.worked, False)
        self._root = w.VBox([style_block(STYLE, MAP_STYLE), intro, *parts, buttons, self.warnings,
                             self.status, self.worked] + ([self.eraser.widget] if self.eraser else []),
                            layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS).add_class(MAP_CLASS)

    def _warn(self) -> None:
        found = [w_ for text in self.session.drafts.values() if text.strip() for w_ in privacy.check(text)]
        self.warnings.value = privacy_warnings_html(found)

    def _kept(self, record, error) -> None:
        self._warn()
        self.status.value = status_line(saved_message(record, error))
        for panel in self.versions.values():
            panel.refresh()

    def _reload(self) -> None:
        """After an erasure: show what the journal still keeps."""
        self.session = MapSession(self.map, self.session.journal)
        for part_id, saver in self.autosaves.items():
            saver.set_text(self.session.drafts.get(part_id, ""))
        for panel in self.versions.values():
            panel.refresh()
        self._warn()

    def _sync(self) -> None:
        # With continuous_update=False the browser sends a box's text when it loses focus; a click on
        # a button may come first, so read every box before saving.
        for part_id, box in self.boxes.items():
            self.session.write(part_id, box.value)

    def _keep(self, action) -> bool:
        for saver in self.autosaves.values():   # what was typed is kept first; Save ends the stretch
            saver.end_stretch()
        self._sync()
        self._warn()
        try:
            records = action()
        except Exception as exc:   # the text stays in the boxes; tell the learner why it was not kept
            self.status.value = status_line(t("protection_map.save_failed", reason=exc))
            return False
        if self.session.journal is None:
            message = t("protection_map.not_saved")
        else:
            message = t("protection_map.saved") if records else t("protection_map.nothing")
        self.status.value = status_line(message)
        for panel in self.versions.values():
            panel.refresh()
        return True

    def save(self) -> None:
        self._keep(self.session.save)

    def compare(self) -> None:
        if self._keep(self.session.compare):
            self.worked.value = self._worked_html()
            show(self.worked, True)

    def _worked_html(self) -> str:
        parts = [f'<p class="cb-label">{escape(t("protection_map.worked_heading"))}</p>']
        for part in self.map.parts:
            mine = self.session.drafts.get(part.id, "").strip()
            parts.append(f"<h4>{render_inline(part.label)}</h4>")
            parts.append(f'<p class="cb-label">{escape(t("protection_map.yours"))}</p>'
                         f"<p>{escape(mine) if mine else '<em>' + escape(t('protection_map.none')) + '</em>'}</p>")
            parts.append(f'<p class="cb-label">{escape(t("protection_map.worked"))}</p>{render(part.worked)}')
        parts.append(f'<p>{escape(t("protection_map.hedge"))}</p>')
        title = book_page_title(self.map.source, self.map.book_section)
        parts.append(f'<p>{escape(t("protection_map.read_more"))} {book_link(self.map.book_section, title)}</p>')
        return "".join(parts)
