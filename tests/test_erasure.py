"""Erasing from the journal (issue 11, part 2): a learner who edited a phone number out of a
reflection can erase the earlier version, one reflection, one exercise's records or everything, and
the erased text is gone from the bytes of the file itself, of its -journal and of the copies kept
beside it when it was moved on from an older format."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casebook.journal import Journal, lite_storage

FIXTURE = Path(__file__).parent / "fixtures" / "journal-v1.sqlite"
PHONE = "06-48213377"
PROMPT = "What pulled you?"


def raw(path: Path) -> bytes:
    """Every byte the journal leaves on disk: the file, its rollback journal, the copies beside it."""
    found = b""
    for candidate in [path, path.with_name(path.name + "-journal"), *path.parent.glob("*backup*")]:
        if candidate.exists():
            found += candidate.read_bytes()
    return found


def in_file(path: Path, text: str) -> bool:
    return text.encode("utf-8") in raw(path)


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "journal.sqlite"


def test_an_earlier_version_with_a_phone_number_is_gone_from_the_file(path):
    with Journal(path) as journal:
        first = journal.add_reflection("v1", f"She gave me her number, {PHONE}, in case.", prompt=PROMPT)
        journal.add_reflection("v1", "She gave me her number in case.", prompt=PROMPT)
        assert in_file(path, PHONE), "the test needs the number in the file before erasing"
        assert journal.erase_version(first.id) == 1
        kept = journal.reflection("v1", PROMPT)
    assert not in_file(path, PHONE)
    assert kept.text == "She gave me her number in case."
    assert kept.version == 1 and kept.edits == 0 and kept.earlier == ()


def test_erasing_one_reflection_leaves_the_others(path):
    with Journal(path) as journal:
        journal.add_reflection("v1", f"Call {PHONE}", prompt=PROMPT)
        journal.add_reflection("v1", "Call her back", prompt=PROMPT)
        journal.add_reflection("v1", "Breathe first.", prompt="Another prompt")
        assert journal.erase_reflection("v1", PROMPT) == 2
        assert journal.reflection("v1", PROMPT) is None
        assert journal.reflection("v1", "Another prompt").text == "Breathe first."
    assert not in_file(path, PHONE) and not in_file(path, "Call her back")


def test_erasing_an_exercise_takes_its_moves_answers_and_texts_only(path):
    with Journal(path) as journal:
        journal.add_choice("v1", "run", "opening", "push", 1, next_scene_id="next")
        journal.add_reflection("v1", f"Number {PHONE}", prompt=PROMPT)
        journal.add_answer(exercise_id="v1", kind="quiz", run_id="r", item_id="q1", answer=["a"])
        journal.add_choice("v2", "run2", "opening", "wait", 1, next_scene_id="next")
        journal.add_reflection("v2", "Kept text", prompt=PROMPT)
        assert journal.erase_exercise("v1") == 3
        assert journal.vignette_ids() == ["v2"]
        assert journal.steps("v1") == [] and journal.answers("v1") == []
    assert not in_file(path, PHONE) and in_file(path, "Kept text")


def test_erasing_everything_empties_the_journal_and_removes_the_old_copies(tmp_path, path):
    shutil.copyfile(FIXTURE, path)
    with Journal(path) as journal:
        assert journal.backups(), "opening a format-1 journal keeps a copy beside it"
        journal.add_reflection("v1", f"Ring {PHONE}", prompt=PROMPT)
        journal.set_setting("name", "Dr. A. Learner")
        journal.erase_all()
        assert journal.vignette_ids() == [] and journal.setting("name") is None
        assert journal.backups() == []
        journal.add_reflection("v1", "A new start", prompt=PROMPT)   # the journal goes on
    text = raw(path)
    for gone in (PHONE, "Dr. A. Learner", "I wanted it done for the team meeting", "homework-not-done"):
        assert gone.encode() not in text, gone
    assert Journal(path).reflection("v1", PROMPT).text == "A new start"


def test_an_erased_version_is_erased_from_the_copy_made_before_a_migration_too(path):
    shutil.copyfile(FIXTURE, path)
    with Journal(path) as journal:
        [backup] = journal.backups()
        old = journal.reflection("homework-not-done", journal.reflections("homework-not-done")[0].prompt)
        first = old.versions[0]
        assert first.text.encode() in backup.read_bytes()
        journal.erase_version(first.id)
        assert journal.reflection("homework-not-done", old.prompt).text == old.text
    assert b"I wanted it done for the team meeting." not in raw(path)
    assert old.text.encode() in backup.read_bytes(), "what was not erased stays in the copy"


def test_a_draft_typed_while_the_box_keeps_focus_replaces_itself(path):
    with Journal(path) as journal:
        journal.add_reflection("v1", "Saved yesterday.", prompt=PROMPT)
        draft = journal.keep_draft("v1", "Saved yesterday. And tod", prompt=PROMPT)
        again = journal.keep_draft("v1", "Saved yesterday. And today, 06-1", prompt=PROMPT, replace=draft.id)
        final = journal.keep_draft("v1", "Saved yesterday. And today.", prompt=PROMPT, replace=again.id)
        assert final.id == draft.id and final.version == 2
        assert [v.text for v in final.versions] == ["Saved yesterday.", "Saved yesterday. And today."]
        # Typed back to what was kept before: the draft goes, nothing doubles.
        back = journal.keep_draft("v1", "Saved yesterday.", prompt=PROMPT, replace=final.id)
        assert back.version == 1
        # An empty box with nothing kept before keeps nothing.
        assert journal.keep_draft("v2", "   ", prompt=PROMPT) is None
        assert journal.reflection("v2", PROMPT) is None
    assert b"06-1" not in raw(path)


def test_an_earlier_version_is_never_overwritten_by_a_draft(path):
    with Journal(path) as journal:
        kept = journal.add_reflection("v1", "One.", prompt=PROMPT)
        journal.add_reflection("v1", "Two.", prompt=PROMPT)
        # A stale draft id (not the latest version) adds a version instead of replacing one.
        record = journal.keep_draft("v1", "Three.", prompt=PROMPT, replace=kept.id)
        assert [v.text for v in record.versions] == ["One.", "Two.", "Three."]


def test_in_the_browser_the_drive_copy_keeps_no_erased_bytes(monkeypatch, tmp_path):
    """The browser's journal lives in memory and is written whole to the drive after each write: an
    erasure writes it again, vacuumed, so the drive's file has no old pages."""
    monkeypatch.setattr(lite_storage, "IN_BROWSER", True)
    monkeypatch.setattr(lite_storage, "DRIVE", tmp_path)
    monkeypatch.setattr(lite_storage, "drive_mounted", lambda: True)
    path = tmp_path / "casebook-journal.sqlite"
    with Journal(path) as journal:
        assert journal._drive is not None
        first = journal.add_reflection("v1", f"Her number {PHONE}", prompt=PROMPT)
        journal.add_reflection("v1", "Her number, left out.", prompt=PROMPT)
        assert PHONE.encode() in path.read_bytes()
        journal.erase_version(first.id)
    assert PHONE.encode() not in path.read_bytes()
    with Journal(path) as journal:
        assert journal.reflection("v1", PROMPT).text == "Her number, left out."


