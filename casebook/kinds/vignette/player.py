"""The ipywidgets view of a vignette: it shows a `Walkthrough` and forwards clicks, nothing more.

The widgets are built once and updated in place on every click (values and visibility), which
keeps a click fast and keeps keyboard focus on widgets that stay in the page. Vignette texts are
rendered as safe Markdown; anything a learner typed is escaped before it is shown.
"""
from __future__ import annotations

import sqlite3
import time

import ipywidgets as w

from casebook import autosave
from casebook.autosave import Autosave
from casebook.journal import privacy
from casebook.exercise_file import book_page_title
from casebook.journal import JournalError
from casebook.journal.erase_view import VersionsPanel, exercise_eraser
from casebook.kinds.vignette.history import ending_titles, history
from casebook.markdown import escape, render, render_inline
from casebook.kinds.vignette.model import Choice, Scene, Vignette
from casebook.strings import t
from casebook.kinds.vignette.walkthrough import Walkthrough
from casebook.widgets import (ROOT_CLASS, STYLE, WidgetView, book_link, button, html_box, key_ideas_html, plain,
                      privacy_warnings_html, set_values, show, status_line, style_block)

DOUBLE_CLICK_SECONDS = 0.4


def _local_time(moment) -> str:
    return moment.astimezone().strftime("%H:%M")


def _local_date(moment) -> str:
    local = moment.astimezone()
    return f"{local.day} {local.strftime('%B %Y')}"


class ReflectionBox:
    """One reflection prompt: a labelled text box kept in the journal as the learner types (about a
    second after the last key: casebook.autosave) and on Save, with its earlier versions beside it."""

    def __init__(self, walkthrough: Walkthrough, prompt: str, saved=None):
        """`saved`: the latest version kept for `prompt`, read by the Player with the others."""
        self.walkthrough = walkthrough
        self.prompt = prompt
        journal = walkthrough.journal
        self.textarea = w.Textarea(description=plain(prompt), continuous_update=False, rows=5,
                                   placeholder=t("player.reflection_placeholder"),
                                   layout=w.Layout(width="auto"))   # stretched by its box
        self.textarea.add_class("cb-reflection")
        self.save_button = button(t("player.save"), "cb-save")
        self.warnings = html_box("cb-warnings")
        self.status = html_box("cb-status")
        self.versions = VersionsPanel(journal, walkthrough.vignette.id, prompt, on_erased=self.reload,
                                      record=saved) if journal is not None else None
        parts = [self.textarea, self.save_button, self.warnings, self.status]
        self.widget = w.VBox(parts + ([self.versions.widget] if self.versions else []),
                             layout=w.Layout(width="100%"))
        self.autosave = None
        self._show(saved)
        if journal is None:
            self.save_button.disabled = True
            self.status.value = status_line(t('player.status_no_journal'))
            self.textarea.observe(lambda _change: self._warn(), names="value")
        else:
            self.autosave = Autosave(self.textarea, self._keep, self._kept)
        self.save_button.on_click(lambda _button: self.save())

    @property
    def saved(self):
        """The latest version kept in the journal, or None."""
        return self.walkthrough.reflection(self.prompt)

    def reload(self) -> None:
        """Show what the journal keeps now (after an erasure)."""
        saved = self.saved
        self._show(saved)
        if self.versions is not None:
            self.versions.refresh(saved)

    def _show(self, saved) -> None:
        text = saved.text if saved is not None else ""
        if self.autosave is not None:
            self.autosave.set_text(text)
        else:
            self.textarea.value = text
        self._warn()
        self._show_status(saved, changed=False)

    def _warn(self) -> list:
        warnings = privacy.check(self.textarea.value)
        self.warnings.value = privacy_warnings_html(warnings)
        return warnings

    def _keep(self, text: str, replace):
        return self.walkthrough.keep_draft(text, prompt=self.prompt, replace=replace)

    def _kept(self, record, error) -> None:
        self._warn()
        if error is not None:
            self.status.value = status_line(t('autosave.failed', reason=error))
            return
        if record is None:
            self.status.value = status_line(t('player.status_not_saved'))
        else:
            self.status.value = status_line(t('autosave.saved', time=_local_time(record.created)))
        if self.versions is not None:
            self.versions.refresh()

    def save(self):
        """Save the box's text; warn about identifying details but never refuse to save."""
        self._warn()
        if self.walkthrough.journal is None:
            return None
        self.autosave.end_stretch()   # what was typed is kept first; Save ends the stretch
        text = self.textarea.value
        try:
            record = self.walkthrough.reflect(text, prompt=self.prompt)
        except ValueError:        # an empty box with nothing saved before: nothing to keep
            self.status.value = status_line(t('player.status_empty'))
            return None
        except Exception as exc:  # the learner's text stays in the box; tell them what happened
            self.status.value = status_line(t('player.status_failed', reason=exc))
            return None
        self._show_status(record, changed=True)
        if self.versions is not None:
            self.versions.refresh()
        return record

    def _show_status(self, record, changed: bool) -> None:
        if record is None:
            text = t("player.status_not_saved")
        elif changed:
            text = t("player.status_saved", time=_local_time(record.created))
        else:
            text = t("player.status_saved_earlier", date=_local_date(record.created),
                     time=_local_time(record.created))
        self.status.value = status_line(text)


