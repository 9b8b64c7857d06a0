"""The ipywidgets view of a vignette: it shows a `Walkthrough` and forwards clicks, nothing more.

The widgets are built once and updated in place on every click (values and visibility), which
keeps a click fast and keeps keyboard focus on widgets that stay in the page. Vignette texts are
rendered as safe Markdown; anything a learner typed is escaped before it is shown.
"""
from __future__ import annotations

import sqlite3
import time

import ipywidgets as w

from . import privacy
from .exercise_file import key_idea_table
from .journal import JournalError
from .markdown import escape, render, render_inline
from .model import Choice, Scene, Vignette
from .strings import t
from .walkthrough import Walkthrough

ROOT_CLASS = "casebook-player"
DOUBLE_CLICK_SECONDS = 0.4

# Scoped by ROOT_CLASS so nothing outside the player changes. ipywidgets buttons do not wrap
# their text by default (one line, ellipsis); choices are sentences, so they must wrap.
STYLE = f"""<style>
.{ROOT_CLASS} {{ max-width: 52rem; width: 100%; line-height: 1.5; }}
/* ipywidgets sets a one-control line height (28px) on HTML; prose needs ordinary spacing. */
.{ROOT_CLASS} .widget-html-content {{ line-height: 1.5; min-width: 0; overflow-wrap: anywhere; }}
.{ROOT_CLASS} a {{ color: var(--jp-content-link-color, #1a5fb4); text-decoration: underline; }}
.{ROOT_CLASS} .cb-block p {{ margin: 0 0 0.6em 0; }}
.{ROOT_CLASS} .cb-label {{ font-weight: 600; margin: 0.6em 0 0.2em 0; }}
.{ROOT_CLASS} .cb-note, .{ROOT_CLASS} .cb-pull, .{ROOT_CLASS} .cb-feedback, .{ROOT_CLASS} .cb-ending {{
  border-left: 4px solid var(--jp-border-color1, #767676); padding: 0.3em 0 0.3em 0.9em; margin: 0.6em 0;
}}
.{ROOT_CLASS} .cb-pull {{ border-left-style: dashed; }}
.{ROOT_CLASS} .cb-effect {{ margin-left: 0.2em; }}
.{ROOT_CLASS} .cb-where {{ font-weight: 600; }}
.{ROOT_CLASS} .cb-title {{ font-size: 1.35em; font-weight: 700; margin: 0.2em 0 0.5em 0; }}
/* The reflection boxes hold prose: the interface font, not JupyterLab's code font. */
.{ROOT_CLASS} .cb-reflection textarea {{ font-family: var(--jp-ui-font-family, inherit); font-size: 1em; }}
.{ROOT_CLASS} .jupyter-button.cb-wrap {{
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  min-height: var(--jp-widgets-inline-height, 28px); line-height: 1.4; padding: 0.45em 0.9em;
  border: 1px solid var(--jp-border-color1, #767676); margin: 0.2em 0;
}}
.{ROOT_CLASS} .jupyter-button.cb-choice {{ text-align: left; }}
.{ROOT_CLASS} .cb-nav {{ flex-wrap: wrap; align-items: center; gap: 0.5em; }}
.{ROOT_CLASS} .cb-reflection.widget-textarea {{ flex-direction: column; align-items: stretch; width: 100%; }}
.{ROOT_CLASS} .cb-reflection > label {{
  width: auto; max-width: none; height: auto; text-align: left; white-space: normal;
  overflow: visible; line-height: 1.4; margin: 0.6em 0 0.3em 0; font-weight: 600;
}}
.{ROOT_CLASS} .cb-reflection textarea {{ min-height: 6em; }}
/* Keyboard focus must be easy to see on light and dark themes alike: a blue ring with a white
   one inside it, drawn inside the control so that no container can clip it. */
.{ROOT_CLASS} button:focus-visible, .{ROOT_CLASS} textarea:focus-visible,
.{ROOT_CLASS} a:focus-visible {{
  outline: 3px solid #1a5fb4 !important; outline-offset: -3px !important;
  box-shadow: inset 0 0 0 5px #ffffff !important;
}}
</style>"""


