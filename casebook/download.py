"""A file the learner takes away (portfolio, certificate, learning records), offered as one button.

The same in JupyterLab and in the browser (JupyterLite): the click makes the file's bytes in the
kernel and the page offers them as a link with the `download` attribute and a data: address, so
the browser saves the file itself. Nothing is written beside the notebook, no code is typed, and
no server is asked for anything (a JupyterLite site has none to ask).
"""
from __future__ import annotations

import base64
from typing import Callable

import ipywidgets as w

from casebook.markdown import escape
from casebook.strings import t
from casebook.widgets import button, html_box

MIME = {".md": "text/markdown", ".html": "text/html", ".json": "application/json", ".txt": "text/plain"}


def data_link(filename: str, data: bytes, label: str) -> str:
    """An <a download> that saves `data` as `filename` when followed."""
    suffix = filename[filename.rfind("."):] if "." in filename else ""
    mime = MIME.get(suffix, "application/octet-stream")
    href = f"data:{mime};charset=utf-8;base64,{base64.b64encode(data).decode('ascii')}"
    return (f'<a class="cb-download-link" download="{escape(filename)}" href="{href}">'
            f"{escape(label)}</a>")


def size_text(size: int) -> str:
    return t("download.size_kb", kb=max(1, round(size / 1024))) if size >= 1024 else t("download.size_b", b=size)


class DownloadButton:
    """A button that makes a file when pressed and then offers it to save.

    `make()` returns (filename, bytes). It may raise CourseError (or any exception): the message is
    shown beside the button, in words, and nothing else changes. `widget` is what to display.
    """

    def __init__(self, label: str, make: Callable[[], tuple[str, bytes]], css_class: str = "cb-download"):
        self._make = make
        self.button = button(label, css_class)
        self.button.on_click(lambda _b: self.prepare())
        self.result = html_box("cb-download-result")
        self.filename: str | None = None
        self.data: bytes | None = None
        self.widget = w.VBox([self.button, self.result])

    def prepare(self) -> None:
        try:
            self.filename, self.data = self._make()
        except Exception as error:   # noqa: BLE001 - any failure is told, never a traceback
            self.filename = self.data = None
            self.result.value = f'<p role="status">{escape(t("download.failed", reason=error))}</p>'
            return
        link = data_link(self.filename, self.data, t("download.save", filename=self.filename,
                                                     size=size_text(len(self.data))))
        self.result.value = f'<p role="status">{escape(t("download.ready"))} {link}</p>'
