"""What a vignette adds to the portfolio: each attempt's path with times and the ending it reached."""
from __future__ import annotations

from casebook.kinds.vignette.model import Vignette
from casebook.portfolio_parts import clock, one_line, runs, when
from casebook.strings import t


def portfolio_lines(journal, exercise_id: str, vignette: Vignette | None) -> list[str]:
    """The attempts at one vignette, from its steps in the journal ([] when it has none). Without
    the vignette (it changed or is not at hand) the ids the journal holds stand in for the texts."""
    vignette = vignette if isinstance(vignette, Vignette) else None
    lines: list[str] = []
    for number, steps in enumerate(runs(journal.steps(exercise_id)), start=1):
        lines += _attempt_lines(number, steps, vignette)
    return lines


def _choice_text(vignette: Vignette | None, scene_id: str, choice_id: str) -> str:
    if vignette is not None:
        try:
            return one_line(vignette.scene(scene_id).choice(choice_id).text)
        except KeyError:      # the vignette changed since this attempt; the id still says what it was
            pass
    return f"`{choice_id}`"


def _ending_title(vignette: Vignette | None, scene_id: str) -> str:
    if vignette is not None:
        try:
            ending = vignette.scene(scene_id).ending
            if ending is not None:
                return f"**{one_line(ending.title)}**"
        except KeyError:
            pass
    return f"`{scene_id}`"


def _attempt_lines(number: int, steps, vignette: Vignette | None) -> list[str]:
    lines = [f"### {t('export.attempt', number=number, date=when(steps[0].created))}", ""]
    endings: list[str] = []     # every ending met in this attempt, also ones left with Back
    for step in steps:
        time = clock(step.created)
        if step.kind == "choose":
            text = t("export.step_choose", number=step.decision,
                     choice=_choice_text(vignette, step.scene_id, step.choice_id), time=time)
            ending = _ending_title(vignette, step.next_scene_id) if step.reached_ending else None
            if ending and ending not in endings:
                endings.append(ending)
        elif step.kind == "back":
            text = t("export.step_back", number=step.decision, time=time)
        else:
            text = t("export.step_restart", time=time)
        lines.append(f"- {text}")
    lines.append("")
    if len(endings) == 1:
        lines.append(t("export.ending_reached", ending=endings[0]))
    elif endings:
        lines.append(t("export.endings_reached", endings="; ".join(endings)))
    else:
        lines.append(t("export.no_ending"))
    lines.append("")
    return lines
