"""What "Where shall we sit?" adds to the portfolio: every offer tried, with whom, by sitting."""
from __future__ import annotations

from casebook.kinds.seating.data import Seating
from casebook.portfolio_parts import answers_part, one_line
from casebook.strings import t


def _line(exercise: Seating | None, answer, _outcome: str, time: str) -> str:
    client, offer = _texts(exercise, answer.item_id, answer.answer)
    return t("export.seating_answer", client=client, offer=offer, time=time)


portfolio_lines = answers_part(Seating, "seating", _line)


def _texts(exercise: Seating | None, client_id: str, offer_id: str) -> tuple[str, str]:
    if exercise is not None:
        try:
            return exercise.client(client_id).name, f"“{one_line(exercise.offer(offer_id).text)}”"
        except KeyError:   # the exercise changed since: the ids still say what it was
            pass
    return f"`{client_id}`", f"`{offer_id}`"
