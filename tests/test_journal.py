"""The learner's journal: records, versions, where the file lives, and that nothing is lost."""
from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import platformdirs
import pytest

from casebook.journal import SCHEMA_VERSION, Journal, JournalError, default_path


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "journal.sqlite") as j:
        yield j


def choose(journal, choice_id, vignette_id="v1", run_id="run-a", decision=1):
    return journal.add_choice(vignette_id, run_id, "opening", choice_id, decision, next_scene_id="next")


# -- records -------------------------------------------------------------------------------------
def test_a_choice_comes_back_as_a_frozen_record_with_an_aware_time(journal):
    record = choose(journal, "push")
    [stored] = journal.choices()
    assert stored == record
    assert (stored.vignette_id, stored.run_id, stored.scene_id, stored.choice_id, stored.decision) == (
        "v1", "run-a", "opening", "push", 1)
    assert stored.created.utcoffset() == timedelta(0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        stored.choice_id = "other"


def test_choices_filter_by_vignette_and_leave_out_moves(journal):
    choose(journal, "a", vignette_id="v1")
    journal.add_step(vignette_id="v1", run_id="run-a", kind="back", decision=1, scene_id="opening",
                     choice_id="a")
    choose(journal, "b", vignette_id="v2")
    assert [c.choice_id for c in journal.choices("v1")] == ["a"]
    assert [c.choice_id for c in journal.choices()] == ["a", "b"]
    assert [s.kind for s in journal.steps("v1")] == ["choose", "back"]
    assert journal.vignette_ids() == ["v1", "v2"]


def test_an_unknown_kind_of_step_is_refused(journal):
    with pytest.raises(sqlite3.IntegrityError):
        journal.add_step(vignette_id="v1", run_id="r", kind="delete", decision=1, scene_id="s")
    assert journal.steps() == []


def test_reflections_keep_every_version(journal):
    journal.add_reflection("v1", "first", prompt="What pulled you?")
    journal.add_reflection("v1", "second", prompt="What pulled you?")
    journal.add_reflection("v1", "free text")                 # no prompt
    journal.add_reflection("v2", "elsewhere", prompt="What pulled you?")
    latest = journal.reflections("v1")
    assert [(r.prompt, r.text, r.version) for r in latest] == [
        ("What pulled you?", "second", 2), (None, "free text", 1)]
    assert [r.text for r in latest[0].versions] == ["first", "second"]
    assert latest[0].edits == 1 and latest[1].edits == 0
    assert latest[0].created.tzinfo is not None
    assert [r.text for r in journal.reflections()] == ["second", "free text", "elsewhere"]


def test_saving_the_same_text_again_adds_no_version(journal):
    first = journal.add_reflection("v1", "same", prompt="p")
    again = journal.add_reflection("v1", "same", prompt="p")
    assert again == first and again.version == 1


def test_an_empty_first_reflection_is_refused_but_clearing_a_saved_one_is_kept(journal):
    with pytest.raises(ValueError):
        journal.add_reflection("v1", "   ", prompt="p")
    journal.add_reflection("v1", "something", prompt="p")
    cleared = journal.add_reflection("v1", "", prompt="p")
    assert cleared.text == "" and cleared.earlier[0].text == "something"


def test_what_was_written_is_there_after_reopening(tmp_path):
    path = tmp_path / "j.sqlite"
    with Journal(path) as j:
        choose(j, "push")
        j.add_reflection("v1", "kept", prompt="p")
    with Journal(path) as j:
        assert [c.choice_id for c in j.choices()] == ["push"]
        assert j.reflection("v1", "p").text == "kept"


# -- the file ----------------------------------------------------------------------------------------
def test_settings_that_keep_writes_safe(journal):
    db = sqlite3.connect(journal.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert db.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    db.close()
    assert journal._db.execute("PRAGMA synchronous").fetchone()[0] == 2        # FULL
    assert journal._db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert not Path(str(journal.path) + "-wal").exists()


def test_environment_variable_chooses_the_file_and_folders_are_made(tmp_path, monkeypatch):
    target = tmp_path / "deep" / "er" / "mine.sqlite"
    monkeypatch.setenv("CASEBOOK_JOURNAL", str(target))
    with Journal() as j:
        assert j.path == target
        choose(j, "x")
    assert target.is_file()


def test_default_file_is_in_the_users_data_folder(monkeypatch):
    monkeypatch.delenv("CASEBOOK_JOURNAL", raising=False)
    assert default_path() == Path(platformdirs.user_data_dir("casebook")) / "journal.sqlite"


def test_an_explicit_path_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEBOOK_JOURNAL", str(tmp_path / "env.sqlite"))
    with Journal(tmp_path / "explicit.sqlite") as j:
        assert j.path.name == "explicit.sqlite"


@pytest.mark.parametrize("content", [b"My notes from supervision\n", b"\x00\x01garbage" * 100])
def test_a_file_that_is_not_sqlite_is_named_and_left_untouched(tmp_path, content):
    path = tmp_path / "journal.sqlite"
    path.write_bytes(content)
    with pytest.raises(JournalError) as info:
        Journal(path)
    message = str(info.value)
    assert str(path) in message and "not a casebook journal" in message and "CASEBOOK_JOURNAL" in message
    assert path.read_bytes() == content


def test_a_corrupt_journal_is_named_and_left_untouched(tmp_path):
    path = tmp_path / "journal.sqlite"
    with Journal(path) as j:
        for i in range(50):
            choose(j, f"c{i}")
    damaged = bytearray(path.read_bytes())
    damaged[100:len(damaged)] = b"\xff" * (len(damaged) - 100)     # keep the header, wreck the rest
    path.write_bytes(bytes(damaged))
    with pytest.raises(JournalError) as info:
        Journal(path)
    assert str(path) in str(info.value) and "damaged" in str(info.value)
    assert path.read_bytes() == bytes(damaged)


def test_another_programs_database_is_left_alone(tmp_path):
    path = tmp_path / "other.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (t TEXT)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(JournalError, match="not a casebook journal"):
        Journal(path)
    assert path.read_bytes() == before


def test_a_journal_from_a_newer_version_is_not_touched(tmp_path):
    path = tmp_path / "journal.sqlite"
    Journal(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    db.commit()
    db.close()
    with pytest.raises(JournalError, match="newer version"):
        Journal(path)


def test_a_folder_is_not_a_journal(tmp_path):
    with pytest.raises(JournalError, match="folder"):
        Journal(tmp_path)


# -- nothing lost: other processes -----------------------------------------------------------------------
WRITER = textwrap.dedent("""
    import sys
    from casebook.journal import Journal
    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    journal = Journal(path)
    print("ready", flush=True)
    sys.stdin.readline()                      # start together
    for i in range(count):
        if i % 10 == 9:
            journal.add_reflection(name, "x" * 20000 + str(i), prompt="p")
        else:
            journal.add_choice(name, "run", "scene", f"c{i}", i + 1)
        print("ack", i, flush=True)           # only after the commit has returned
""")


def _writer(path, name, count):
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(count)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    return process


def test_two_processes_writing_at_once_both_keep_everything(tmp_path):
    path = tmp_path / "journal.sqlite"
    Journal(path).close()
    count = 300
    writers = [_writer(path, name, count) for name in ("first", "second")]
    for process in writers:
        process.stdin.write("go\n")
        process.stdin.flush()
    for process in writers:
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        assert out.split("\n")[-2] == f"ack {count - 1}"
    with Journal(path) as j:
        for name in ("first", "second"):
            choices = j.choices(name)
            assert len(choices) == count - count // 10
            assert [c.decision for c in choices] == [i + 1 for i in range(count) if i % 10 != 9]
            assert j.reflection(name, "p").version == count // 10


def test_a_killed_writer_loses_nothing_it_acknowledged(tmp_path):
    path = tmp_path / "journal.sqlite"
    process = _writer(path, "killed", 100_000)
    process.stdin.write("go\n")
    process.stdin.flush()
    acknowledged = []
    while len(acknowledged) < 150:
        line = process.stdout.readline()
        assert line.startswith("ack"), line
        acknowledged.append(int(line.split()[1]))
    os.kill(process.pid, signal.SIGKILL)
    rest, _ = process.communicate(timeout=30)
    acknowledged += [int(line.split()[1]) for line in rest.splitlines() if line.startswith("ack ")]
    assert process.returncode == -signal.SIGKILL

    with Journal(path) as j:             # opens: a half-written transaction is rolled back
        assert j._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        choice_numbers = {c.decision - 1 for c in j.choices("killed")}
        reflection = j.reflection("killed", "p")
        reflection_numbers = {int(r.text[20000:]) for r in reflection.versions}
    for i in acknowledged:
        assert i in (reflection_numbers if i % 10 == 9 else choice_numbers)
    # At most the one write in flight when the process died may be there without its ack.
    assert len(choice_numbers) + len(reflection_numbers) - len(acknowledged) in (0, 1)
