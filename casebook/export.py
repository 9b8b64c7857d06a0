"""The learner's journal as a Markdown portfolio, fit to attach as CPD/PE evidence.

Per vignette: each attempt's path with times, the ending it reached, and the reflections (latest
version, when written, how often edited). Vignettes passed in give titles and choice texts; without
them the portfolio still works from the ids the journal holds. What the learner wrote is quoted as
text: characters that Markdown would read as HTML are escaped.
"""
from __future__ import annotations

from datetime import datetime, timezone
from itertools import groupby

from casebook.kinds.vignette.model import Vignette
from casebook.strings import t


def _known(vignettes) -> dict[str, Vignette]:
    if not vignettes:
        return {}
    if isinstance(vignettes, dict):
        vignettes = vignettes.values()
    return {v.id: v for v in vignettes}


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.day} {local.strftime('%B %Y, %H:%M')}"


def _time(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _learner_text(text: str) -> str:
    """A learner's text as a Markdown quote that shows exactly what they typed."""
    # A backslash before < and & keeps Markdown renderers from reading them as HTML or entities.
    safe = text.replace("\\", "\\\\").replace("<", "\\<").replace("&", "\\&")
    return "\n".join(f"> {line}".rstrip() for line in safe.strip().splitlines()) or ">"


def _choice_text(vignette: Vignette | None, scene_id: str, choice_id: str) -> str:
    if vignette is not None:
        try:
            return _one_line(vignette.scene(scene_id).choice(choice_id).text)
        except KeyError:      # the vignette changed since this attempt; the id still says what it was
            pass
    return f"`{choice_id}`"


def _ending_title(vignette: Vignette | None, scene_id: str) -> str:
    if vignette is not None:
        try:
            ending = vignette.scene(scene_id).ending
            if ending is not None:
                return f"**{_one_line(ending.title)}**"
        except KeyError:
            pass
    return f"`{scene_id}`"


def _attempt_lines(number: int, steps, vignette: Vignette | None) -> list[str]:
    lines = [f"### {t('export.attempt', number=number, date=_when(steps[0].created))}", ""]
    endings: list[str] = []     # every ending met in this attempt, also ones left with Back
    for step in steps:
        time = _time(step.created)
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


def _reflection_lines(reflections) -> list[str]:
    lines = [f"### {t('export.reflections_heading')}", ""]
    for record in reflections:
        prompt = _one_line(record.prompt) if record.prompt else t("export.reflection_no_prompt")
        if record.edits == 0:
            edited = t("export.never_edited")
        elif record.edits == 1:
            edited = t("export.edited_once")
        else:
            edited = t("export.edited_times", count=record.edits)
        first = record.versions[0].created
        lines += [f"**{prompt}**", "",
                  f"*{t('export.reflection_meta', first=_when(first), last=_when(record.created), edited=edited)}*",
                  "", _learner_text(record.text), ""]
    return lines


def portfolio(journal, vignettes=None) -> str:
    """A Markdown portfolio of everything in `journal`; `vignettes` (list or dict) give titles."""
    known = _known(vignettes)
    now = datetime.now(timezone.utc).astimezone()
    lines = [f"# {t('export.title')}", "", t("export.intro"), "",
             f"- {t('export.exported', date=_when(now), zone=now.isoformat()[-6:])}",
             f"- {t('export.journal_path', path=journal.path)}", ""]
    vignette_ids = journal.vignette_ids()
    if not vignette_ids:
        lines += [t("export.empty"), ""]
    for vignette_id in vignette_ids:
        vignette = known.get(vignette_id)
        title = _one_line(vignette.title) if vignette else f"`{vignette_id}`"
        lines += [f"## {title}", ""]
        if vignette is not None:
            lines += [t("export.vignette_id", id=vignette_id), ""]
        steps = journal.steps(vignette_id)            # oldest first
        started = {}                                   # run id -> its first step: attempt order
        for step in steps:
            started.setdefault(step.run_id, step.id)
        ordered = sorted(steps, key=lambda s: (started[s.run_id], s.id))
        attempts = [list(run) for _id, run in groupby(ordered, key=lambda s: s.run_id)]
        for number, run_steps in enumerate(attempts, start=1):
            lines += _attempt_lines(number, run_steps, vignette)
        reflections = journal.reflections(vignette_id)
        if reflections:
            lines += _reflection_lines(reflections)
    lines += [f"## {t('export.privacy_heading')}", "", t("export.privacy_note"), ""]
    return "\n".join(lines)

