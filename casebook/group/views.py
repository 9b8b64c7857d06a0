"""Group mode's two widgets.

GroupModeView(journal)   the participant's: what is shared and what never is, in plain words, before
                         the Join button; the folder; Join, Leave, and Leave and delete (confirmed);
                         sharing one saved reflection, only if they choose to.
GroupDashboard(folder)   the facilitator's live view for a projector: the number of participants, per
                         vignette decision and knowledge-check question a bar chart of how the group
                         chose (counts under 3 hidden), shared reflections, skipped files; a Refresh
                         button and a refresh by itself every few seconds while the kernel runs.
"""
from __future__ import annotations

import asyncio
import itertools
from datetime import datetime
from pathlib import Path

import ipywidgets as w

from casebook.errors import CourseError
from casebook.group.aggregate import Summary, summarise
from casebook.group.figure import Bar, bars_svg
from casebook.group.share import GroupMode, default_folder, in_browser, shown_path
from casebook.journal import privacy
from casebook.markdown import escape
from casebook.strings import t
from casebook.widgets import (ROOT_CLASS, STYLE, WidgetView, button, html_box, plain, privacy_warnings_html,
                              set_values, show, status_line, style_block)

GROUP_STYLE = f"""<style>
.{ROOT_CLASS} .cb-group-folder {{ flex-direction: column; align-items: stretch; width: 100%; max-width: 52rem; }}
.{ROOT_CLASS} .cb-group-folder > label {{ width: auto; max-width: none; font-weight: 600; text-align: left; }}
.{ROOT_CLASS} .cb-group-pick {{ flex-direction: column; align-items: stretch; width: 100%; max-width: 52rem; }}
.{ROOT_CLASS} .cb-group-pick > label {{ width: auto; max-width: none; font-weight: 600; text-align: left; }}
.{ROOT_CLASS} .cb-group-shared {{ white-space: pre-wrap; }}
</style>"""

# The dashboard is read from across a room: everything in it is large, and it may use the whole width.
DASHBOARD_STYLE = f"""<style>
.{ROOT_CLASS}.cb-group-dashboard {{ max-width: 64rem; font-size: 1.25rem; }}
.{ROOT_CLASS}.cb-group-dashboard h2 {{ font-size: 2rem; margin: 0.4em 0 0.2em 0; }}
.{ROOT_CLASS}.cb-group-dashboard h3 {{ font-size: 1.6rem; margin: 1em 0 0.2em 0; }}
.{ROOT_CLASS}.cb-group-dashboard h4 {{ font-size: 1.3rem; margin: 0.8em 0 0.2em 0; }}
.{ROOT_CLASS}.cb-group-dashboard p, .{ROOT_CLASS}.cb-group-dashboard li,
.{ROOT_CLASS}.cb-group-dashboard blockquote {{ font-size: 1.25rem; }}
.{ROOT_CLASS}.cb-group-dashboard .cb-label {{ font-size: 1.35rem; margin-top: 1em; }}
.{ROOT_CLASS}.cb-group-dashboard .cb-count {{ font-size: 1.6rem; font-weight: 700; }}
.{ROOT_CLASS}.cb-group-dashboard .cb-where {{ font-weight: 400; font-style: italic; }}
.{ROOT_CLASS}.cb-group-dashboard .jupyter-button.cb-wrap {{ font-size: 1.1rem; }}
.{ROOT_CLASS}.cb-group-dashboard label, .{ROOT_CLASS}.cb-group-dashboard select {{ font-size: 1.1rem; }}
.{ROOT_CLASS}.cb-group-dashboard select {{ height: auto; padding: 0.2em; }}
.{ROOT_CLASS}.cb-group-dashboard .cb-group-only {{ width: auto; }}
/* ipywidgets cuts a checkbox's label at a fixed width: this one is a sentence, so it stays whole. */
.{ROOT_CLASS}.cb-group-dashboard .cb-group-reveal {{ width: auto; }}
.{ROOT_CLASS}.cb-group-dashboard .cb-group-reveal label, .{ROOT_CLASS}.cb-group-dashboard .cb-group-reveal span {{
  width: auto; max-width: none; overflow: visible; text-overflow: clip; white-space: normal; height: auto; }}
</style>"""

