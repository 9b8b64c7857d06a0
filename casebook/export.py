"""The learner's journal as a Markdown portfolio, fit to attach as CPD/PE evidence.

Per vignette or exercise: what its kind recorded (a vignette's attempts with their paths and
endings, a knowledge check's tries), then the reflections (latest version, when written, how often
edited). Content passed in gives titles and texts; without it the portfolio still works from the
ids the journal holds. What the learner wrote is quoted as text: characters that Markdown would
read as HTML are escaped.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from casebook.course import find_content_folder
from casebook.kinds.registry import KINDS
from casebook.portfolio_parts import learner_text, one_line, when
from casebook.strings import t

_CACHE: dict[str, tuple] = {}   # file -> (mtime and size, top-level id, item, loaded)


_TOP_ID = re.compile(r"""^id:[ \t]*["']?([^"'\s#]+)""", re.M)


def course_content(folder: Path | None = None, ids=None) -> list:
    """The course's valid vignettes and exercises, so that the portfolio shows titles and texts, not
    ids; with `ids`, only those (a file's top-level id is looked at before it is read in full: in the
    browser, Python's YAML reader takes a while per file). Each file is read again only when it
    changed (the portfolio button may be pressed often)."""
    from casebook.authoring.checker import content_files
    from casebook.kinds.registry import examine

    folder = folder if folder is not None else find_content_folder()
    if folder is None or not Path(folder).is_dir():
        return []
    wanted = set(ids) if ids is not None else None
    items = []
    for file in content_files([folder]):
        stat = file.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = _CACHE.get(str(file))
        if cached is None or cached[0] != stamp:
            text = file.read_text(encoding="utf-8", errors="replace")
            top = _TOP_ID.search(text)
            cached = (stamp, top[1] if top else None, None, False)
        _stamp, file_id, item, loaded = cached
        if wanted is not None and file_id is not None and file_id not in wanted:
            _CACHE[str(file)] = cached
            continue
        if not loaded:
            item = examine(file).item
            cached = (stamp, file_id, item, True)
        _CACHE[str(file)] = cached
        if item is not None:
            items.append(item)
    return items


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
    """A Markdown portfolio of everything in `journal`, the same document wherever it is made
    (JupyterLab, the browser, the command line). `content` (the course's vignettes and exercises, a
    list or a dict by id) gives titles and texts; by default the course's own (course_content), and
    what it does not know is named by its id. The journal file is named without its folder: the
    same in every place, and no user name of a home folder in a document meant to be shared."""
    exercise_ids = journal.vignette_ids()
    known = _known(course_content(ids=exercise_ids) if content is None else content)
    now = datetime.now(timezone.utc).astimezone()
    lines = [f"# {t('export.title')}", "", t("export.intro"), "",
             f"- {t('export.exported', date=when(now), zone=now.isoformat()[-6:])}",
             f"- {t('export.journal_path', path=Path(journal.path).name)}", ""]
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


class PortfolioButton:
    """"Download my portfolio": one button in each module notebook's "Your portfolio" section that
    makes the portfolio and offers it to save (casebook.download), the same in JupyterLab and in the
    browser; below it, erasing the whole journal (two clicks). `display(button)` or a bare
    `PortfolioButton(journal)` at the end of a cell shows it."""

    def __init__(self, journal, content=None):
        import ipywidgets as w

        from casebook.download import DownloadButton
        from casebook.journal.erase_view import journal_eraser
        from casebook.markdown import escape
        from casebook.widgets import ROOT_CLASS, STYLE, html_box, style_block

        from casebook.errors import CourseError
        if not hasattr(journal, "vignette_ids"):
            raise CourseError(t("portfolio_button.no_journal", given=type(journal).__name__))
        self.journal, self.content = journal, content
        self.download = DownloadButton(t("portfolio_button.label"), self.make, "cb-portfolio")
        about = html_box("cb-erase-about")
        about.value = (f'<p class="cb-label">{escape(t("portfolio_button.erase_heading"))}</p>'
                       f'<p>{escape(t("portfolio_button.erase_intro"))}</p>')
        self.eraser = journal_eraser(journal)
        self._root = w.VBox([style_block(STYLE), self.download.widget, about, self.eraser.widget],
                            layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS)

    def make(self) -> tuple[str, bytes]:
        return t("portfolio_button.filename"), portfolio(self.journal, self.content).encode("utf-8")

    @property
    def widget(self):
        return self._root

    def _repr_mimebundle_(self, **kwargs):
        return self._root._repr_mimebundle_(**kwargs)
