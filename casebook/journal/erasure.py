"""Erasing from the journal: what goes when a learner erases an earlier version, one reflection, one
exercise's records or everything, and how it is made to leave no bytes behind.

Keeping every version protects a learner against loss; erasing is the other half of the same trust
(the GDPR's right to erasure): a deleted phone number must be gone from the file itself, not only
unlinked. So every connection runs with `PRAGMA secure_delete = ON` (a deleted row's bytes are
overwritten with zeros), and an erasure ends with VACUUM (the file is rebuilt from what is kept).

The copies kept beside the journal when it was moved on to a newer format (`journal.v1-backup.sqlite`)
hold what was written before that move. Erasing a version, a reflection or an exercise erases the
same rows from those copies too (matched by id and content, so a later row that reused an id is left
alone); erasing everything deletes the copies. Each copy is read whole into memory, cleaned,
vacuumed and written back whole, which also works on the browser's drive, where SQLite cannot keep a
file open.

Each operation is a function of a connection inside a transaction, run by `Journal` on the journal
and by `scrub_backups` on each copy. Plain Python and SQL, no widgets.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path


def tables(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _renumber(db: sqlite3.Connection, exercise_id: str, prompt: str) -> None:
    """Versions 1..n again after one was erased, so that 'edited n times' stays true of what is kept."""
    rows = db.execute("SELECT id FROM reflection WHERE vignette_id=? AND prompt=? ORDER BY version",
                      (exercise_id, prompt)).fetchall()
    for number, (row_id,) in enumerate(rows, start=1):
        db.execute("UPDATE reflection SET version=? WHERE id=?", (number, row_id))


def erase_version(db: sqlite3.Connection, row) -> int:
    """Erase one version of a reflection: `row` is (id, exercise_id, prompt, text)."""
    row_id, exercise_id, prompt, text = row
    if "reflection" not in tables(db):
        return 0
    erased = db.execute("DELETE FROM reflection WHERE id=? AND vignette_id=? AND prompt=? AND text=?",
                        (row_id, exercise_id, prompt, text)).rowcount
    if erased:
        _renumber(db, exercise_id, prompt)
    return erased


def erase_reflection(db: sqlite3.Connection, exercise_id: str, prompt: str) -> int:
    """Erase every version of one reflection (one prompt of one exercise)."""
    if "reflection" not in tables(db):
        return 0
    return db.execute("DELETE FROM reflection WHERE vignette_id=? AND prompt=?", (exercise_id, prompt)).rowcount


def erase_exercise(db: sqlite3.Connection, exercise_id: str) -> int:
    """Erase everything one vignette or exercise left in the journal: moves, answers, texts."""
    present = tables(db)
    erased = 0
    for table, column in (("step", "vignette_id"), ("reflection", "vignette_id"), ("answer", "exercise_id")):
        if table in present:
            erased += db.execute(f"DELETE FROM {table} WHERE {column}=?", (exercise_id,)).rowcount
    return erased


def erase_all(db: sqlite3.Connection) -> int:
    """Erase every row of every table but the journal's format version."""
    erased = 0
    for name in sorted(tables(db)):
        if name != "schema_version" and not name.startswith("sqlite_"):
            erased += db.execute(f'DELETE FROM "{name}"').rowcount
    return erased


def backups(path: Path) -> list[Path]:
    """The copies kept beside the journal at `path` when it was moved on to a newer format."""
    path = Path(path)
    return sorted(p for p in path.parent.glob(f"{path.stem}.v*-backup*{path.suffix}") if p.is_file())


def scrub(data: bytes, operation) -> tuple[bytes, int]:
    """`operation(db)` run on a journal given as bytes; the cleaned, vacuumed bytes and what it erased."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db.execute("PRAGMA secure_delete = ON")
        db.deserialize(data)
        db.execute("PRAGMA secure_delete = ON")
        db.execute("BEGIN IMMEDIATE")
        try:
            erased = operation(db)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        if not erased:
            return data, 0
        db.execute("VACUUM")
        return db.serialize(), erased
    finally:
        db.close()


def scrub_backups(path: Path, operation) -> list[Path]:
    """Run `operation` on every copy beside the journal at `path`; the copies that changed."""
    changed = []
    for backup in backups(path):
        cleaned, erased = scrub(backup.read_bytes(), operation)
        if erased:
            with open(backup, "wb") as f:   # whole, in one write (as on the browser's drive)
                f.write(cleaned)
            changed.append(backup)
    return changed


def delete_backups(path: Path) -> list[Path]:
    """Delete every copy beside the journal at `path` (erasing everything)."""
    gone = []
    for backup in backups(path):
        with open(backup, "r+b") as f:   # its bytes overwritten first, then the file removed
            f.write(bytes(backup.stat().st_size))
        backup.unlink()
        gone.append(backup)
    return gone