VIGNETTE_CLASS = "casebook-vignette"   # a vignette's player among the notebook's other views


class Player(WidgetView):
    """Shows a vignette scene by scene; `display(player)` or a bare `player` shows it in a notebook."""

    def __init__(self, vignette: Vignette, journal=None):
        self.walkthrough = Walkthrough(vignette, journal)
        self.vignette = vignette
        self._last_back: float | None = None
        self._moved = False
        self._build()
        self._render()

    # -- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        v = self.vignette
        self.intro = html_box("cb-intro")
        self.intro.value = self._intro_html()
        self.begin_button = button(t("player.begin"), "cb-begin")
        self.begin_button.on_click(lambda _b: self._do(self.walkthrough.begin))

        # What the journal holds for this vignette, and the way back into an unfinished attempt.
        self.place_html = html_box("cb-place")
        self.resume_button = button("", "cb-resume")
        self.resume_button.on_click(lambda _b: self._resume())
        journal = self.walkthrough.journal
        self.eraser = exercise_eraser(journal, v.id, plain(v.title), done=self._after_erasure) \
            if journal is not None else None
        self.place_area = w.VBox([self.place_html, self.resume_button]
                                 + ([self.eraser.widget] if self.eraser else []), layout=w.Layout(width="100%"))
        self.place_area.add_class("cb-place-area")

        self.where = html_box("cb-where-line")
        self.back_button = button(t("player.back"), "cb-back")
        self.back_button.tooltip = t("player.back_tooltip")
        self.back_button.on_click(lambda _b: self._back())
        self.restart_button = button(t("player.restart"), "cb-restart")
        self.restart_button.tooltip = t("player.restart_tooltip")
        self.restart_button.on_click(lambda _b: self._restart())
        self.nav = w.HBox([self.where, self.back_button, self.restart_button],
                          layout=w.Layout(width="100%"))
        self.nav.add_class("cb-nav")
        self.where.layout.flex = "1 1 12em"

        self.notice = html_box("cb-notice")
        show(self.notice, False)
        self.scene_html = html_box("cb-scene")
        self.choice_buttons: list[w.Button] = []
        self.choice_box = w.VBox(layout=w.Layout(width="100%"))
        self.choice_box.add_class("cb-choices")
        self.feedback_html = html_box("cb-feedback-box")
        self.continue_button = button(t("player.continue"), "cb-continue")
        self.continue_button.on_click(lambda _b: self._continue())
        self.ending_html = html_box("cb-ending-box")
        self.path_html = html_box("cb-path")

        self.reflection_intro = html_box("cb-reflection-intro")
        self.reflection_intro.value = (
            f'<h4>{escape(t("player.reflect_heading"))}</h4><p>{escape(t("player.reflect_intro"))}</p>')
        # One read of the journal for every box (in the browser each read reads the file again).
        journal = self.walkthrough.journal
        self._opening = {r.prompt or "": r for r in journal.reflections(v.id)} if journal is not None else {}
        self.reflection_boxes = [ReflectionBox(self.walkthrough, p, self._opening.get(p)) for p in v.reflection]
        self.reflection_area = w.VBox([self.reflection_intro] + [b.widget for b in self.reflection_boxes],
                                      layout=w.Layout(width="100%"))

        self.body = w.VBox([self.nav, self.notice, self.scene_html, self.choice_box, self.feedback_html,
                            self.continue_button, self.ending_html, self.path_html],
                           layout=w.Layout(width="100%"))
        style = style_block(STYLE)
        # The reflections sit outside the body: saved ones show from the start, not only at an ending.
        self._root = w.VBox([style, self.intro, self.place_area, self.begin_button, self.body,
                             self.reflection_area], layout=w.Layout(width="100%"))
        self._update_place()
        self._root.add_class(ROOT_CLASS).add_class(VIGNETTE_CLASS)

    def _choice_button(self, index: int) -> w.Button:
        """The index-th choice button; made once and reused, only its label changes."""
        while len(self.choice_buttons) <= index:
            made = button("", "cb-choice", full_width=True)
            position = len(self.choice_buttons)
            made.on_click(lambda _b, i=position: self._choose(i))
            self.choice_buttons.append(made)
        return self.choice_buttons[index]

    # -- clicks ---------------------------------------------------------------------------------
    # A double-click sends two clicks, and the second arrives after the view has changed. Clicks
    # on buttons that are no longer meant to be there are dropped, and a second Back straight
    # after a first is taken as the same click, so a learner never takes a step they did not see.
    def _choose(self, index: int) -> None:
        walk = self.walkthrough
        if walk.stage != "choosing" or index >= len(walk.choices):
            return
        choice = walk.choices[index]
        self._do(lambda: walk.choose(choice.id))

    def _continue(self) -> None:
        if self.walkthrough.stage == "feedback":
            self._do(self.walkthrough.proceed)

    def _back(self) -> None:
        now = time.monotonic()
        if self._last_back is not None and now - self._last_back < DOUBLE_CLICK_SECONDS:
            return
        if self.walkthrough.can_go_back:
            self._do(self.walkthrough.back)
            self._last_back = now

    def _restart(self) -> None:
        if self.walkthrough.can_restart:
            self._do(self.walkthrough.restart)

    def _resume(self) -> None:
        unfinished = self.history.unfinished
        if unfinished is None or self.walkthrough.path:
            return
        self._do(lambda: self.walkthrough.resume(unfinished))
        set_values(self.place_html, value=self._place_html(
            t("place.resumed", number=unfinished.decision)))

    def _after_erasure(self) -> None:
        """Everything of this vignette was erased: start afresh, with empty boxes."""
        self.walkthrough = Walkthrough(self.vignette, self.walkthrough.journal)
        self._moved = False
        for box in self.reflection_boxes:
            box.walkthrough = self.walkthrough
            box.reload()
        self._update_place()
        self._render()

    def _update_place(self) -> None:
        """Read again what the journal holds for this vignette (on opening, at an ending, after an erasure)."""
        opening, self._opening = self._opening, None   # read once, for opening; then the journal is asked
        self.history = history(self.vignette, self.walkthrough.journal,
                               opening.values() if opening is not None else None)
        set_values(self.place_html, value=self._place_html())

    def _do(self, action) -> None:
        self._last_back = None
        autosave.end_stretch()   # a move elsewhere ends a stretch of typing
        try:
            action()
        except (sqlite3.Error, OSError, JournalError) as exc:
            # The walkthrough writes before it moves, so the learner is still where they were.
            set_values(self.notice, value=f'<p class="cb-label">{escape(t("player.journal_failed", reason=exc))}</p>')
            show(self.notice, True)
            return
        show(self.notice, False)
        self._render()
        self._move_focus()

    def _move_focus(self) -> None:
        # The clicked button may just have been hidden; give keyboard focus a sensible new home:
        # Continue after a choice, the first choice of a new scene, the navigation at an ending.
        walk = self.walkthrough
        if walk.stage == "feedback":
            self.continue_button.focus()
        elif walk.stage == "ending":
            (self.back_button if walk.can_go_back else self.restart_button).focus()
        elif walk.choices:
            self._choice_button(0).focus()

    # -- rendering ---------------------------------------------------------------------------------
    def _render(self) -> None:
        walk = self.walkthrough
        stage = walk.stage
        unfinished = self.history.unfinished
        self._moved = self._moved or bool(walk.path)   # once moved on, this visit is its own attempt
        can_resume = unfinished is not None and not self._moved
        if can_resume:
            set_values(self.resume_button, description=t("place.resume", number=unfinished.decision))
        show(self.resume_button, can_resume)
        show(self.place_area, not self.history.empty)
        written = any(box.textarea.value.strip() for box in self.reflection_boxes)
        show(self.reflection_area, bool(self.reflection_boxes) and (stage == "ending" or written))
        show(self.begin_button, stage == "note")
        show(self.body, stage != "note")
        if stage == "note":
            return
        if stage == "ending":
            where = t("player.where_ending")
        else:
            where = t("player.where_decision", number=walk.shown_decision)
        set_values(self.where, value=f'<p class="cb-where">{escape(where)}</p>')
        show(self.back_button, walk.can_go_back)
        show(self.restart_button, walk.can_restart)

        set_values(self.scene_html, value=self._scene_html(walk.shown_scene))
        self._render_choices(walk.choices if stage == "choosing" else ())
        show(self.feedback_html, stage == "feedback")
        show(self.continue_button, stage == "feedback")
        if stage == "feedback":
            set_values(self.feedback_html, value=self._feedback_html(walk.last_step.choice))
        for part in (self.ending_html, self.path_html):
            show(part, stage == "ending")
        if stage == "ending":
            self._update_place()
            show(self.place_area, True)
            set_values(self.ending_html, value=self._ending_html())
            set_values(self.path_html, value=self._path_html())

    def _render_choices(self, choices: tuple[Choice, ...]) -> None:
        buttons = [self._choice_button(i) for i in range(len(choices))]
        for button, choice in zip(buttons, choices):
            set_values(button, description=plain(choice.text))
        if tuple(self.choice_box.children) != tuple(buttons):
            self.choice_box.children = buttons
        show(self.choice_box, bool(choices))

    # -- HTML pieces (vignette text rendered safely; labels escaped) ----------------------------------
    def _intro_html(self) -> str:
        v = self.vignette
        # Not a heading: the notebook gives each vignette its own heading, and a second one
        # would be read out twice by a screen reader.
        parts = [f'<p class="cb-title">{render_inline(v.title)}</p>']
        if v.content_note:
            parts.append(f'<div class="cb-note cb-block"><p class="cb-label">'
                         f'{escape(t("player.content_note"))}</p>{render(v.content_note)}</div>')
        if v.minutes:
            parts.append(f"<p>{escape(t('player.minutes', minutes=v.minutes))}</p>")
        parts.append(f'<p class="cb-label">{escape(t("player.setting"))}</p>'
                     f'<div class="cb-block">{render(v.setting)}</div>')
        parts.append(f'<p class="cb-label">{escape(t("player.client"))}</p>'
                     f'<div class="cb-block">{render(v.client)}</div>')
        return "".join(parts)

    def _place_html(self, note: str = "") -> str:
        """What the journal holds for this vignette, in words."""
        h = self.history
        if h.empty:
            return ""
        parts = [t("place.played_one") if h.played == 1 else t("place.played_other", count=h.played)]
        titles = "; ".join(render_inline(title) for title in ending_titles(self.vignette, h.endings))
        if h.endings:
            parts.append(t("place.ending_one" if len(h.endings) == 1 else "place.ending_other", endings="\0"))
        elif h.played:
            parts.append(t("place.no_ending"))
        if h.reflections:
            parts.append(t("place.reflections_one") if h.reflections == 1
                         else t("place.reflections_other", count=h.reflections))
        if h.unfinished is not None and not note:
            parts.append(t("place.left_at", number=h.unfinished.decision))
        if note:
            parts.append(note)
        sentence = escape(" ".join(p for p in parts if p)).replace("\0", titles)
        return f'<p class="cb-label">{escape(t("place.heading"))}</p><p role="status">{sentence}</p>'

    @staticmethod
    def _scene_html(scene: Scene) -> str:
        html = f'<div class="cb-block">{render(scene.text)}</div>'
        if scene.pull:
            html += (f'<div class="cb-pull cb-block"><p class="cb-label">{escape(t("player.pull"))}</p>'
                     f"{render(scene.pull)}</div>")
        if scene.choices:
            html += f'<p class="cb-label">{escape(t("player.choose_prompt"))}</p>'
        return html

    def _feedback_html(self, choice: Choice) -> str:
        fb = choice.feedback
        parts = [f'<div class="cb-feedback cb-block"><p class="cb-label">{escape(t("player.your_choice"))}</p>',
                 render(choice.text)]
        # Labelled blocks rather than <dl>: notebook themes style dt/dd as narrow floats.
        for key, text in (("protection", fb.protection), ("arousal_and_safety", fb.arousal_and_safety),
                          ("relationship", fb.relationship)):
            parts.append(f'<div class="cb-effect"><p class="cb-label">{escape(t("player.effect_" + key))}'
                         f"</p>{render(text)}</div>")
        if choice.key_ideas:
            parts.append(key_ideas_html(choice.key_ideas, t("player.key_ideas")))
        if choice.book_section:
            title = book_page_title(self.vignette.source, choice.book_section)
            parts.append(f'<p>{escape(t("player.read_more"))} {book_link(choice.book_section, title)}</p>')
        parts.append("</div>")
        return "".join(parts)

    def _ending_html(self) -> str:
        walk = self.walkthrough
        ending = walk.ending
        title = book_page_title(self.vignette.source, self.vignette.book_section)
        return (f'<div class="cb-ending cb-block"><p class="cb-label">{escape(t("player.ending_label"))}</p>'
                f"<h4>{render_inline(ending.title)}</h4>{render(ending.debrief)}"
                f'<p>{escape(t("player.read_more"))} {book_link(self.vignette.book_section, title)}</p></div>')

    def _path_html(self) -> str:
        items = "".join(
            f"<li>{escape(t('player.path_step', number=step.decision))} {render_inline(step.choice.text)}</li>"
            for step in self.walkthrough.path)
        return f'<p class="cb-label">{escape(t("player.path_heading"))}</p><ul>{items}</ul>'
