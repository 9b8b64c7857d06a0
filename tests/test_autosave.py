"""Saving while the learner types (issue 11, part 1): every box whose text the journal keeps sends its
text as it changes and is kept about a second after the last key, without leaving the box; a stretch
of typing keeps one version, replaced as it grows; Save, another box or a reload starts a new one.

The kernel's timer is replaced here by one the test runs by hand (`Timers`), so "a second later" is
a call, not a wait. The real timers (ipykernel's asyncio loop, Pyodide's WebLoop) are checked in the
browser tests."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from casebook import autosave
from casebook.autosave import Autosave
from casebook.kinds.protection_map.view import ProtectionMapView
from casebook.kinds.reflection.view import ReflectionView
from casebook.kinds.reframe.view import NoteReframe
from casebook.kinds.vignette.player import Player
from vignette_factory import small

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "notebooks" / "exercises"


class Timer:
    def __init__(self, callback):
        self.callback, self.cancelled = callback, False

    def cancel(self):
        self.cancelled = True


class Timers:
    """Timers that run when the test says so, as the kernel's loop would run them after their delay."""

    def __init__(self):
        self.waiting: list[Timer] = []

    def __call__(self, _delay, callback) -> Timer:
        self.waiting.append(Timer(callback))
        return self.waiting[-1]

    @property
    def due(self) -> list[Timer]:
        return [timer for timer in self.waiting if not timer.cancelled]

    def run(self) -> int:
        """A second passes: every timer still set runs. How many ran."""
        due, self.waiting = self.due, []
        for timer in due:
            timer.callback()
        return len(due)


@pytest.fixture
def timers(monkeypatch):
    made = Timers()
    monkeypatch.setattr(Autosave, "schedule", staticmethod(made))
    monkeypatch.setattr(Autosave, "active", None)
    return made


def type_into(box, text: str) -> None:
    """What the browser sends while a learner types: the growing text, one key at a time."""
    start = len(box.value) if text.startswith(box.value) else 0
    for end in range(start + 1, len(text) + 1):
        box.value = text[:end]


def at_ending(journal) -> Player:
    player = Player(small(), journal)
    player.begin_button.click()
    for start in ("Ask what got in the way", "Make a smaller plan together"):
        next(b for b in player.choice_buttons if b.description.startswith(start)).click()
        player.continue_button.click()
    return player


def test_a_reflection_is_kept_a_moment_after_typing_without_leaving_the_box(journal, timers):
    box = at_ending(journal).reflection_boxes[0]
    assert box.textarea.continuous_update, "the box must send its text as it is typed, not on leaving it"
    type_into(box.textarea, "I wanted it to go")
    assert journal.reflection("test-vignette", box.prompt) is None, "saved on every key instead of debounced"
    assert len(timers.due) == 1, "one timer, moved on by each key"
    timers.run()
    assert journal.reflection("test-vignette", box.prompt).text == "I wanted it to go"
    assert re.search(r"Saved at \d\d:\d\d", box.status.value) and 'role="status"' in box.status.value


def test_one_stretch_of_typing_keeps_one_version_and_save_starts_the_next(journal, timers):
    box = at_ending(journal).reflection_boxes[0]
    type_into(box.textarea, "First")
    timers.run()
    type_into(box.textarea, "First thoughts, then a pause")
    timers.run()
    type_into(box.textarea, "First thoughts, then a pause, then more.")
    timers.run()
    kept = journal.reflection("test-vignette", box.prompt)
    assert kept.text == "First thoughts, then a pause, then more." and kept.version == 1
    box.save_button.click()                 # Save ends the stretch: the next typing is a new version
    type_into(box.textarea, "First thoughts, then a pause, then more. Later: less sure.")
    timers.run()
    kept = journal.reflection("test-vignette", box.prompt)
    assert kept.version == 2 and kept.earlier[0].text == "First thoughts, then a pause, then more."


def test_a_reload_starts_a_new_version_and_never_overwrites_the_last_one(journal, timers):
    box = at_ending(journal).reflection_boxes[0]
    type_into(box.textarea, "Before the reload.")
    timers.run()
    again = Player(small(), journal).reflection_boxes[0]      # the page reloaded, the notebook run again
    assert again.textarea.value == "Before the reload."
    type_into(again.textarea, "Before the reload. After it.")
    timers.run()
    kept = journal.reflection("test-vignette", again.prompt)
    assert [v.text for v in kept.versions] == ["Before the reload.", "Before the reload. After it."]


def test_typing_in_another_box_ends_the_stretch_of_the_first(journal, timers):
    player = at_ending(journal)
    first, second = player.reflection_boxes[:2]
    type_into(first.textarea, "One")
    type_into(second.textarea, "Two")        # the first box's text is kept before the second's stretch
    assert journal.reflection("test-vignette", first.prompt).text == "One"
    timers.run()
    assert journal.reflection("test-vignette", second.prompt).text == "Two"
    type_into(first.textarea, "One more")
    timers.run()
    assert journal.reflection("test-vignette", first.prompt).version == 2


def test_a_failed_save_says_so_and_the_text_stays(journal, timers):
    box = at_ending(journal).reflection_boxes[0]
    journal.close()
    type_into(box.textarea, "Keep me")
    timers.run()
    assert "Could not save" in box.status.value and box.textarea.value == "Keep me"


@pytest.mark.parametrize("make, boxes", [
    (lambda j: ReflectionView(EXERCISES / "closeness" / "closeness-reflection.yml", j), lambda v: list(v.boxes.values())),
    (lambda j: ProtectionMapView(EXERCISES / "resistance" / "protection-map.yml", j), lambda v: list(v.boxes.values())),
    (lambda j: NoteReframe(EXERCISES / "resistance" / "write-a-repair.yml", j), lambda v: [v.textarea]),
    (lambda j: NoteReframe(EXERCISES / "resistance" / "reframe-the-note.yml", j), lambda v: [v.textarea]),
], ids=["closing-reflection", "protection-map", "write-a-repair", "reframe-the-note"])
def test_every_box_the_journal_keeps_saves_as_it_is_typed(journal, timers, make, boxes):
    view = make(journal)
    box = boxes(view)[0]
    assert box.continuous_update
    type_into(box, "Typed, never left.")
    timers.run()
    assert "Typed, never left." in [r.text for r in journal.reflections()]
    assert "Saved at" in view.status.value


def test_a_rewrite_is_kept_under_the_sentence_it_was_typed_for(journal, timers):
    view = NoteReframe(EXERCISES / "resistance" / "reframe-the-note.yml", journal)
    first_prompt = view.session.prompt()
    type_into(view.textarea, "For the first sentence")
    view.next_button.click()                # before the timer: the move keeps it where it belongs
    assert journal.reflection(view.exercise.id, first_prompt).text == "For the first sentence"
    assert view.textarea.value == ""        # the next sentence's box is empty, and was not saved as typing
    assert timers.run() == 0 or len(journal.reflections()) == 1


def test_where_no_event_loop_runs_each_change_is_kept_at_once(journal):
    box = at_ending(journal).reflection_boxes[0]
    box.textarea.value = "No loop here."
    assert journal.reflection("test-vignette", box.prompt).text == "No loop here."


def test_the_timer_is_the_kernels_event_loop_when_one_runs():
    import asyncio

    async def inside_a_kernel():
        fired = []
        handle = autosave.call_later(0.01, lambda: fired.append("saved"))
        assert handle is not None and fired == []
        await asyncio.sleep(0.05)
        return fired

    assert asyncio.run(inside_a_kernel()) == ["saved"]
