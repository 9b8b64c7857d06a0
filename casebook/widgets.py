"""What the course's widgets (Player, NoteReframe, KnowledgeCheck) share: their look, small
builders for HTML boxes and buttons, showing and hiding, and how a view displays itself."""
from __future__ import annotations

import ipywidgets as w

from casebook.exercise_file import key_idea_table
from casebook.markdown import escape, render, render_inline
from casebook.strings import t
from casebook.bookpages import book_href

ROOT_CLASS = "casebook-player"

# Scoped by ROOT_CLASS so nothing outside the exercises changes. ipywidgets buttons do not wrap
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
/* The reflection and rewrite boxes hold prose: the interface font, not JupyterLab's code font. */
.{ROOT_CLASS} .cb-reflection textarea, .{ROOT_CLASS} .cb-rewrite textarea {{
  font-family: var(--jp-ui-font-family, inherit); font-size: 1em;
}}
.{ROOT_CLASS} .jupyter-button.cb-wrap {{
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  min-height: var(--jp-widgets-inline-height, 28px); line-height: 1.4; padding: 0.45em 0.9em;
  border: 1px solid var(--jp-border-color1, #767676); margin: 0.2em 0;
}}
.{ROOT_CLASS} .jupyter-button.cb-choice {{ text-align: left; }}
/* Options are sentences too: radio labels wrap, each beside its button (quiz, matching, seating,
   window); the group's own label sits above the options at full width. */
.{ROOT_CLASS} .jupyter-widget-radio-box label, .{ROOT_CLASS} .widget-radio-box label {{
  height: auto; line-height: 1.4; white-space: normal; overflow: visible; margin: 0.2em 0;
  display: flex; align-items: baseline; gap: 0.4em;
}}
.{ROOT_CLASS} .widget-radio-box input, .{ROOT_CLASS} .jupyter-widget-radio-box input {{ order: -1; flex: none; }}
.{ROOT_CLASS} .cb-answer {{ flex-direction: column; align-items: stretch; }}
.{ROOT_CLASS} .cb-answer > label {{
  width: auto; max-width: none; font-weight: 600; white-space: normal; overflow: visible; height: auto;
  line-height: 1.4;
}}
/* A one-line text field with a sentence for its label (the name on a certificate): label above. */
.{ROOT_CLASS} .cb-name.widget-text {{ flex-direction: column; align-items: stretch; width: 100%; }}
.{ROOT_CLASS} .cb-name > label {{ width: auto; max-width: none; text-align: left; font-weight: 600;
  margin: 0.4em 0 0.2em 0; }}
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


def plain(text: str) -> str:
    """Widget labels are plain text: drop Markdown emphasis markers and fold the lines."""
    return " ".join((text or "").replace("**", "").replace("__", "").split()).replace("*", "")


def book_link(book_section: str, title: str) -> str:
    """A link to a chapter of the book. It opens in a new tab, and says so: leaving the exercise's
    page would stop its Python, and whatever the learner had open there with it."""
    return (f'<a href="{escape(book_href(book_section))}" target="_blank" rel="noopener">'
            f'{escape(title)} {escape(t("widgets.new_tab"))}</a>')


def status_line(text: str) -> str:
    """A short status message (saved, not saved, failed) that screen readers announce; none if empty."""
    return f'<p role="status">{escape(text)}</p>' if text else ""


def privacy_warnings_html(warnings) -> str:
    """The privacy check's warnings about a text, as a labelled list; nothing when there are none."""
    if not warnings:
        return ""
    items = "".join(f"<li>{escape(warning.message)}</li>" for warning in warnings)
    return (f'<div class="cb-note"><p class="cb-label">{escape(t("player.privacy_heading"))}'
            f"</p><ul>{items}</ul></div>")


def intro_box(exercise, journal, section: str, extra: str = "", after: str = "") -> w.HTML:
    """An exercise's title and intro, then `extra`, then whether what the learner does is kept (the
    strings `<section>.kept` or `<section>.not_kept_at_all`), then `after`."""
    kept = t(f"{section}.kept") if journal is not None else t(f"{section}.not_kept_at_all")
    box = html_box("cb-intro")
    box.value = (f'<p class="cb-title">{render_inline(exercise.title)}</p>{render(exercise.intro)}{extra}'
                 f"<p><em>{escape(kept)}</em></p>{after}")
    return box


def style_block(*css: str) -> w.HTML:
    """The style rules as a widget that takes no room: hidden, its rules still apply."""
    return w.HTML("".join(css), layout=w.Layout(display="none"))


def html_box(css_class: str = "") -> w.HTML:
    # No width: the box stretches it; width 100% plus the widget's own margin would overflow.
    widget = w.HTML()
    if css_class:
        widget.add_class(css_class)
    return widget


def button(label: str, css_class: str, tooltip: str = "", full_width: bool = False) -> w.Button:
    layout = w.Layout(width="100%" if full_width else "auto", height="auto")
    made = w.Button(description=label, tooltip=tooltip, layout=layout)
    made.add_class("cb-wrap").add_class(css_class)
    return made


def show(widget, visible: bool) -> None:
    # "" rather than None for visible: a Pyodide kernel (JupyterLite) never sends a trait set
    # to None to the page, so the widget would stay hidden there.
    display = "" if visible else "none"
    if widget.layout.display != display:     # an unchanged trait sends nothing to the browser
        widget.layout.display = display


def set_values(widget, **values) -> None:
    """Set traits that changed, and only those: each set is a message to the browser."""
    for name, value in values.items():
        if getattr(widget, name) != value:
            setattr(widget, name, value)


class WidgetView:
    """A view whose root widget is `self._root`: `display(view)`, a bare `view` at the end of a
    cell, and `view.show()` all show it."""

    _root: w.Widget

    @property
    def widget(self) -> w.Widget:
        """The root widget, for placing the view inside other widgets."""
        return self._root

    def _repr_mimebundle_(self, **kwargs):
        return self._root._repr_mimebundle_(**kwargs)

    def show(self) -> None:
        from IPython.display import display
        display(self._root)


def key_ideas_html(ids, heading: str) -> str:
    """The key ideas a moment touches, as the learner reads them: their summaries, without the
    tracking codes (R9 and so on live in the data and on the coverage page, not in running text)."""
    summaries = {}
    for table in key_idea_table().values():
        summaries.update(table)
    items = "".join(f'<li data-key-idea="{escape(i)}">{render_inline(summaries.get(i, ""))}</li>' for i in ids)
    return f'<p class="cb-label">{escape(heading)}</p><ul>{items}</ul>'
