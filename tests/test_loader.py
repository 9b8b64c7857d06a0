"""`load` builds the frozen model from a valid file, or raises one error listing every problem."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import vignette_yaml
from casebook import VignetteError
from casebook import load
from casebook.kinds.vignette import loader
from casebook.kinds.vignette.model import Feedback, Vignette
from casebook.strings import t

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "notebooks" / "vignettes" / "example" / "first-session.yml"


def line_of(path: Path, text: str, start: int = 1) -> int:
    """The number of the first line at or after `start` that contains `text`."""
    for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if number >= start and text in row:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def test_the_example_loads_into_the_model():
    v = load(EXAMPLE)
    assert isinstance(v, Vignette)
    assert (v.id, v.module, v.start, v.minutes) == ("first-session", "example", "opening", 8)
    assert v.key_ideas == ("R6", "R9", "R10", "R11")
    assert v.book_section == "book/resistance/in-the-room.md#what-helps"
    assert v.source == EXAMPLE
    assert [s.id for s in v.scenes] == ["opening", "shuts-down", "opens-a-little",
                                        "ending-closed", "ending-repair", "ending-room"]
    opening = v.scene("opening")
    assert [c.id for c in opening.choices] == ["explain-the-form", "follow-his-lead", "reassure-him"]
    assert opening.ending is None and not opening.is_ending
    assert v.scene("ending-room").is_ending and v.scene("ending-room").ending.title == "Room to come back"
    follow = opening.choice("follow-his-lead")
    assert follow.next == "opens-a-little" and follow.key_ideas == ("R6", "R10")
    assert isinstance(follow.feedback, Feedback)
    assert follow.feedback.protection.startswith("The protective no is heard")
    assert len(v.reflection) == 2


def test_texts_are_trimmed_and_folded_blocks_joined():
    v = load(EXAMPLE)
    assert v.setting == ("An outpatient adult mental health team. The first session: an intake with a "
                         "three-page history form that the team expects to be complete today.")
    # quoted one-line texts keep their inner quotes, with YAML's '' read as one '
    assert "let's start there" in v.scene("opening").choice("follow-his-lead").text
    assert all(s.text == s.text.strip() and s.text for s in v.scenes)


def test_scenes_and_choices_carry_the_line_they_start_on():
    v = load(EXAMPLE)
    for scene in v.scenes:
        assert scene.line == line_of(EXAMPLE, f"  - id: {scene.id}")
        for choice in scene.choices:
            assert choice.line == line_of(EXAMPLE, f"      - id: {choice.id}", start=scene.line)


def test_the_model_is_frozen_and_loading_twice_gives_equal_vignettes():
    v = load(EXAMPLE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.title = "changed"
    assert load(str(EXAMPLE)) == v


def test_yes_and_numbers_written_as_text_stay_text(tmp_path):
    text = vignette_yaml.vignette("plain-words", vignette_yaml.small_graph(), "opening").text
    text = text.replace("title: A test of the checker", "title: Yes").replace("id: closed", "id: '404'") \
        .replace("next: closed", "next: 404")
    v = load(vignette_yaml.write(tmp_path, text, "plain-words"))
    assert v.title == "Yes"
    assert v.scene("404").is_ending and v.scene("opening").choices[0].next == "404"


def test_a_file_with_problems_raises_one_error_that_lists_them_all(tmp_path):
    written = vignette_yaml.vignette("three-mistakes", vignette_yaml.small_graph(), "opening")
    text = written.text.replace("title: A test", "titel: A test").replace("next: open", "next: opne") \
        .replace("key_ideas: [R4, R10]", "key_ideas: [R4, R99]")
    path = vignette_yaml.write(tmp_path, text, "three-mistakes")
    with pytest.raises(VignetteError) as raised:
        load(path)
    problems = raised.value.problems
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    assert str(raised.value).splitlines() == [str(p) for p in problems]
    assert all(str(p).startswith(f"{path}:{p.line}: ") for p in problems)
    # three mistakes, and what follows from the second: no choice leads to the scene 'open' any more
    assert {p.line for p in problems} == {written.lines[("vignette", "title")], written.lines[("vignette", "key_ideas")],
                                          written.lines[("choice", 0, 1, "next")], written.lines[("scene", 2)]}
    messages = " | ".join(p.message for p in problems)
    assert "did you mean 'title'?" in messages and "'opne'" in messages and "'R99'" in messages
    assert t("check.unreachable", where=t("check.where.scene", scene="open")) in messages


def test_a_misspelt_required_key_is_reported_once_with_its_correction(tmp_path):
    written = vignette_yaml.vignette("one-typo", vignette_yaml.small_graph(), "opening")
    path = vignette_yaml.write(tmp_path, written.text.replace("setting:", "Setting:"), "one-typo")
    with pytest.raises(VignetteError) as raised:
        load(path)
    [problem] = raised.value.problems
    assert problem.line == written.lines[("vignette", "setting")]
    assert problem.message == t("check.unknown_key_suggest", name="Setting",
                                where=t("check.where.vignette"), suggestion="setting")


def test_examine_never_raises_and_keeps_the_id_for_checks_across_files(tmp_path):
    written = vignette_yaml.vignette("kept-id", vignette_yaml.small_graph(), "opening")
    path = vignette_yaml.write(tmp_path, written.text.replace("next: open", "next: nowhere"), "kept-id")
    examined = loader.examine(path)
    assert examined.item is None and examined.problems
    assert (examined.id, examined.id_line) == ("kept-id", written.lines[("vignette", "id")])
    assert loader.examine(tmp_path / "missing.yml").problems[0].message == t("check.file_missing")


def test_a_fault_in_the_checker_still_reaches_the_writer_as_file_and_line(tmp_path, monkeypatch):
    def broken(data, path):
        raise ZeroDivisionError("a bug")
    monkeypatch.setattr(loader.rules, "problems", broken)
    path = vignette_yaml.write(tmp_path, vignette_yaml.vignette("x", vignette_yaml.small_graph(), "opening"), "x")
    with pytest.raises(VignetteError) as raised:
        load(path)
    [problem] = raised.value.problems
    assert (problem.file, problem.line) == (str(path), 1)
    assert problem.message == t("check.internal", error="ZeroDivisionError: a bug")
