"""What "Then and now" adds to the portfolio: every match tried, by sitting."""
from __future__ import annotations

from casebook.kinds.then_and_now.data import ThenAndNow
from casebook.portfolio_parts import answers_part, one_line
from casebook.strings import t


def _line(exercise: ThenAndNow | None, answer, outcome: str, time: str) -> str:
    now, then = _texts(exercise, answer.item_id, answer.answer)
    return t("export.match_answer", now=now, then=then, outcome=outcome, time=time)


portfolio_lines = answers_part(ThenAndNow, "then_and_now", _line)


def _texts(exercise: ThenAndNow | None, pattern_id: str, then_id: str) -> tuple[str, str]:
    if exercise is not None:
        try:
            now, then = exercise.pattern(pattern_id).now, exercise.pattern(then_id).then
            return f"“{one_line(now)}”", f"“{one_line(then)}”"
        except KeyError:   # the exercise changed since: the ids still say what it was
            pass
    return f"`{pattern_id}`", f"`{then_id}`"
