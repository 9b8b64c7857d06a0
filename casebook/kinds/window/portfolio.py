"""What "Window of tolerance" adds to the portfolio: every move tried, by sitting, with the outcome
of its likely course."""
from __future__ import annotations

from casebook.kinds.window.course import outcome_text
from casebook.kinds.window.data import Window
from casebook.portfolio_parts import answers_part, one_line
from casebook.strings import t


def _line(exercise: Window | None, answer, outcome: str, time: str) -> str:
    return t("export.window_answer", move=_move_text(exercise, answer.item_id), outcome=outcome, time=time)


portfolio_lines = answers_part(Window, "window", _line, word=lambda found: outcome_text(found or ""))


def _move_text(exercise: Window | None, move_id: str) -> str:
    if exercise is not None:
        try:
            return f"“{one_line(exercise.move(move_id).text)}”"
        except KeyError:   # the exercise changed since: the id still says what it was
            pass
    return f"`{move_id}`"