# -- where the learner erases ------------------------------------------------------------------------
def test_the_privacy_warning_on_an_earlier_version_offers_to_erase_it(journal):
    from casebook.kinds.vignette.player import Player
    from vignette_factory import small

    v = small()
    journal.add_reflection(v.id, f"She gave me {PHONE}.", prompt=v.reflection[0])
    journal.add_reflection(v.id, "She gave me her number.", prompt=v.reflection[0])
    box = Player(v, journal).reflection_boxes[0]
    panel = box.versions
    assert panel.widget.layout.display != "none"
    assert box.warnings.value == "", "the text in the box has no number; the earlier version has"
    [warning] = panel.warning.children
    note, erase = warning.children
    assert "a phone number" in note.value and PHONE not in note.value
    erase_button = erase.children[0]
    erase_button.click()
    assert PHONE.encode() in journal.path.read_bytes(), "the first click only asks"
    confirm = erase.children[1].children[1].children[0]
    assert confirm.description.startswith("Yes, erase the version saved on")
    confirm.click()
    assert PHONE.encode() not in journal.path.read_bytes()
    assert box.textarea.value == "She gave me her number."
    assert panel.widget.layout.display == "none", "no earlier version is left to show"


def test_the_earlier_versions_can_be_read_and_one_erased(journal):
    from casebook.kinds.vignette.player import Player
    from vignette_factory import small

    v = small()
    for text in ("One.", "Two.", "Three."):
        journal.add_reflection(v.id, text, prompt=v.reflection[0])
    panel = Player(v, journal).reflection_boxes[0].versions
    assert "2 earlier version" in panel.summary.value
    panel.toggle.click()
    shown = [item.children[0].value for item in panel.list.children]
    assert ["One." in shown[0], "Two." in shown[1]] == [True, True]
    second = panel.list.children[1].children[1]
    second.children[0].click()
    second.children[1].children[1].children[1].click()     # "Keep it": nothing goes
    assert len(journal.reflection(v.id, v.reflection[0]).versions) == 3
    second.children[0].click()
    second.children[1].children[1].children[0].click()
    assert [r.text for r in journal.reflection(v.id, v.reflection[0]).versions] == ["One.", "Three."]


def test_the_whole_journal_is_erased_from_the_portfolio_section(journal):
    from casebook.export import PortfolioButton

    journal.add_reflection("v1", f"Ring {PHONE}", prompt=PROMPT)
    view = PortfolioButton(journal, content=[])
    view.eraser.button.click()
    assert "all it keeps of 1 vignette(s)" in view.eraser.confirm.description
    view.eraser.confirm.click()
    assert journal.vignette_ids() == [] and PHONE.encode() not in raw(journal.path)
