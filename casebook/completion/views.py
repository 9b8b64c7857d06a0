"""The completion notebook's views: progress, the certificate, and the files a learner takes away.
Each reads the journal when shown and again when asked (another notebook may have written since)."""
from __future__ import annotations

import ipywidgets as w

from casebook.completion.certificate import NAME_SETTING, CertificateRefused, make_certificate, standing
from casebook.completion.figure import progress_svg
from casebook.completion.printable import printable_html
from casebook.completion.progress import DONE, GROUPS, STARTED, progress
from casebook.completion.xapi import export_json
from casebook.course import course, load_content
from casebook.download import DownloadButton
from casebook.markdown import escape
from casebook.strings import t
from casebook.widgets import ROOT_CLASS, STYLE, WidgetView, button, html_box, style_block

TABLE_STYLE = f"""<style>
.{ROOT_CLASS} table.cb-progress {{ border-collapse: collapse; margin: 0.6em 0; }}
.{ROOT_CLASS} table.cb-progress th, .{ROOT_CLASS} table.cb-progress td {{
  border: 1px solid var(--jp-border-color1, #767676); padding: 0.25em 0.6em; text-align: left; }}
.{ROOT_CLASS} .cb-download-link {{ font-weight: 600; }}
</style>"""


_LOADED: dict[str, dict[str, list]] = {}


def _content(folder=None) -> dict[str, list]:
    """The course's content, read once per notebook session: the files do not change while a learner
    works, and reading them all takes seconds in the browser's Python."""
    key = str(folder)
    if key not in _LOADED:
        _LOADED[key] = load_content(folder)
    return _LOADED[key]


class ProgressView(WidgetView):
    """Which vignettes, exercises, reflections and checks are done per module, what remains, and time."""

    def __init__(self, journal, folder=None):
        self.journal, self.folder = journal, folder
        self.body = html_box("cb-progress")
        self.refresh_button = button(t("progress.refresh"), "cb-refresh")
        self.refresh_button.on_click(lambda _b: self.refresh(announce=True))
        self.status = html_box("cb-status")
        self._root = w.VBox([style_block(STYLE, TABLE_STYLE), self.body, self.refresh_button, self.status],
                            layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS)
        self.refresh()

    def refresh(self, announce: bool = False) -> None:
        c = course()
        self.modules = progress(self.journal, _content(self.folder), {m.id: m.title for m in c.modules})
        parts = [f'<p class="cb-title">{escape(t("progress.heading"))}</p>']
        if not self.journal.vignette_ids():
            parts.append(f"<p>{escape(t('progress.empty'))}</p>")
        parts.append(progress_svg(self.modules))
        parts.append(self._table())
        parts.append(f"<p><em>{escape(t('progress.time_note'))}</em></p>")
        for m in self.modules:
            remaining = m.remaining
            if not remaining:
                parts.append(f"<p>{escape(t('progress.nothing_remaining', module=m.title))}</p>")
                continue
            items = "".join(f"<li>{escape(t('progress.remaining_started', title=i.title) if i.state == STARTED else i.title)}</li>"
                            for i in remaining)
            parts.append(f'<p class="cb-label">{escape(t("progress.remaining", module=m.title))}</p><ul>{items}</ul>')
        found = standing(self.journal, c)
        parts.append(f"<p><strong>{escape(t('progress.certificate_ready') if found.ready else t('progress.certificate_missing', missing=' '.join(found.missing)))}</strong></p>")
        self.body.value = "".join(parts)
        self.status.value = f'<p role="status">{escape(t("progress.refreshed"))}</p>' if announce else ""

    def _table(self) -> str:
        head = "".join(f'<th scope="col">{escape(t(f"progress.{k}"))}</th>'
                       for k in ("module", *GROUPS[:3], "reflections", "minutes"))
        rows = []
        for m in self.modules:
            cells = [f'<th scope="row">{escape(m.title)}</th>']
            for group in GROUPS[:3]:
                total = m.total(group)
                cells.append(f"<td>{m.count(DONE, group)} / {total}</td>" if total else "<td>–</td>")
            written = sum(i.reflections for i in m.items)
            cells.append(f"<td>{written}</td>")
            cells.append(f"<td>{escape(t('progress.minutes_value', minutes=m.minutes))}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return (f'<table class="cb-progress"><caption>{escape(t("progress.table_caption"))}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


class CertificateView(WidgetView):
    """The name to print, and Download my certificate: made only from what the journal holds."""

    def __init__(self, journal):
        self.journal = journal
        self.state = html_box("cb-intro")
        self.name = w.Text(value=journal.setting(NAME_SETTING, "") or "", description=t("certificate.name_label"),
                           layout=w.Layout(width="auto"))
        self.name.add_class("cb-name")
        self.download = DownloadButton(t("certificate.download"), self._make, "cb-certificate")
        self._root = w.VBox([style_block(STYLE, TABLE_STYLE), self.state, self.name, self.download.widget],
                            layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS)
        self.render()

    def render(self) -> None:
        found = standing(self.journal, course())
        said = t("certificate.ready") if found.ready else t("certificate.not_yet", missing=" ".join(found.missing))
        self.state.value = (f'<p class="cb-title">{escape(t("certificate.ready_heading"))}</p><p>{escape(said)}</p>'
                            f"<p>{escape(t('certificate.open_and_print'))}</p>")

    def _make(self):
        self.render()
        return make_certificate(self.journal, course(), self.name.value)


class TakeAwayView(WidgetView):
    """The portfolio as a printable page (for PDF) and the learning records (xAPI), each one button."""

    def __init__(self, journal, folder=None):
        self.journal, self.folder = journal, folder
        self.portfolio = DownloadButton(t("takeaway.portfolio_printable"), self._portfolio, "cb-portfolio-pdf")
        self.records = DownloadButton(t("takeaway.records"), self._records, "cb-xapi")
        note = html_box("cb-note")
        note.value = f"<p>{escape(t('takeaway.records_note'))}</p>"
        self._root = w.VBox([style_block(STYLE, TABLE_STYLE), self.portfolio.widget, note, self.records.widget],
                            layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS)

    def _portfolio(self):
        from casebook.export import portfolio
        items = [item for items in _content(self.folder).values() for item in items]
        title = t("portfolio_pdf.title", course=course().title)
        return "my-portfolio.html", printable_html(portfolio(self.journal, items), title).encode("utf-8")

    def _records(self):
        return "my-learning-records.json", export_json(self.journal, course(), _content(self.folder))
