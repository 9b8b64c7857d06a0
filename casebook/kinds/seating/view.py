""""Where shall we sit?" as ipywidgets: choose a client and a way of offering the seats, press
Offer this, and see the room from above with both people placed, the arrangement in words, the
client's likely reaction and feedback on attunement. All state lives in `data.SeatingSession`;
radio buttons and a button, so every choice is reachable by keyboard."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from casebook.exercise_file import book_page_title
from casebook.kinds.seating.data import Seating, SeatingSession, load_seating
from casebook.kinds.seating.room import describe, drawing
from casebook.markdown import escape, render, render_inline
from casebook.strings import t
from casebook.widgets import (ROOT_CLASS, STYLE, WidgetView, book_link, button, html_box, intro_box,
                              key_ideas_html, plain, status_line, style_block)


class SeatingView(WidgetView):
    """The exercise; `display(view)` or a bare `view` at the end of a cell shows it."""

    def __init__(self, exercise: Seating | str | Path, journal=None):
        self.exercise = exercise if isinstance(exercise, Seating) else load_seating(exercise)
        self.session = SeatingSession(self.exercise, journal)
        self._uid = f"room-{self.exercise.id}-{id(self) % 100_000}"   # ids unique on the page
        intro = intro_box(self.exercise, journal, "seating", f'<p>{escape(t("seating.intro_note"))}</p>')
        self.client_choice = w.RadioButtons(options=[(plain(c.name), c.id) for c in self.exercise.clients],
                                            value=self.exercise.clients[0].id, description=t("seating.client_label"),
                                            style={"description_width": "initial"})
        self.about = html_box("cb-note")
        self.offer_choice = w.RadioButtons(options=[(plain(o.text), o.id) for o in self.exercise.offers], value=None,
                                           description=t("seating.offer_label"),
                                           style={"description_width": "initial"}, layout=w.Layout(width="100%"))
        self.offer_choice.add_class("cb-answer")
        self.client_choice.add_class("cb-answer")
        self.offer_button = button(t("seating.offer"), "cb-check", t("seating.offer_tooltip"))
        self.offer_button.on_click(lambda _b: self.offer())
        self.client_choice.observe(lambda _change: self._client_changed(), names="value")
        self.result = html_box("cb-result")
        self.room = html_box("cb-room")
        title = book_page_title(self.exercise.source, self.exercise.book_section)
        more = html_box("cb-more")
        more.value = f'<p>{escape(t("seating.read_more"))} {book_link(self.exercise.book_section, title)}</p>'
        buttons = w.HBox([self.offer_button])
        buttons.add_class("cb-nav")
        self._root = w.VBox([style_block(STYLE), intro, self.client_choice, self.about, self.offer_choice, buttons,
                             self.room, self.result, more], layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS)
        self._client_changed()

    @property
    def client(self):
        return self.exercise.client(self.client_choice.value)

    def offer(self) -> None:
        if self.offer_choice.value is None:
            self.result.value = f"<p>{escape(t('seating.choose_first'))}</p>"
            return
        client, offer_id = self.client, self.offer_choice.value
        try:
            reaction = self.session.offer(client.id, offer_id)
            kept = ""
        except Exception as error:   # the journal could not be written: the reaction still shows here
            if offer_id not in self.session.tried(client.id):
                raise
            reaction, kept = client.reaction(offer_id), status_line(t("seating.not_kept", reason=error))
        arrangement = self.exercise.arrangement(client.id, offer_id)
        self._draw(arrangement)
        tried = t("seating.tried", name=client.name, count=len(self.session.tried(client.id)),
                  total=len(self.exercise.offers))
        ideas = key_ideas_html(reaction.key_ideas, t("player.key_ideas")) if reaction.key_ideas else ""
        self.result.value = (f'{kept}<div class="cb-feedback cb-block" role="status">'
                             f'<p class="cb-where">{escape(describe(arrangement, client.name))}</p>'
                             f'<p class="cb-label">{escape(t("seating.reaction_label"))}</p>{render(reaction.reaction)}'
                             f'<p class="cb-label">{escape(t("seating.attunement_label"))}</p>'
                             f'{render(reaction.attunement)}{ideas}<p><em>{escape(tried)}</em></p></div>')

    def _client_changed(self) -> None:
        client = self.client
        self.about.value = (f'<p class="cb-label">{escape(t("seating.client_heading"))}: {render_inline(client.name)}'
                            f"</p>{render(client.about)}")
        self.result.value = ""
        self._draw(None)

    def _draw(self, arrangement) -> None:
        self.room.value = (f'<p class="cb-label">{escape(t("seating.room_label"))}</p>'
                           f'{drawing(arrangement, self.client.name, t("seating.room_title"), self._uid)}')
