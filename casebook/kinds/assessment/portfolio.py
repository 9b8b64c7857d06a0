"""What the final assessment adds to the portfolio: every submitted attempt with its date, score and
the pass mark, and the questions whose answer differed from the course's reading."""
from __future__ import annotations

from casebook.kinds.assessment.data import KIND, RESULT, Assessment, results
from casebook.portfolio_parts import one_line, runs, when
from casebook.strings import t


def portfolio_lines(journal, exercise_id: str, item) -> list[str]:
    assessment = item if isinstance(item, Assessment) else None
    prompts = {q.id: one_line(q.prompt) for q in assessment.questions} if assessment else {}
    answers = {run[0].run_id: run for run in runs(journal.answers(exercise_id, kind=KIND))}
    lines: list[str] = []
    for result in results(journal, exercise_id):
        word = t("export.assessment_passed") if result.passed else t("export.assessment_not_passed")
        lines += [f"### {t('export.assessment_attempt', number=result.number, date=when(result.created))}", "",
                  t("export.assessment_score", score=result.score, total=result.total, percent=result.percent,
                    pass_mark=result.pass_mark, outcome=word), ""]
        differed = [a.item_id for a in answers.get(result.run_id, []) if a.item_id != RESULT and a.outcome != "fits"]
        if differed:
            lines += [t("export.assessment_differed"), ""]
            lines += [f"- {prompts.get(q, f'`{q}`')}" for q in differed] + [""]
    return lines