def _plain(text: str) -> str:
    """Button labels are plain text: drop Markdown emphasis markers and fold the lines."""
    return " ".join((text or "").replace("**", "").replace("__", "").split()).replace("*", "")


def _html(css_class: str = "") -> w.HTML:
    # No width: the box stretches it; width 100% plus the widget's own margin would overflow.
    widget = w.HTML()
    if css_class:
        widget.add_class(css_class)
    return widget


def _button(label: str, css_class: str, full_width: bool = False) -> w.Button:
    layout = w.Layout(width="100%" if full_width else "auto", height="auto")
    button = w.Button(description=label, layout=layout)
    button.add_class("cb-wrap").add_class(css_class)
    return button


def _show(widget, visible: bool) -> None:
    display = None if visible else "none"
    if widget.layout.display != display:     # an unchanged trait sends nothing to the browser
        widget.layout.display = display


def _set(widget, **values) -> None:
    for name, value in values.items():
        if getattr(widget, name) != value:
            setattr(widget, name, value)


def _local_time(moment) -> str:
    return moment.astimezone().strftime("%H:%M")


def _local_date(moment) -> str:
    local = moment.astimezone()
    return f"{local.day} {local.strftime('%B %Y')}"


class ReflectionBox:
    """One reflection prompt: a labelled text box that saves on leaving it and on Save."""

    def __init__(self, walkthrough: Walkthrough, prompt: str):
        self.walkthrough = walkthrough
        self.prompt = prompt
        self.textarea = w.Textarea(description=_plain(prompt), continuous_update=False, rows=5,
                                   placeholder=t("player.reflection_placeholder"),
                                   layout=w.Layout(width="auto"))   # stretched by its box
        self.textarea.add_class("cb-reflection")
        self.save_button = _button(t("player.save"), "cb-save")
        self.warnings = _html("cb-warnings")
        self.status = _html("cb-status")
        self.widget = w.VBox([self.textarea, self.save_button, self.warnings, self.status],
                             layout=w.Layout(width="100%"))
        self._loading = True
        saved = walkthrough.reflection(prompt)
        if saved is not None:
            self.textarea.value = saved.text
            self.warnings.value = self._warnings_html(privacy.check(saved.text))
        self._loading = False
        self._show_status(saved, changed=False)
        if walkthrough.journal is None:
            self.save_button.disabled = True
            self.status.value = f"<p>{escape(t('player.status_no_journal'))}</p>"
        self.textarea.observe(self._on_change, names="value")
        self.save_button.on_click(lambda _button: self.save())

    def _on_change(self, change) -> None:
        # With continuous_update=False the browser sends the value when the box loses focus.
        if not self._loading:
            self.save()

    def save(self):
        """Save the box's text; warn about identifying details but never refuse to save."""
        text = self.textarea.value
        warnings = privacy.check(text)
        self.warnings.value = self._warnings_html(warnings)
        if self.walkthrough.journal is None:
            return None
        try:
            record = self.walkthrough.reflect(text, prompt=self.prompt)
        except ValueError:        # an empty box with nothing saved before: nothing to keep
            self.status.value = f"<p>{escape(t('player.status_empty'))}</p>"
            return None
        except Exception as exc:  # the learner's text stays in the box; tell them what happened
            self.status.value = f"<p>{escape(t('player.status_failed', reason=exc))}</p>"
            return None
        self._show_status(record, changed=True)
        return record

    def _show_status(self, record, changed: bool) -> None:
        if record is None:
            text = t("player.status_not_saved")
        elif changed:
            text = t("player.status_saved", time=_local_time(record.created))
        else:
            text = t("player.status_saved_earlier", date=_local_date(record.created),
                     time=_local_time(record.created))
        self.status.value = f"<p>{escape(text)}</p>"

    @staticmethod
    def _warnings_html(warnings) -> str:
        if not warnings:
            return ""
        items = "".join(f"<li>{escape(warning.message)}</li>" for warning in warnings)
        return (f'<div class="cb-note"><p class="cb-label">{escape(t("player.privacy_heading"))}'
                f"</p><ul>{items}</ul></div>")


