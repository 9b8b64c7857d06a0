"""A journal made by an earlier version moves on to today's format when it is opened: a copy of the
file first, then one transaction that only adds; a journal newer than the code is refused and left
exactly as it was."""
from __future__ import annotations

import hashlib
import multiprocessing
import subprocess
import sys
import shutil
import sqlite3
from pathlib import Path

import pytest

from casebook.journal import SCHEMA_VERSION, Journal, JournalError

FIXTURE = Path(__file__).parent / "fixtures" / "journal-v1.sqlite"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path, table: str) -> list[tuple]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def version(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute("SELECT max(version) FROM schema_version").fetchone()[0]


@pytest.fixture
def old(tmp_path) -> Path:
    path = tmp_path / "journal.sqlite"
    shutil.copyfile(FIXTURE, path)
    return path


def test_the_fixture_is_a_format_1_journal():
    assert version(FIXTURE) == 1 < SCHEMA_VERSION
    assert len(rows(FIXTURE, "step")) == 4 and len(rows(FIXTURE, "reflection")) == 3


def test_an_older_journal_is_copied_then_moved_on_and_keeps_everything(old):
    before = digest(old)
    steps, reflections = rows(old, "step"), rows(old, "reflection")
    with Journal(old) as journal:
        assert journal.backup == old.with_name("journal.v1-backup.sqlite")
        assert digest(journal.backup) == before            # the copy is the file as it was
        assert version(old) == SCHEMA_VERSION
        assert rows(old, "step") == steps and rows(old, "reflection") == reflections
        latest = journal.reflection("homework-not-done", journal.reflections()[0].prompt)
        assert latest.text.endswith("and for me.") and latest.edits == 1
        assert [s.choice_id for s in journal.choices("homework-not-done")][-1] == "proceed-with-exposure"
        journal.add_answer(exercise_id="knowledge-check", kind="quiz", run_id="r", item_id="q1",
                           answer=["a"], outcome="fits")
        assert [a.item_id for a in journal.answers()] == ["q1"]
    with Journal(old) as again:                              # opened again: nothing more to do
        assert again.backup is None
    assert sorted(p.name for p in old.parent.iterdir()) == ["journal.sqlite", "journal.v1-backup.sqlite"]


def test_a_second_migration_never_overwrites_an_earlier_copy(old):
    earlier = old.with_name("journal.v1-backup.sqlite")
    earlier.write_bytes(b"an earlier copy the learner kept")
    with Journal(old) as journal:
        assert journal.backup == old.with_name("journal.v1-backup-2.sqlite")
    assert earlier.read_bytes() == b"an earlier copy the learner kept"


def test_a_migration_that_fails_changes_nothing(old):
    with sqlite3.connect(old) as db:      # something in the way of the new table
        db.execute("CREATE VIEW answer AS SELECT 1 AS id")
    before_steps = rows(old, "step")
    with pytest.raises(Exception):
        Journal(old)
    assert version(old) == 1 and rows(old, "step") == before_steps
    assert sorted(p.name for p in old.parent.iterdir()) == ["journal.sqlite"]   # no stray copy


def test_a_journal_newer_than_the_code_is_refused_and_never_written(old):
    with sqlite3.connect(old) as db:
        db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION + 1,))
    before = digest(old)
    with pytest.raises(JournalError) as caught:
        Journal(old)
    assert str(old) in str(caught.value) and "newer version" in str(caught.value)
    assert digest(old) == before
    assert sorted(p.name for p in old.parent.iterdir()) == ["journal.sqlite"]


def _open(path: str, queue) -> None:
    try:
        with Journal(path) as journal:
            queue.put(("ok", str(journal.backup) if journal.backup else None))
    except Exception as error:   # reported to the test, which fails on it
        queue.put(("error", repr(error)))


def test_two_notebooks_opening_an_old_journal_at_once_migrate_it_once(old):
    queue = multiprocessing.get_context("spawn").Queue()
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_open, args=(str(old), queue)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    results = [queue.get(timeout=10) for _ in workers]
    assert all(status == "ok" for status, _ in results), results
    assert sum(1 for _, backup in results if backup) == 1
    assert version(old) == SCHEMA_VERSION
    assert len(list(old.parent.glob("journal.v1-backup*.sqlite"))) == 1


def test_a_transient_io_error_while_opening_is_retried_and_a_lasting_one_reported(old, monkeypatch):
    from casebook.journal import store
    real = store.Journal._connect
    calls = []

    def flaky(self):
        calls.append(1)
        if len(calls) == 1:
            raise JournalError("The journal cannot be opened (disk I/O error).")
        return real(self)
    monkeypatch.setattr(store.Journal, "_connect", flaky)
    monkeypatch.setattr(store.time, "sleep", lambda seconds: None)
    with Journal(old) as journal:
        assert len(calls) == 2 and journal.backup is not None

    def broken(self):
        calls.append(1)
        raise JournalError("The journal cannot be opened (disk I/O error).")
    monkeypatch.setattr(store.Journal, "_connect", broken)
    calls.clear()
    with pytest.raises(JournalError):
        Journal(old)
    assert len(calls) == 3


def test_the_write_lock_is_still_held_after_the_copy_is_made(old, monkeypatch):
    """Copying must not open and close the journal file from Python: on POSIX that drops every
    lock this process holds on it, and a second notebook would migrate (and copy) it too."""
    from casebook.journal import store
    probe = ("import sqlite3, sys\n"
             "db = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)\n"
             "try:\n    db.execute('BEGIN IMMEDIATE')\nexcept sqlite3.OperationalError as e:\n"
             "    print(e)\nelse:\n    print('got the lock')\n")
    seen = []

    class Watched(dict):      # the migration scripts are looked up only after the copy is made
        def __getitem__(self, key):
            if not seen:
                seen.append(subprocess.run([sys.executable, "-c", probe, str(old)],
                                           capture_output=True, text=True, check=True).stdout.strip())
            return super().__getitem__(key)
    monkeypatch.setattr(store, "_MIGRATIONS", Watched(store._MIGRATIONS))
    with Journal(old) as journal:
        assert journal.backup is not None and journal.backup.exists()
    assert seen == ["database is locked"]
