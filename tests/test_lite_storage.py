"""casebook.journal.lite_storage: the journal's database in memory, kept as one whole file (the browser's
drive), run here on an ordinary folder with the drive check switched on by hand."""
from __future__ import annotations

from pathlib import Path

import pytest

from casebook.journal import lite_storage
from casebook.journal.lite_storage import DriveCopy, DriveUnavailable


@pytest.fixture
def drive(monkeypatch):
    monkeypatch.setattr(lite_storage, "drive_mounted", lambda: True)


def open_copy(path: Path) -> tuple[DriveCopy, object]:
    copy = DriveCopy(path)
    db = copy.connect(isolation_level=None)
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
    db.execute("CREATE TABLE IF NOT EXISTS note (text TEXT)")
    copy.save(db)
    return copy, db


def write(copy: DriveCopy, db, text: str) -> None:
    copy.refresh(db)
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO note VALUES (?)", (text,))
    db.execute("COMMIT")
    copy.save(db)


def notes(copy: DriveCopy, db) -> list[str]:
    copy.refresh(db)
    return [r[0] for r in db.execute("SELECT text FROM note ORDER BY rowid")]


def test_what_is_saved_is_there_for_the_next_session(drive, tmp_path):
    path = tmp_path / "journal.sqlite"
    copy, db = open_copy(path)
    write(copy, db, "first reflection")
    db.close()
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    again, db2 = open_copy(path)
    assert notes(again, db2) == ["first reflection"]


def test_two_tabs_see_each_others_entries_instead_of_overwriting_them(drive, tmp_path):
    path = tmp_path / "journal.sqlite"
    tab_a, db_a = open_copy(path)
    tab_b, db_b = open_copy(path)
    write(tab_a, db_a, "from tab A")
    write(tab_b, db_b, "from tab B")
    assert notes(tab_a, db_a) == ["from tab A", "from tab B"]
    assert notes(tab_b, db_b) == ["from tab A", "from tab B"]


def test_deleting_the_file_clears_the_journal_and_it_is_not_written_back(drive, tmp_path):
    path = tmp_path / "journal.sqlite"
    copy, db = open_copy(path)
    write(copy, db, "to be cleared")
    path.unlink()
    assert notes(copy, db) == []
    write(copy, db, "a new start")
    assert notes(*open_copy(path)) == ["a new start"]


def test_without_the_drive_nothing_pretends_to_keep_the_journal(monkeypatch, tmp_path):
    monkeypatch.setattr(lite_storage, "drive_mounted", lambda: False)
    with pytest.raises(DriveUnavailable):
        DriveCopy(tmp_path / "journal.sqlite")


def test_only_paths_on_the_browsers_drive_take_this_route(monkeypatch):
    assert not lite_storage.kept_on_drive(Path("/drive/casebook-journal.sqlite"))  # not a browser
    monkeypatch.setattr(lite_storage, "IN_BROWSER", True)
    assert lite_storage.kept_on_drive(Path("/drive/casebook-journal.sqlite"))
    assert not lite_storage.kept_on_drive(Path("/home/pyodide/journal.sqlite"))
    assert not lite_storage.kept_on_drive(Path("/drivers/journal.sqlite"))