class Player:
    """Shows a vignette scene by scene; `display(player)` or a bare `player` shows it in a notebook."""

    def __init__(self, vignette: Vignette, journal=None):
        self.walkthrough = Walkthrough(vignette, journal)
        self.vignette = vignette
        self._last_back: float | None = None
        self._build()
        self._render()

    # -- display ------------------------------------------------------------------------------
    @property
    def widget(self) -> w.VBox:
        """The root widget, for placing the player inside other widgets."""
        return self._root

    def _repr_mimebundle_(self, **kwargs):
        # IPython calls this for display(player) and for a bare `player` at the end of a cell.
        return self._root._repr_mimebundle_(**kwargs)

    def show(self) -> None:
        from IPython.display import display
        display(self._root)

    # -- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        v = self.vignette
        self.intro = _html("cb-intro")
        self.intro.value = self._intro_html()
        self.begin_button = _button(t("player.begin"), "cb-begin")
        self.begin_button.on_click(lambda _b: self._do(self.walkthrough.begin))

        self.where = _html("cb-where-line")
        self.back_button = _button(t("player.back"), "cb-back")
        self.back_button.tooltip = t("player.back_tooltip")
        self.back_button.on_click(lambda _b: self._back())
        self.restart_button = _button(t("player.restart"), "cb-restart")
        self.restart_button.tooltip = t("player.restart_tooltip")
        self.restart_button.on_click(lambda _b: self._restart())
        self.nav = w.HBox([self.where, self.back_button, self.restart_button],
                          layout=w.Layout(width="100%"))
        self.nav.add_class("cb-nav")
        self.where.layout.flex = "1 1 12em"

        self.notice = _html("cb-notice")
        _show(self.notice, False)
        self.scene_html = _html("cb-scene")
        self.choice_buttons: list[w.Button] = []
        self.choice_box = w.VBox(layout=w.Layout(width="100%"))
        self.choice_box.add_class("cb-choices")
        self.feedback_html = _html("cb-feedback-box")
        self.continue_button = _button(t("player.continue"), "cb-continue")
        self.continue_button.on_click(lambda _b: self._continue())
        self.ending_html = _html("cb-ending-box")
        self.path_html = _html("cb-path")

        self.reflection_intro = _html("cb-reflection-intro")
        self.reflection_intro.value = (
            f'<h4>{escape(t("player.reflect_heading"))}</h4><p>{escape(t("player.reflect_intro"))}</p>')
        self.reflection_boxes = [ReflectionBox(self.walkthrough, p) for p in v.reflection]
        self.reflection_area = w.VBox([self.reflection_intro] + [b.widget for b in self.reflection_boxes],
                                      layout=w.Layout(width="100%"))

        self.body = w.VBox([self.nav, self.notice, self.scene_html, self.choice_box, self.feedback_html,
                            self.continue_button, self.ending_html, self.path_html,
                            self.reflection_area], layout=w.Layout(width="100%"))
        # The style block takes no room: hidden, its rules still apply.
        style = w.HTML(STYLE, layout=w.Layout(display="none"))
        self._root = w.VBox([style, self.intro, self.begin_button, self.body],
                            layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS)

    def _choice_button(self, index: int) -> w.Button:
        """The index-th choice button; made once and reused, only its label changes."""
        while len(self.choice_buttons) <= index:
            button = _button("", "cb-choice", full_width=True)
            position = len(self.choice_buttons)
            button.on_click(lambda _b, i=position: self._choose(i))
            self.choice_buttons.append(button)
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

    def _do(self, action) -> None:
        self._last_back = None
        try:
            action()
        except (sqlite3.Error, OSError, JournalError) as exc:
            # The walkthrough writes before it moves, so the learner is still where they were.
            _set(self.notice, value=f'<p class="cb-label">{escape(t("player.journal_failed", reason=exc))}</p>')
            _show(self.notice, True)
            return
        _show(self.notice, False)
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
        _show(self.begin_button, stage == "note")
        _show(self.body, stage != "note")
        if stage == "note":
            return
        if stage == "ending":
            where = t("player.where_ending")
        else:
            where = t("player.where_decision", number=walk.shown_decision)
        _set(self.where, value=f'<p class="cb-where">{escape(where)}</p>')
        _show(self.back_button, walk.can_go_back)
        _show(self.restart_button, walk.can_restart)

        _set(self.scene_html, value=self._scene_html(walk.shown_scene))
        self._render_choices(walk.choices if stage == "choosing" else ())
        _show(self.feedback_html, stage == "feedback")
        _show(self.continue_button, stage == "feedback")
        if stage == "feedback":
            _set(self.feedback_html, value=self._feedback_html(walk.last_step.choice))
        for part in (self.ending_html, self.path_html):
            _show(part, stage == "ending")
        _show(self.reflection_area, stage == "ending" and bool(self.reflection_boxes))
        if stage == "ending":
            _set(self.ending_html, value=self._ending_html())
            _set(self.path_html, value=self._path_html())

    def _render_choices(self, choices: tuple[Choice, ...]) -> None:
        buttons = [self._choice_button(i) for i in range(len(choices))]
        for button, choice in zip(buttons, choices):
            _set(button, description=_plain(choice.text))
        if tuple(self.choice_box.children) != tuple(buttons):
            self.choice_box.children = buttons
        _show(self.choice_box, bool(choices))

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

    @staticmethod
    def _scene_html(scene: Scene) -> str:
        html = f'<div class="cb-block">{render(scene.text)}</div>'
        if scene.pull:
            html += (f'<div class="cb-pull cb-block"><p class="cb-label">{escape(t("player.pull"))}</p>'
                     f"{render(scene.pull)}</div>")
        if scene.choices:
            html += f'<p class="cb-label">{escape(t("player.choose_prompt"))}</p>'
        return html

    @staticmethod
    def _feedback_html(choice: Choice) -> str:
        fb = choice.feedback
        parts = [f'<div class="cb-feedback cb-block"><p class="cb-label">{escape(t("player.your_choice"))}</p>',
                 render(choice.text)]
        # Labelled blocks rather than <dl>: notebook themes style dt/dd as narrow floats.
        for key, text in (("protection", fb.protection), ("nervous_system", fb.nervous_system),
                          ("relationship", fb.relationship)):
            parts.append(f'<div class="cb-effect"><p class="cb-label">{escape(t("player.effect_" + key))}'
                         f"</p>{render(text)}</div>")
        if choice.key_ideas:
            ideas = {}
            for table in key_idea_table().values():
                ideas.update(table)
            items = "".join(f"<li><strong>{escape(i)}</strong>: {render_inline(ideas.get(i, ''))}</li>"
                            for i in choice.key_ideas)
            parts.append(f'<p class="cb-label">{escape(t("player.key_ideas"))}</p><ul>{items}</ul>')
        parts.append("</div>")
        return "".join(parts)

    def _ending_html(self) -> str:
        walk = self.walkthrough
        ending = walk.ending
        href = escape(walk.book_href)
        return (f'<div class="cb-ending cb-block"><p class="cb-label">{escape(t("player.ending_label"))}</p>'
                f"<h4>{render_inline(ending.title)}</h4>{render(ending.debrief)}"
                f'<p><a href="{href}">{escape(t("player.read_more"))}</a></p></div>')

    def _path_html(self) -> str:
        items = "".join(
            f"<li>{escape(t('player.path_step', number=step.decision))} {render_inline(step.choice.text)}</li>"
            for step in self.walkthrough.path)
        return f'<p class="cb-label">{escape(t("player.path_heading"))}</p><ul>{items}</ul>'
