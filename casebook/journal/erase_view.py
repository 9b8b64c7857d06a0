"""Erasing from the journal, as small ipywidgets controls placed where each belongs: beside a text's
earlier versions (one version, or the whole text), per exercise, and for the whole journal in the
portfolio section. Every erasure takes two clicks: the first asks, the second names what goes.
The work itself is done by Journal.erase_* (store.py, erasure.py)."""
from __future__ import annotations

from typing import Callable

import ipywidgets as w

from casebook.journal import privacy
from casebook.markdown import escape
from casebook.strings import t
from casebook.widgets import button, html_box, show, status_line


def local_date(moment) -> str:
    local = moment.astimezone()
    return f"{local.day} {local.strftime('%B %Y')}"


def local_time(moment) -> str:
    return moment.astimezone().strftime("%H:%M")


class ConfirmButton:
    """A button that erases only when pressed twice: the first press shows what will go and a second
    button that names it, beside "Keep it"; the second press runs `erase()` (which returns what to
    say was erased). Keyboard focus follows: to the confirming button, and back after."""

    def __init__(self, label: str, confirm_label: Callable[[], str], erase: Callable[[], str],
                 css_class: str = "cb-erase", done: Callable[[], None] | None = None):
        self._confirm_label, self._erase, self._done = confirm_label, erase, done
        self.button = button(label, css_class)
        self.confirm = button("", "cb-erase-confirm")
        self.cancel = button(t("erase.cancel"), "cb-erase-cancel")
        self.question = html_box("cb-erase-question")
        self.status = html_box("cb-erase-status")
        self.confirm_row = w.VBox([self.question, w.HBox([self.confirm, self.cancel])])
        self.confirm_row.children[1].add_class("cb-nav")
        show(self.confirm_row, False)
        self.button.on_click(lambda _b: self.ask())
        self.confirm.on_click(lambda _b: self.run())
        self.cancel.on_click(lambda _b: self.keep())
        self.widget = w.VBox([self.button, self.confirm_row, self.status])

    def ask(self) -> None:
        self.confirm.description = self._confirm_label()
        self.question.value = f"<p>{escape(t('erase.confirm_intro'))}</p>"
        self.status.value = ""
        show(self.confirm_row, True)
        self.confirm.focus()

    def keep(self) -> None:
        show(self.confirm_row, False)
        self.status.value = status_line(t("erase.kept"))
        self.button.focus()

    def run(self) -> None:
        show(self.confirm_row, False)
        try:
            what = self._erase()
        except Exception as error:   # noqa: BLE001 - said in words, never a traceback
            self.status.value = status_line(t("erase.failed", reason=error))
            return
        self.status.value = status_line(t("erase.erased", what=what))
        if self._done is not None:
            self._done()


def _details(text: str) -> str:
    return ", ".join(t(f"erase.detail.{warning.category}") for warning in privacy.check(text))


class VersionsPanel:
    """Beside a text box: the earlier versions the journal keeps of its text, each with Erase; a
    warning (with Erase) when the privacy check finds a detail in an earlier version; and Erase for
    the whole text. Hidden while the text has no earlier version."""

    _UNREAD = object()

    def __init__(self, journal, exercise_id: str, prompt: str | None, on_erased: Callable[[], None] | None = None,
                 record=_UNREAD):
        self.journal, self.exercise_id, self.prompt = journal, exercise_id, prompt
        self.on_erased = on_erased
        self.summary = html_box("cb-versions-summary")
        self.toggle = button(t("erase.show_versions"), "cb-versions-toggle")
        self.toggle.on_click(lambda _b: self._toggle())
        self.list = w.VBox()
        self.warning = w.VBox()
        self._open = False
        self._whole = ConfirmButton(t("erase.erase_reflection"), self._whole_label, self._erase_whole,
                                    done=self._after)
        self.widget = w.VBox([self.warning, self.summary, self.toggle, self.list, self._whole.widget])
        self.widget.add_class("cb-versions")
        self.refresh(record)

    def _record(self):
        return self.journal.reflection(self.exercise_id, self.prompt) if self.journal is not None else None

    def refresh(self, record=_UNREAD) -> None:
        """Show the versions as the journal keeps them (`record`: the latest version, when the caller
        has just read it: in the browser each read of the journal reads its file again)."""
        if record is VersionsPanel._UNREAD:
            try:
                record = self._record()
            except Exception:   # noqa: BLE001 - a journal that cannot be read now: the box says so already
                record = None
        earlier = record.earlier if record is not None else ()
        show(self.widget, bool(earlier))
        if not earlier:
            self.warning.children = self.list.children = ()
            self._open = False
            return
        self.summary.value = f"<p>{escape(t('erase.versions_summary', count=len(earlier)))}</p>"
        self.toggle.description = t("erase.hide_versions" if self._open else "erase.show_versions")
        flagged = [(v, _details(v.text)) for v in earlier]
        self.warning.children = [self._warning(v, found) for v, found in flagged if found]
        self.list.children = [self._version(v, found) for v, found in flagged] if self._open else ()

    def _toggle(self) -> None:
        self._open = not self._open
        self.refresh()

    def _warning(self, version, found: str) -> w.Widget:
        note = html_box("cb-note")
        note.value = (f'<div class="cb-note"><p>{escape(t("erase.privacy_earlier", date=local_date(version.created), time=local_time(version.created), found=found))}</p></div>')
        return w.VBox([note, self._erase_version_button(version).widget])

    def _version(self, version, found: str) -> w.Widget:
        text = html_box("cb-version")
        text.value = (f'<p class="cb-label">{escape(t("erase.version_heading", date=local_date(version.created), time=local_time(version.created)))}</p>'
                      f'<blockquote class="cb-quote">{escape(version.text)}</blockquote>')
        return w.VBox([text, self._erase_version_button(version).widget])

    def _erase_version_button(self, version) -> ConfirmButton:
        when = dict(date=local_date(version.created), time=local_time(version.created))

        def erase() -> str:
            self.journal.erase_version(version.id)
            return t("erase.what_version", **when)
        return ConfirmButton(t("erase.erase_version"), lambda: t("erase.erase_version_confirm", **when), erase,
                             done=self._after)

    def _whole_label(self) -> str:
        record = self._record()
        return t("erase.erase_reflection_confirm", count=len(record.versions) if record else 0)

    def _erase_whole(self) -> str:
        self.journal.erase_reflection(self.exercise_id, self.prompt)
        return t("erase.what_reflection")

    def _after(self) -> None:
        self.refresh()
        if self.on_erased is not None:
            self.on_erased()


def exercise_eraser(journal, exercise_id: str, title: str, done: Callable[[], None] | None = None) -> ConfirmButton:
    """Erase everything one vignette or exercise left in the journal."""
    def erase() -> str:
        journal.erase_exercise(exercise_id)
        return t("erase.what_exercise", title=title)
    return ConfirmButton(t("erase.erase_exercise"), lambda: t("erase.erase_exercise_confirm", title=title),
                         erase, done=done)


def journal_eraser(journal, done: Callable[[], None] | None = None) -> ConfirmButton:
    """Erase the whole journal, and the copies kept beside it."""
    def label() -> str:
        copies = len(journal.backups())
        text = t("erase.erase_all_confirm", count=len(journal.vignette_ids()))
        return text + (t("erase.and_copies", count=copies) if copies else "")

    def erase() -> str:
        journal.erase_all()
        return t("erase.what_all")
    return ConfirmButton(t("erase.erase_all"), label, erase, done=done)