REFRESH_SECONDS = 5.0
_FIGURES = itertools.count(1)     # one number per dashboard: its SVGs' ids are unique on a page


def _list(items) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _excerpt(text: str, limit: int = 160) -> str:
    text = plain(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + " …"


class GroupModeView(WidgetView):
    """The participant's group-mode controls over `journal` (see casebook.group.share.GroupMode)."""

    def __init__(self, journal, folder=None):
        self.journal = journal
        intro = html_box("cb-group-intro")
        intro.value = (f'<p class="cb-title">{escape(t("group.heading"))}</p><p>{escape(t("group.intro"))}</p>'
                       f'<p class="cb-label">{escape(t("group.shared_heading"))}</p>'
                       f'{_list(t_list("group.shared_items"))}'
                       f'<p class="cb-label">{escape(t("group.never_heading"))}</p>'
                       f'{_list(t_list("group.never_items"))}'
                       f'<p>{escape(t("group.how_shown"))}</p><p>{escape(t("group.where"))}</p>')
        self.status = html_box("cb-group-status")     # what a button did, and failures: announced
        self.state = html_box("cb-group-state")       # where the participant stands: not announced
        unusable = t("group.error_browser") if in_browser() else t("group.error_no_journal") if journal is None else ""
        if unusable:
            # No folder in the browser's Python is shared with anyone, and without a journal there is
            # nothing to share from: say so, offer nothing.
            self.group = None
            self.status.value = status_line(unusable)
            self._root = w.VBox([style_block(STYLE, GROUP_STYLE), intro, self.status])
            self._root.add_class(ROOT_CLASS)
            return
        self.group = GroupMode(journal)
        self.group.listeners.append(lambda _g: self._update())
        start = folder if folder is not None else (self.group.folder or default_folder())
        self.folder = w.Text(value=shown_path(start), description=t("group.folder_label"),
                             style={"description_width": "initial"}, layout=w.Layout(width="100%"))
        self.folder.add_class("cb-group-folder")
        self.folder_help = html_box("cb-group-help")
        self.folder_help.value = f"<p>{escape(t('group.folder_help'))}</p>"
        self.join_button = button(t("group.join"), "cb-group-join")
        self.leave_button = button(t("group.leave"), "cb-group-leave")
        self.delete_button = button(t("group.leave_delete"), "cb-group-delete")
        self.confirm_text = html_box("cb-group-confirm-text")
        self.confirm_text.value = f"<p>{escape(t('group.delete_confirm_intro'))}</p>"
        self.confirm_button = button(t("group.delete_confirm"), "cb-group-confirm")
        self.cancel_button = button(t("group.cancel"), "cb-group-cancel")
        confirm_buttons = w.HBox([self.confirm_button, self.cancel_button])
        confirm_buttons.add_class("cb-nav")
        self.confirm_row = w.VBox([self.confirm_text, confirm_buttons])
        buttons = w.HBox([self.join_button, self.leave_button, self.delete_button])
        buttons.add_class("cb-nav")
        self.join_button.on_click(lambda _b: self.join())
        self.leave_button.on_click(lambda _b: self.leave())
        self.delete_button.on_click(lambda _b: self.ask_delete())
        self.confirm_button.on_click(lambda _b: self.leave(delete=True))
        self.cancel_button.on_click(lambda _b: self.cancel_delete())
        # Sharing one reflection, only when the participant asks.
        share_head = html_box("cb-group-share-head")
        share_head.value = (f'<p class="cb-label">{escape(t("group.share_heading"))}</p>'
                            f'<p>{escape(t("group.share_intro"))}</p>')
        self.pick = w.Dropdown(options=[], description=t("group.share_pick"),
                               style={"description_width": "initial"}, layout=w.Layout(width="100%"))
        self.pick.add_class("cb-group-pick")
        self.preview = html_box("cb-group-preview")
        self.share_button = button(t("group.share_button"), "cb-group-share")
        self.share_status = html_box("cb-group-share-status")
        self.pick.observe(lambda _c: self._preview(), names="value")
        self.share_button.on_click(lambda _b: self.share())
        # The list is read from the journal when asked for: reflections are saved in other cells.
        self.open_button = button(t("group.share_open"), "cb-group-share-open")
        self.open_button.on_click(lambda _b: self.open_share())
        share_row = w.HBox([self.share_button])
        open_row = w.HBox([self.open_button])
        for row in (share_row, open_row):
            row.add_class("cb-nav")
        self.pick_box = w.VBox([self.pick, self.preview, share_row])
        show(self.pick_box, False)
        self.share_box = w.VBox([share_head, open_row, self.pick_box, self.share_status])
        self._root = w.VBox([style_block(STYLE, GROUP_STYLE), intro, self.folder, self.folder_help, buttons,
                             self.confirm_row, self.status, self.state, self.share_box], layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS)
        self._said = ""
        self._update()

    # -- actions -------------------------------------------------------------------------------------
    def join(self) -> None:
        try:
            code = self.group.join(self.folder.value.strip() or None)
        except CourseError as error:
            self._say(str(error))
            return
        self._say(t("group.status_joined", code=code))

    def leave(self, delete: bool = False) -> None:
        show(self.confirm_row, False)
        try:
            self.group.leave(delete=delete)
        except CourseError as error:
            self._say(str(error))
            return
        self._say(t("group.status_deleted") if delete else t("group.status_left"))
        self.join_button.focus()

    def ask_delete(self) -> None:
        show(self.confirm_row, True)
        self.confirm_button.focus()

    def cancel_delete(self) -> None:
        show(self.confirm_row, False)
        self._say(t("group.status_cancelled"))
        self.delete_button.focus()

    def open_share(self) -> None:
        """Show the participant's saved reflections to choose from (read now from the journal)."""
        self._refresh_pick()
        show(self.pick_box, True)
        self.share_status.value = ""
        (self.pick if self.pick.options else self.open_button).focus()

    def share(self) -> None:
        chosen = self.pick.value
        if chosen is None:
            self.share_status.value = status_line(t("group.share_none"))
            return
        try:
            self.group.share_reflection(chosen.vignette_id, chosen.text, prompt=chosen.prompt)
        except CourseError as error:
            self.share_status.value = status_line(t("group.share_failed", error=error))
            return
        self.share_status.value = status_line(t("group.share_done"))

    # -- showing -------------------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self._said = text
        self._update()

    def _update(self) -> None:
        joined = self.group.joined
        show(self.join_button, not joined)
        show(self.leave_button, joined)
        show(self.delete_button, joined)
        show(self.share_box, joined)
        if not joined:
            show(self.confirm_row, False)
        set_values(self.folder, disabled=joined)
        problem = ""
        if joined:
            set_values(self.folder, value=shown_path(self.group.folder))
            shared = self.group.shared()
            state = t("group.status_in", code=self.group.code, folder=shown_path(self.group.folder),
                      choices=len(shared["choices"]), answers=len(shared["answers"]),
                      reflections=len(shared["reflections"]))
            if self.group.error:
                problem = t("group.status_problem", error=self.group.error)
        else:
            show(self.pick_box, False)
            state = t("group.status_out")
            problem = self.group.error or ""      # e.g. group mode ended: the folder was cleared
        # Only what a press of a button did, and a failure, are announced: the state line changes
        # with every choice made elsewhere on the page and would interrupt a screen reader each time.
        set_values(self.status, value=status_line(self._said) + status_line(problem))
        set_values(self.state, value=f"<p>{escape(state)}</p>")

    def _refresh_pick(self) -> None:
        reflections = self.journal.reflections()
        titles = _course_index(None)[4]
        options = tuple((f"{titles.get(r.vignette_id, r.vignette_id)}: {_excerpt(r.prompt or r.text, 70)}", r)
                        for r in reflections)
        if options != tuple(self.pick.options):
            self.pick.options = options
            if options:
                self.pick.index = len(options) - 1      # the latest reflection first offered
        show(self.share_button, bool(options))
        show(self.pick, bool(options))
        if not options:
            self.preview.value = f"<p>{escape(t('group.share_none'))}</p>"
        else:
            self._preview()

    def _preview(self) -> None:
        chosen = self.pick.value
        if chosen is None:
            return
        self.preview.value = (f'<blockquote class="cb-note cb-group-shared">{escape(chosen.text)}</blockquote>'
                              + privacy_warnings_html(privacy.check(chosen.text)))


def t_list(key: str) -> list[str]:
    """A list of strings from the strings table."""
    from casebook.strings import table
    node = table()
    for part in key.split("."):
        node = node[part]
    return [str(item) for item in node]


class GroupDashboard(WidgetView):
    """The facilitator's live view of the group folder `folder` (default: default_folder()).
    `content` is the folder holding the course's vignettes/ and exercises/ (default: found as the
    notebooks find it), whose texts label the bars."""

    def __init__(self, folder=None, content=None, interval: float = REFRESH_SECONDS, auto: bool = True):
        self.folder = Path(folder).expanduser() if folder not in (None, "") else default_folder()
        self.interval = interval
        self.refreshes = 0
        self.summary: Summary | None = None
        self._handle = None
        self._closed = False
        self._number = next(_FIGURES)
        self._figures = 0
        self._vignettes, self._quizzes, self._order, self._content_problem, _titles = _course_index(content)
        self.head = html_box("cb-group-head")
        self.body = html_box("cb-group-body")
        self.updated = html_box("cb-group-updated")
        self.status = html_box("cb-group-status")
        self.reveal = w.Checkbox(value=False, description=t("group.reveal"), indent=False,
                                 layout=w.Layout(width="auto"))
        self.reveal.add_class("cb-group-reveal")
        self.reveal.observe(lambda _c: self.refresh(), names="value")
        # On a projector one vignette at a time reads best: the one the group is playing.
        self.only = w.Dropdown(options=[(t("group.show_all"), "")], value="", description=t("group.show_label"),
                               style={"description_width": "initial"})
        self.only.add_class("cb-group-only")
        self.only.observe(lambda _c: None if self._offering else self.refresh(), names="value")
        self._offering = False
        self.refresh_button = button(t("group.refresh"), "cb-group-refresh")
        self.refresh_button.on_click(lambda _b: self.refresh(announce=True))
        controls = w.HBox([self.refresh_button, self.only, self.reveal])
        controls.add_class("cb-nav")
        # The title, the number of participants and the controls first, then the charts (a long page).
        self._root = w.VBox([style_block(STYLE, DASHBOARD_STYLE), self.head, controls, self.updated, self.status,
                             self.body],
                            layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS)
        self._root.add_class("cb-group-dashboard")
        self.refresh()
        if auto:
            self.start()

    # -- refreshing ----------------------------------------------------------------------------------
    def refresh(self, announce: bool = False) -> None:
        """Read the folder again and redraw what changed."""
        self.summary = summarise(self.folder)
        self.refreshes += 1
        self._offer_choices(self.summary)
        head, body = self._html(self.summary)
        set_values(self.head, value=head)
        set_values(self.body, value=body)
        now = datetime.now().strftime("%H:%M:%S")
        set_values(self.updated, value=f"<p>{escape(t('group.updated', time=now, seconds=round(self.interval)))}</p>")
        if announce:
            self.status.value = status_line(t("group.refreshed", time=now))

    def _offer_choices(self, summary: Summary) -> None:
        """The exercises the group has answered in, for the "Show" list (kept when still there)."""
        ids = self._ordered(summary.vignettes) + self._ordered(summary.quizzes)
        options = ((t("group.show_all"), ""),) + tuple((self._title(i), i) for i in ids)
        if options != tuple(self.only.options):
            chosen = self.only.value if self.only.value in ids else ""
            self._offering = True          # the list changes: no second refresh from inside this one
            try:
                self.only.options = options
                self.only.value = chosen
            finally:
                self._offering = False

    def start(self) -> None:
        """Refresh every `interval` seconds on the kernel's own event loop (in Voilà and JupyterLab
        alike), until close(). Outside a running loop (a plain script) there is nothing to do."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._loop = loop
        self._schedule()

    def _schedule(self) -> None:
        if not self._closed:
            self._handle = self._loop.call_later(self.interval, self._tick)

    def _tick(self) -> None:
        self._handle = None
        if self._closed or self._root.comm is None:     # the page's widgets are gone: stop
            self._closed = True
            return
        try:
            self.refresh()
        except Exception as error:   # noqa: BLE001 - a bad moment must not stop the live view
            self.status.value = status_line(str(error))
        self._schedule()

    @property
    def running(self) -> bool:
        return self._handle is not None and not self._closed

    def close(self) -> None:
        """Stop refreshing and close the widgets."""
        self._closed = True
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self._root.close()

    # -- drawing -----------------------------------------------------------------------------------------
    def _figure_id(self) -> str:
        # The same ids on every refresh, so an unchanged view sends nothing to the page.
        self._figures += 1
        return f"cb-group-{self._number}-{self._figures}"

    @property
    def html(self) -> str:
        """Everything the view says, as HTML (its title and counts, then the charts)."""
        return self.head.value + self.body.value

    def _html(self, summary: Summary) -> tuple[str, str]:
        """The head (title, folder, participants) and the body (charts, reflections, skipped files)."""
        self._figures = 0
        parts = [f"<h2>{escape(t('group.dashboard_title'))}</h2>",
                 f"<p>{escape(t('group.dashboard_folder', folder=shown_path(summary.folder)))}</p>"]
        if summary.problem:
            parts.append(f"<p>{escape(t('group.unreadable_folder', folder=shown_path(summary.folder), reason=summary.problem))}</p>")
        elif not summary.exists:
            parts.append(f"<p>{escape(t('group.no_folder', folder=shown_path(summary.folder)))}</p>")
        elif summary.participants == 0:
            parts.append(f"<p>{escape(t('group.no_participants'))}</p>")
        else:
            count = (t("group.participants_one") if summary.participants == 1
                     else t("group.participants_other", count=summary.participants))
            parts.append(f'<p class="cb-count">{escape(count)}</p>')
            if not summary.decisions and not summary.questions:
                parts.append(f"<p>{escape(t('group.no_answers_yet'))}</p>")
            else:
                parts.append(f"<p>{escape(t('group.suppressed_note'))}</p>")
        if self._content_problem:
            parts.append(f"<p>{escape(t('group.content_problem', reason=self._content_problem))}</p>")
        head, parts = "".join(parts), []
        parts += self._vignette_parts(summary)
        parts += self._question_parts(summary)
        if summary.reflections:
            parts.append(f"<h3>{escape(t('group.reflections_heading'))}</h3>")
            for r in summary.reflections:
                title = self._title(r.exercise)
                parts.append(f'<blockquote class="cb-note cb-group-shared"><p class="cb-label">{escape(title)}'
                             f'{(": " + escape(plain(r.prompt))) if r.prompt else ""}</p>{escape(r.text)}</blockquote>')
        if summary.broken:
            parts.append(f"<h3>{escape(t('group.broken_heading'))}</h3>")
            parts.append(_list(t("group.broken_item", name=b.name, reason=b.reason) for b in summary.broken))
        return head, "".join(parts)

    def _title(self, exercise_id: str) -> str:
        item = self._vignettes.get(exercise_id) or self._quizzes.get(exercise_id)
        return plain(item.title) if item is not None else t("group.unknown_exercise", id=exercise_id)

    def _ordered(self, ids) -> list[str]:
        ids = list(ids)
        return sorted(ids, key=lambda i: (self._order.get(i, len(self._order)), i))

    def _vignette_parts(self, summary: Summary) -> list[str]:
        parts = []
        shown = [i for i in self._ordered(summary.vignettes) if not self.only.value or i == self.only.value]
        if shown:
            parts.append(f"<h3>{escape(t('group.vignettes_heading'))}</h3>")
        for vignette_id in shown:
            vignette = self._vignettes.get(vignette_id)
            parts.append(f"<h4>{escape(self._title(vignette_id))}</h4>")
            tallies = [d for d in summary.decisions if d.exercise == vignette_id]
            scenes = [s for s in vignette.scenes if not s.is_ending] if vignette else []
            place = {s.id: n for n, s in enumerate(scenes, 1)}
            for tally in sorted(tallies, key=lambda d: (place.get(d.item, len(place) + 1), d.item)):
                scene = next((s for s in scenes if s.id == tally.item), None)
                if scene is None:
                    heading = t("group.unknown_scene", id=tally.item)
                    bars = [Bar(t("group.unknown_choice", id=c.id), c.n) for c in tally.counts]
                    where = ""
                else:
                    heading = t("group.decision_heading", number=place[scene.id])
                    known = {c.id for c in scene.choices}
                    bars = [Bar(plain(c.text), tally.count(c.id).n) for c in scene.choices]
                    bars += [Bar(t("group.unknown_choice", id=c.id), c.n) for c in tally.counts if c.id not in known]
                    where = t("group.decision_at", scene=_excerpt(scene.text))
                title = f"{self._title(vignette_id)}, {heading}"
                parts.append(f'<p class="cb-label">{escape(heading)} <span class="cb-where">{escape(where)}</span></p>')
                parts.append(bars_svg(bars, t("group.figure_title", title=title), self._figure_id()))
        return parts

    def _question_parts(self, summary: Summary) -> list[str]:
        parts = []
        shown = [i for i in self._ordered(summary.quizzes) if not self.only.value or i == self.only.value]
        if shown:
            parts.append(f"<h3>{escape(t('group.questions_heading'))}</h3>")
        reveal = self.reveal.value
        for quiz_id in shown:
            quiz = self._quizzes.get(quiz_id)
            parts.append(f"<h4>{escape(self._title(quiz_id))}</h4>")
            questions = list(quiz.questions) if quiz else []
            place = {q.id: n for n, q in enumerate(questions, 1)}
            tallies = [q for q in summary.questions if q.exercise == quiz_id]
            for tally in sorted(tallies, key=lambda q: (place.get(q.item, len(place) + 1), q.item)):
                question = next((q for q in questions if q.id == tally.item), None)
                if question is None:
                    heading = t("group.unknown_question", id=tally.item)
                    bars = [Bar(t("group.unknown_choice", id=c.id), c.n) for c in tally.counts]
                else:
                    heading = t("group.question_heading", number=place[question.id], prompt=_excerpt(question.prompt))
                    known = {o.id for o in question.options}
                    bars = [Bar(plain(o.text) + (" " + t("group.fits_mark") if reveal and o.fits else ""),
                                tally.count(o.id).n) for o in question.options]
                    bars += [Bar(t("group.unknown_choice", id=c.id), c.n) for c in tally.counts if c.id not in known]
                title = f"{self._title(quiz_id)}, {heading}"
                parts.append(f'<p class="cb-label">{escape(heading)}</p>')
                parts.append(bars_svg(bars, t("group.figure_title", title=title), self._figure_id()))
        return parts


_INDEX: dict[str, tuple] = {}


def _course_index(content) -> tuple[dict, dict, dict, str, dict]:
    """The course's vignettes and knowledge checks by id, their order in the course, a problem in
    words when the files could not be read (the dashboard then shows ids), and every exercise's title
    by id. Read once per kernel."""
    key = str(content)
    if key not in _INDEX:
        from casebook.course import load_content
        from casebook.kinds.quiz.data import Quiz
        from casebook.kinds.vignette.model import Vignette
        vignettes, quizzes, order, problem, titles = {}, {}, {}, "", {}
        if content is None and (Path.cwd().parent / "vignettes").is_dir():
            content = Path.cwd().parent          # a notebook in notebooks/facilitator/
        try:
            loaded = load_content(content)
        except CourseError as error:
            loaded, problem = {}, str(error)
        for items in loaded.values():
            for item in items:
                titles[item.id] = plain(item.title)
                if isinstance(item, Vignette):
                    vignettes[item.id] = item
                elif type(item) is Quiz:
                    quizzes[item.id] = item
                else:
                    continue
                order.setdefault(item.id, len(order))
        _INDEX[key] = (vignettes, quizzes, order, problem, titles)
    return _INDEX[key]
