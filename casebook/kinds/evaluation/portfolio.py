"""What the course evaluation adds to the portfolio: the latest submission, each rating and answer."""
from __future__ import annotations

from casebook.kinds.evaluation.data import SUBMITTED, Evaluation, submissions
from casebook.portfolio_parts import learner_text, one_line, when
from casebook.strings import t


def portfolio_lines(journal, exercise_id: str, item) -> list[str]:
    done = submissions(journal, exercise_id)
    if not done:
        return []
    evaluation = item if isinstance(item, Evaluation) else None
    texts = {}
    if evaluation is not None:
        texts = {s.id: one_line(s.text) for s in evaluation.statements}
        texts.update({q.id: one_line(q.prompt) for q in evaluation.open_questions})
    latest = done[-1]
    lines = [f"### {t('export.evaluation_given', date=when(latest[-1].created), count=len(done))}", ""]
    for row in latest:
        if row.item_id == SUBMITTED:
            continue
        label = texts.get(row.item_id, f"`{row.item_id}`")
        if "rating" in row.answer:
            lines.append(f"- {label}: **{row.answer.get('label', row.answer['rating'])}**")
        else:
            lines += ["", f"**{label}**", "", learner_text(str(row.answer.get("text", ""))), ""]
    return lines + [""]
