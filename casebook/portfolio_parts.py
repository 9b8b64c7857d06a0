"""Small pieces every part of the portfolio uses, whatever kind of exercise it comes from: times as
a learner reads them, texts on one line, and the learner's own words quoted so that Markdown shows
exactly what they typed."""
from __future__ import annotations

from datetime import datetime

from casebook.strings import t


def when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.day} {local.strftime('%B %Y, %H:%M')}"


def clock(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def one_line(text: str) -> str:
    return " ".join(text.split())


def learner_text(text: str) -> str:
    """A learner's text as a Markdown quote that shows exactly what they typed."""
    # A backslash before < and & keeps Markdown renderers from reading them as HTML or entities.
    safe = text.replace("\\", "\\\\").replace("<", "\\<").replace("&", "\\&")
    return "\n".join(f"> {line}".rstrip() for line in safe.strip().splitlines()) or ">"


def runs(records) -> list[list]:
    """Records (steps, answers) grouped by run id, runs in the order they were started."""
    started: dict[str, int] = {}
    for record in records:
        started.setdefault(record.run_id, record.id)
    grouped: dict[str, list] = {}
    for record in sorted(records, key=lambda r: (started[r.run_id], r.id)):
        grouped.setdefault(record.run_id, []).append(record)
    return list(grouped.values())


def fits_or_differs(outcome: str | None) -> str:
    return t("export.quiz_fits") if outcome == "fits" else t("export.quiz_differs")


def sitting_lines(answers, describe, word=fits_or_differs) -> list[str]:
    """The answers of an exercise, one section per sitting (run), each answer as the line
    `describe(answer, outcome, time)` gives; the outcome is worded for the learner by `word`."""
    lines: list[str] = []
    for number, sitting in enumerate(runs(answers), start=1):
        lines += [f"### {t('export.quiz_sitting', number=number, date=when(sitting[0].created))}", ""]
        for answer in sitting:
            lines.append(f"- {describe(answer, word(answer.outcome), clock(answer.created))}")
        lines.append("")
    return lines


def answers_part(model, kind: str, describe, word=fits_or_differs):
    """A kind's `portfolio` (see kinds/registry.py): its answers in the journal, by sitting, each the
    line `describe(exercise, answer, outcome, time)`. `exercise` is the course's item when it is of
    `model`, else None (no content given, or another kind's), so that the line falls back on ids."""
    def portfolio(journal, exercise_id: str, item) -> list[str]:
        exercise = item if isinstance(item, model) else None
        return sitting_lines(journal.answers(exercise_id, kind=kind),
                             lambda answer, outcome, time: describe(exercise, answer, outcome, time), word)
    return portfolio
