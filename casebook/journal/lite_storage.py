"""Keeping the journal when the course runs in the browser (JupyterLite with the Pyodide kernel).

There, the reader's files live on JupyterLite's drive, mounted at /drive: a filesystem whose
every file is kept in the browser's IndexedDB and survives closing the tab. SQLite cannot keep
its database file on it. Tried here (Pyodide 314, JupyterLite 0.8): twenty small transactions
on /drive/x.sqlite end in "database disk image is malformed". The drive reads a whole file when
it is opened and stores it back only when it is closed; SQLite keeps its file open and writes
pages in place, reads the size it expects, and keeps a -journal file beside it, none of which
that model supports.

What the drive does well is one whole file, written in one go: each close is a single IndexedDB
transaction, so a file holds either its old or its new bytes, never half of each. So here the
journal's SQLite database lives in memory, and after each committed write the whole database is
written to one file on the drive (a few tens of kB; ~75 ms). Before each read or write the file
is read again, so two notebooks open in two tabs see each other's entries rather than
overwriting them. The Journal API and the SQLite schema stay the same; only where the bytes go
changes. Outside the browser none of this is used.

What is kept where (the README says the same for readers): the journal is the file
casebook-journal.sqlite in the drive's top folder, listed in JupyterLite's file list, where it
can be downloaded or deleted. Deleting it clears the journal, even for a notebook still open.
"""
from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

IN_BROWSER = sys.platform == "emscripten"
DRIVE = Path("/drive")
JOURNAL_NAME = "casebook-journal.sqlite"


class DriveUnavailable(Exception):
    """The browser did not give the kernel its drive, so nothing written would be kept."""


def drive_mounted() -> bool:
    """True when /drive is JupyterLite's drive, not a plain folder of the in-memory filesystem
    (JupyterLite mounts it only when its service worker runs: not in some private windows)."""
    if not IN_BROWSER:
        return False
    try:
        import pyodide_js   # the Pyodide runtime's JavaScript side, there only in the browser
        node = pyodide_js.FS.lookupPath(str(DRIVE)).node
        # Found through the mount, the folder is the root of the filesystem mounted there.
        return str(node.mount.mountpoint) == str(DRIVE)
    except Exception:      # no such folder, or a Pyodide without these internals
        return False


def kept_on_drive(path: Path) -> bool:
    """Whether a journal at `path` must be handled by DriveCopy (in the browser, on /drive)."""
    if not IN_BROWSER:
        return False
    resolved = Path(os.path.abspath(path))
    return resolved == DRIVE or DRIVE in resolved.parents


class DriveCopy:
    """An in-memory SQLite database kept as one whole file at `path` on the drive."""

    def __init__(self, path: Path):
        if not drive_mounted():
            raise DriveUnavailable(str(path))
        self.path = Path(path)
        self._last: bytes | None = None   # the bytes this copy last read or wrote

    def connect(self, **kwargs) -> sqlite3.Connection:
        """A connection to the in-memory database, filled from the file if there is one."""
        db = sqlite3.connect(":memory:", **kwargs)
        self.refresh(db)
        return db

    def _read(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def refresh(self, db: sqlite3.Connection) -> None:
        """Take in what another tab wrote, or a deletion of the file; call outside a transaction."""
        data = self._read()
        if data == self._last or (data is None and self._last is None):
            return
        if data:
            db.deserialize(data)
            db.execute("PRAGMA secure_delete = ON")   # kept for the new contents (journal/erasure.py)
        else:
            # The learner deleted the file (or emptied it): start an empty journal rather than
            # writing the old entries back at the next save.
            _wipe(db)
        self._last = data

    def save(self, db: sqlite3.Connection) -> None:
        """Write the whole database to the drive in one go; call after a commit."""
        data = db.serialize()
        if data != self._last:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "wb") as f:   # one write, stored when the file closes
                f.write(data)
            self._last = data


def _wipe(db: sqlite3.Connection) -> None:
    """Delete every row but the schema version: the tables stay, so the Journal goes on."""
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    db.execute("BEGIN IMMEDIATE")
    for name in tables:
        if name != "schema_version":
            db.execute(f'DELETE FROM "{name}"')
    db.execute("COMMIT")
