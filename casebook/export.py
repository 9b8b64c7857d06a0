"""The learner's journal as a Markdown portfolio, fit to attach as CPD/PE evidence.

Per vignette or exercise: what its kind recorded (a vignette's attempts with their paths and
endings, a knowledge check's tries), then the reflections (latest version, when written, how often
edited). Content passed in gives titles and texts; without it the portfolio still works from the
ids the journal holds. What the learner wrote is quoted as text: characters that Markdown would
read as HTML are escaped.
"""
from __future__ import annotations

from datetime import datetime, timezone

from casebook.kinds.registry import KINDS
from casebook.portfolio_parts import learner_text, one_line, when
from casebook.strings import t


def _known(content) -> dict[str, object]:
    if not content:
        return {}
    if isinstance(content, dict):
        content = content.values()
    return {item.id: item for item in content}


def _reflection_lines(reflections) -> list[str]:
    lines = [f"### {t('export.reflections_heading')}", ""]
    for record in reflections:
        prompt = one_line(record.prompt) if record.prompt else t("export.reflection_no_prompt")
        if record.edits == 0:
            edited = t("export.never_edited")
        elif record.edits == 1:
            edited = t("export.edited_once")
        else:
            edited = t("export.edited_times", count=record.edits)
        first = record.versions[0].created
        lines += [f"**{prompt}**", "",
                  f"*{t('export.reflection_meta', first=when(first), last=when(record.created), edited=edited)}*",
                  "", learner_text(record.text), ""]
    return lines


def portfolio(journal, content=None) -> str:
    """A Markdown portfolio of everything in `journal`. `content` (the course's vignettes and
    exercises, a list or a dict by id) gives titles and texts; without it the ids stand in."""
    known = _known(content)
    now = datetime.now(timezone.utc).astimezone()
    lines = [f"# {t('export.title')}", "", t("export.intro"), "",
             f"- {t('export.exported', date=when(now), zone=now.isoformat()[-6:])}",
             f"- {t('export.journal_path', path=journal.path)}", ""]
    exercise_ids = journal.vignette_ids()
    if not exercise_ids:
        lines += [t("export.empty"), ""]
    for exercise_id in exercise_ids:
        item = known.get(exercise_id)
        title = one_line(item.title) if item is not None else f"`{exercise_id}`"
        lines += [f"## {title}", ""]
        if item is not None:
            lines += [t("export.vignette_id", id=exercise_id), ""]
        for kind in KINDS:   # each kind adds what it recorded (attempts, answers); none knows the others
            lines += kind.portfolio(journal, exercise_id, item)
        reflections = journal.reflections(exercise_id)
        if reflections:
            lines += _reflection_lines(reflections)
    lines += [f"## {t('export.privacy_heading')}", "", t("export.privacy_note"), ""]
    return "\n".join(lines)
