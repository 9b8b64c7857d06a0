""""Reframe the note": the module's file, the loader's FILE:LINE problems, the widget and the journal."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.bookpages import anchors
from casebook.errors import VignetteError
from casebook.journal import Journal
from casebook.kinds.reframe.view import NoteReframe
from casebook.kinds.reframe.data import ReframeSession, load_reframe
from casebook.strings import t

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = ROOT / "notebooks" / "exercises" / "resistance" / "reframe-the-note.yml"

GOOD = """\
id: reframe-the-note
title: Reframe the note
module: resistance
intro: Rewrite each sentence.
checklist:
  - {id: behaviour, text: Describes behaviour.}
  - {id: protects, text: Names what it may protect.}
  - {id: dignity, text: Leaves dignity intact.}
sentences:
  - id: homework
    setting: Outpatient team.
    note: Client is resistant.
    reframes:
      - He did not do the sheets; they may bring the memories too close. We shortened the task.
    key_ideas: [R4]
    book_section: book/resistance/reframe.md
  - id: cancelling
    note: Client keeps cancelling.
    reframes: [She cancelled twice. Coming may be hardest on hard days. I will ask her.]
    key_ideas: [R6, R10]
"""


def write(tmp_path, text, name="reframe-the-note.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path) -> list[str]:
    with pytest.raises(VignetteError) as caught:
        load_reframe(path)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "journal.sqlite") as j:
        yield j


# -- the module's own exercise ------------------------------------------------------------------------

def test_the_module_exercise_has_five_or_six_sentences_each_with_worked_reframes():
    exercise = load_reframe(EXERCISE)
    assert 5 <= len(exercise.sentences) <= 6
    assert all(1 <= len(s.reframes) <= 2 and s.key_ideas for s in exercise.sentences)
    assert {c.id for c in exercise.checklist} >= {"behaviour", "protects", "clinician", "dignity", "client-reads"}


def test_the_module_exercise_points_to_pages_that_exist():
    exercise = load_reframe(EXERCISE)
    for s in exercise.sentences:
        if s.book_section:
            page, _, anchor = s.book_section.partition("#")
            assert (ROOT / page).is_file(), f"{s.id}: {page} does not exist"
            if anchor:
                assert anchor in anchors(ROOT / page), f"{s.id}: no heading or label #{anchor} on {page}"


# -- loading: every problem with its line -------------------------------------------------------------------

def test_a_good_file_loads(tmp_path):
    exercise = load_reframe(write(tmp_path, GOOD))
    assert [s.id for s in exercise.sentences] == ["homework", "cancelling"]
    assert exercise.sentences[1].line == 17 and exercise.sentences[1].setting == ""
    assert [c.id for c in exercise.checklist] == ["behaviour", "protects", "dignity"]


def test_problems_are_listed_all_at_once_with_their_lines(tmp_path):
    bad = GOOD.replace("  - {id: dignity, text: Leaves dignity intact.}\n", "") \
              .replace("    note: Client keeps cancelling.\n", "    noet: Client keeps cancelling.\n") \
              .replace("key_ideas: [R6, R10]", "key_ideas: [R6, X1]") \
              .replace("id: cancelling", "id: homework") \
              .replace("book_section: book/resistance/reframe.md", "book_section: reframe")
    path = write(tmp_path, bad)
    found = problems_of(path)
    expected = {
        5: "give 3 to 8 entries in 'checklist' (there are 2)",
        15: "'book_section' should name a book page",
        16: "the id 'homework' is used twice (first at line 9)",
        17: "unknown key 'noet'; did you mean 'note'?",
        19: "'X1' is not a key idea",
    }
    for line, words in expected.items():
        assert any(p.startswith(f"{path}:{line}: ") and words in p for p in found), (line, words, found)
    assert any(p.startswith(f"{path}:16: ") and "missing 'note'" in p for p in found), found


def test_too_many_reframes_and_non_text_entries_are_named(tmp_path):
    bad = GOOD.replace("reframes: [She cancelled twice. Coming may be hardest on hard days. I will ask her.]",
                       "reframes: [One., [Two], Three.]")
    path = write(tmp_path, bad)
    found = problems_of(path)
    assert any(p.startswith(f"{path}:19: ") and "give 1 to 2 entries in 'reframes'" in p for p in found), found
    assert any(p.startswith(f"{path}:19: ") and "every entry of 'reframes' should be a text" in p for p in found)


def test_not_a_mapping_is_reported_at_line_1(tmp_path):
    path = write(tmp_path, "- just\n- a list\n")
    assert any(p.startswith(f"{path}:1: ") and "set of fields" in p for p in problems_of(path))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(lambda s: s.encode("utf-8")))
def test_any_bytes_give_an_exercise_or_problems_never_another_exception(tmp_path, raw):
    path = tmp_path / "reframe-the-note.yml"
    path.write_bytes(raw)
    try:
        load_reframe(path)
    except VignetteError as error:
        assert error.problems and all(str(p).startswith(f"{path}:") for p in error.problems)


# -- the session logic ----------------------------------------------------------------------------------------

def test_drafts_and_ticks_are_kept_per_sentence(tmp_path):
    session = ReframeSession(load_reframe(write(tmp_path, GOOD)))
    session.draft = "first"
    session.tick("behaviour")
    session.next()
    assert session.draft == "" and session.ticks == frozenset() and not session.compared
    session.previous()
    assert session.draft == "first" and session.ticks == {"behaviour"}
    with pytest.raises(KeyError):
        session.tick("no-such-item")
    assert session.previous() is None and session.index == 0


# -- the widget, driven as a learner would ------------------------------------------------------------------------

def test_compare_reveals_worked_reframes_and_checklist_and_saves_the_rewrite(tmp_path, journal):
    exercise = load_reframe(write(tmp_path, GOOD))
    widget = NoteReframe(exercise, journal=journal)
    assert widget.compare_area.layout.display == "none"
    widget.textarea.value = "He has not done the sheets this week."
    widget.compare_button.click()
    assert widget.compare_area.layout.display != "none"
    assert "He did not do the sheets" in widget.worked_html.value
    assert [b.description for b in widget.checkboxes] == [c.text for c in exercise.checklist]
    assert t("reframe.saved") in widget.status.value
    [record] = journal.reflections("reframe-the-note")
    assert record.text == "He has not done the sheets this week."
    assert "Reframe the note" in record.prompt and "Client is resistant." in record.prompt


def test_ticking_is_self_assessment_only(tmp_path, journal):
    widget = NoteReframe(load_reframe(write(tmp_path, GOOD)), journal=journal)
    widget.compare_button.click()
    widget.checkboxes[0].value = True
    widget.checkboxes[2].value = True
    assert widget.session.ticks == {"behaviour", "dignity"}
    shown = widget.worked_html.value + widget.checklist_intro.value + widget.more_html.value
    assert "score" not in shown.replace(t("reframe.checklist"), "")   # no count of ticks is shown


def test_learner_text_is_escaped_when_shown(tmp_path):
    widget = NoteReframe(load_reframe(write(tmp_path, GOOD)))
    widget.textarea.value = '<img src=x onerror="alert(1)"> & more'
    widget.compare_button.click()
    assert "<img" not in widget.worked_html.value
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more" in widget.worked_html.value


def test_next_and_previous_keep_and_save_drafts(tmp_path, journal):
    widget = NoteReframe(load_reframe(write(tmp_path, GOOD)), journal=journal)
    assert widget.previous_button.disabled and not widget.next_button.disabled
    widget.textarea.value = "draft one"
    widget.next_button.click()
    assert t("reframe.position", number=2, total=2) in widget.where.value
    assert widget.textarea.value == "" and widget.next_button.disabled
    widget.textarea.value = "draft two"
    widget.previous_button.click()
    assert widget.textarea.value == "draft one"
    assert sorted(r.text for r in journal.reflections("reframe-the-note")) == ["draft one", "draft two"]


def test_a_new_widget_starts_from_what_was_saved(tmp_path, journal):
    exercise = load_reframe(write(tmp_path, GOOD))
    first = NoteReframe(exercise, journal=journal)
    first.textarea.value = "kept"
    first.compare_button.click()
    again = NoteReframe(exercise, journal=journal)
    assert again.textarea.value == "kept"


def test_nothing_written_leaves_the_journal_empty(tmp_path, journal):
    widget = NoteReframe(load_reframe(write(tmp_path, GOOD)), journal=journal)
    widget.compare_button.click()
    widget.next_button.click()
    assert journal.reflections() == []
    assert t("reframe.no_version") in NoteReframe(load_reframe(write(tmp_path, GOOD)))._worked_html()


def test_without_a_journal_the_learner_is_told_the_text_is_not_kept(tmp_path):
    widget = NoteReframe(load_reframe(write(tmp_path, GOOD)))
    widget.textarea.value = "something"
    widget.compare_button.click()
    assert t("reframe.not_saved") in widget.status.value


def test_identifying_details_are_flagged_but_the_text_is_still_saved(tmp_path, journal):
    widget = NoteReframe(load_reframe(write(tmp_path, GOOD)), journal=journal)
    widget.textarea.value = "Call her on 06-12345678 about the sheets."
    widget.compare_button.click()
    assert widget.warnings.value != ""
    assert journal.reflections()[0].text == "Call her on 06-12345678 about the sheets."


def test_an_id_that_is_not_the_file_name_is_named_with_its_line(tmp_path):
    path = write(tmp_path, GOOD, name="renamed.yml")
    stem = GOOD.split("\n")[0].removeprefix("id: ")
    assert problems_of(path) == [f"{path}:1: " + t("exercise_check.id_not_file", id=stem, stem="renamed")]


# -- a file's own wording (labels): the same kind serves "Write a repair" --------------------------------

REPAIR = ROOT / "notebooks" / "exercises" / "resistance" / "write-a-repair.yml"


def test_labels_replace_the_tables_words_in_the_view_and_the_journal(tmp_path, journal):
    labelled = GOOD.replace("checklist:\n", "labels:\n  your_rewrite: Your repair\n"
                            "  position: \"Moment {number} of {total}\"\n"
                            "  journal_prompt: \"{exercise}: my repair for \\\"{note}\\\"\"\nchecklist:\n", 1)
    exercise = load_reframe(write(tmp_path, labelled))
    view = NoteReframe(exercise, journal)
    assert view.textarea.description == "Your repair"
    assert "Moment 1 of 2" in view.where.value
    assert view.next_button.description == t("reframe.next")   # not relabelled: the table's words
    view.textarea.value = "I went too fast. Let's slow down."
    view.compare()
    assert journal.reflection("reframe-the-note", 'Reframe the note: my repair for "Client is resistant."').text \
        == "I went too fast. Let's slow down."


def test_a_misspelt_label_or_a_placeholder_it_cannot_fill_is_named_with_its_line(tmp_path):
    labelled = GOOD.replace("checklist:\n", "labels:\n  your_rewrit: Your repair\n"
                            "  position: \"Moment {number} of {count}\"\nchecklist:\n", 1)
    path = write(tmp_path, labelled)
    found = problems_of(path)
    assert any(p.startswith(f"{path}:6: ") and "did you mean 'your_rewrite'" in p for p in found), found
    assert any(p.startswith(f"{path}:7: ") and "{count}" in p and "number, total" in p for p in found), found


def test_the_repair_exercise_asks_for_a_repair_and_points_to_pages_that_exist():
    exercise = load_reframe(REPAIR)
    assert exercise.label("your_rewrite") != t("reframe.your_rewrite")
    assert len(exercise.sentences) >= 4 and all("R11" in s.key_ideas for s in exercise.sentences)
    for s in exercise.sentences:
        page, _, anchor = s.book_section.partition("#")
        assert (ROOT / page).is_file(), f"{s.id}: {page} does not exist"
        if anchor:
            assert anchor in anchors(ROOT / page), f"{s.id}: no heading or label #{anchor} on {page}"
