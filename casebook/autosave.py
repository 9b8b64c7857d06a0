"""Keeping what a learner types while they type it, so that closing the tab loses at most the last
second: one helper for every box whose text the journal keeps (vignette reflections, the closing
reflection, rewrites and repairs, the protection map).

The box sends its text to the kernel as it changes (continuous_update); a save follows about a
second after the last change (debounced), on a timer of the kernel's own event loop, so it works the
same in JupyterLab (ipykernel's asyncio loop) and in the browser (Pyodide has no threads; its loop
runs timers with the browser's setTimeout). Where no loop runs (a plain script, the tests), each
change is saved at once.

One stretch of typing in one box keeps one version: each autosave of the stretch replaces the draft
version the stretch saved first (Journal.keep_draft), rather than adding a version per pause. A
stretch ends when Save is pressed, when another box is typed in or a move is made in an exercise,
after a pause of more than STRETCH_GAP_S, and with the page (a reload starts a new one); the next
typing adds a new version, and earlier versions stay in the journal as before.
"""
from __future__ import annotations

import sys
import time
from datetime import datetime, timezone
from typing import Callable

DELAY_S = 1.0          # after the last key press
STRETCH_GAP_S = 120.0  # a longer pause ends the stretch: the next typing is a new version


def call_later(delay: float, callback: Callable[[], object]):
    """Run `callback` after `delay` seconds on the kernel's event loop; a handle with cancel(), or
    None when no loop runs here and `callback` was run at once."""
    asyncio = sys.modules.get("asyncio")
    if asyncio is None:    # never imported, so no loop runs here (a plain script): save at once
        callback()
        return None
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        if sys.platform != "emscripten":
            callback()
            return None
        loop = asyncio.get_event_loop()   # Pyodide's WebLoop: timers are the browser's setTimeout
    return loop.call_later(delay, callback)


class Autosave:
    """Saves the text of `box` (an ipywidgets Textarea) while the learner types.

    `keep(text, replace)` keeps the text and returns the latest version (a ReflectionRecord) or
    None when nothing is kept; `replace` is the id of the version this stretch saved, or None.
    `shown(record, error)` tells the view what happened (error is None when it was kept).
    """

    active: "Autosave | None" = None   # the box typed in last, in this kernel
    schedule = staticmethod(call_later)

    def __init__(self, box, keep: Callable, shown: Callable, delay: float = DELAY_S):
        self.box, self.keep, self.shown, self.delay = box, keep, shown, delay
        box.continuous_update = True
        self._handle = None
        self._pending = False
        self._draft: int | None = None          # the version this stretch saved
        self._started: datetime | None = None   # when this stretch first saved
        self._last_typed = 0.0
        self._quiet = False
        box.observe(self._typed, names="value")

    # -- typing ---------------------------------------------------------------------------------
    def _typed(self, _change) -> None:
        if self._quiet:
            return
        now = time.monotonic()
        if Autosave.active is not self:
            end_stretch()
            Autosave.active = self
        elif now - self._last_typed > STRETCH_GAP_S:
            self.end_stretch()
            Autosave.active = self
        self._last_typed = now
        self._pending = True
        if self._handle is not None:
            self._handle.cancel()
        self._handle = None
        self._handle = self.schedule(self.delay, self.flush)

    def set_text(self, text: str) -> None:
        """Show `text` in the box without treating it as typing (a view filling the box)."""
        self._quiet = True
        try:
            self.box.value = text
        finally:
            self._quiet = False

    # -- saving ---------------------------------------------------------------------------------
    @property
    def pending(self) -> bool:
        return self._pending

    def flush(self):
        """Save now what was typed and not yet saved; the record, or None."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if not self._pending:
            return None
        self._pending = False
        if self._started is None:
            self._started = datetime.now(timezone.utc)
        try:
            record = self.keep(self.box.value, self._draft)
        except Exception as error:   # noqa: BLE001 - the text stays in the box; the view says why
            self.shown(None, error)
            return None
        # Only a version this stretch wrote may be replaced; an older one is never overwritten.
        self._draft = record.id if record is not None and record.created >= self._started else None
        self.shown(record, None)
        return record

    def end_stretch(self) -> None:
        """Save what is pending; the next typing adds a new version."""
        self.flush()
        self._draft, self._started = None, None
        if Autosave.active is self:
            Autosave.active = None


def end_stretch() -> None:
    """End the stretch of whichever box was typed in last (a move elsewhere, a Save)."""
    if Autosave.active is not None:
        Autosave.active.end_stretch()


def keeper(journal, exercise_id: str, prompt, before: Callable[[str], None] | None = None) -> Callable:
    """The `keep` of an Autosave for a text kept under `prompt` (a text, or a function giving the
    current one) of `exercise_id`; `before(text)` is told the text first (a session's draft)."""
    def keep(text: str, replace):
        if before is not None:
            before(text)
        return journal.keep_draft(exercise_id, text, prompt=prompt() if callable(prompt) else prompt,
                                  replace=replace)
    return keep


def saved_message(record, error) -> str:
    """What the status line says after an autosave: "Saved at 14:05", or why it was not kept."""
    from casebook.strings import t
    if error is not None:
        return t("autosave.failed", reason=error)
    if record is None:
        return ""
    return t("autosave.saved", time=record.created.astimezone().strftime("%H:%M"))
