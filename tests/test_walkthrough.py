"""The logic of playing a vignette, without widgets: moves, path, undo, restart, journal records."""
from __future__ import annotations

import pytest

from casebook.journal import Journal
from casebook.bookpages import book_href
from casebook.kinds.vignette.walkthrough import Walkthrough
from casebook.kinds.vignette.loader import load
from vignette_factory import real_vignettes, small


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "journal.sqlite") as j:
        yield j


def test_starts_at_the_start_scene_with_its_choices():
    v = small()
    walk = Walkthrough(v)
    assert walk.scene.id == v.start
    assert [c.id for c in walk.choices] == ["push", "curious", "skip"]
    assert walk.decision_number == 1
    assert walk.path == () and walk.last_feedback is None
    assert not walk.finished and not walk.can_go_back


def test_choose_returns_the_feedback_and_moves_to_the_next_scene():
    v = small()
    walk = Walkthrough(v)
    feedback = walk.choose("push")
    assert feedback == v.scene("opening").choice("push").feedback
    assert walk.scene.id == "tightens"
    assert walk.decision_number == 2
    assert walk.last_feedback == feedback
    step = walk.path[-1]
    assert (step.decision, step.scene.id, step.choice.id, step.next_scene.id) == (1, "opening", "push", "tightens")
    assert step.feedback == feedback


def test_feedback_waits_for_continue():
    walk = Walkthrough(small())
    walk.choose("curious")
    assert walk.awaiting_continue
    walk.proceed()
    assert not walk.awaiting_continue and walk.scene.id == "opens"


def test_play_to_an_ending():
    walk = Walkthrough(small())
    walk.choose("curious")
    walk.choose("plan-together")
    assert walk.finished
    assert walk.choices == ()
    assert walk.ending.title == "Room to move"
    assert [s.choice.id for s in walk.path] == ["curious", "plan-together"]


def test_unknown_choice_is_a_clear_value_error_naming_the_choices():
    walk = Walkthrough(small())
    with pytest.raises(ValueError) as info:
        walk.choose("shout")
    message = str(info.value)
    assert "shout" in message and "opening" in message and "curious" in message
    assert walk.path == () and walk.scene.id == "opening"


def test_choosing_after_the_end_is_a_clear_value_error():
    walk = Walkthrough(small())
    walk.choose("push")
    walk.choose("press-on")
    with pytest.raises(ValueError, match="ended"):
        walk.choose("push")


def test_back_returns_to_the_scene_of_the_last_decision():
    walk = Walkthrough(small())
    walk.choose("push")
    walk.choose("repair")
    scene = walk.back()
    assert scene.id == "tightens" == walk.scene.id
    assert [s.choice.id for s in walk.path] == ["push"]
    assert walk.decision_number == 2
    assert not walk.awaiting_continue
    walk.choose("wait")
    assert walk.scene.id == "ending-closed"


def test_back_from_an_ending_allows_another_path():
    walk = Walkthrough(small())
    walk.choose("skip")
    walk.choose("press-on")
    assert walk.finished
    walk.back()
    assert not walk.finished and walk.scene.id == "tightens"
    walk.choose("repair")
    assert walk.scene.id == "opens"


def test_back_at_the_start_is_a_clear_value_error():
    with pytest.raises(ValueError, match="first decision"):
        Walkthrough(small()).back()


def test_restart_starts_a_new_attempt():
    walk = Walkthrough(small())
    walk.choose("push")
    first_run = walk.run_id
    walk.restart()
    assert walk.scene.id == "opening" and walk.path == () and walk.decision_number == 1
    walk.choose("curious")
    assert walk.path[0].choice.id == "curious"
    assert walk.run_id != first_run
    second_run = walk.run_id
    walk.restart()
    walk.restart()                   # nothing chosen since: still the same (empty) attempt
    assert walk.run_id not in (first_run, second_run)
    third_run = walk.run_id
    walk.restart()
    assert walk.run_id == third_run


def test_every_move_is_in_the_journal_at_once(journal):
    v = small()
    walk = Walkthrough(v, journal)
    walk.choose("push")
    assert [(c.choice_id, c.decision, c.scene_id, c.next_scene_id) for c in journal.choices()] == [
        ("push", 1, "opening", "tightens")]
    walk.back()
    walk.choose("curious")
    walk.choose("plan-together")
    steps = journal.steps(v.id)
    assert [(s.kind, s.choice_id, s.decision) for s in steps] == [
        ("choose", "push", 1), ("back", "push", 1), ("choose", "curious", 1),
        ("choose", "plan-together", 2)]
    assert {s.run_id for s in steps} == {walk.run_id}
    assert steps[-1].reached_ending and not steps[0].reached_ending
    # Going back is recorded, not erased: the undone choice is still among the choices.
    assert [c.choice_id for c in journal.choices(v.id)] == ["push", "curious", "plan-together"]


def test_restart_gives_a_new_run_id_and_is_recorded(journal):
    walk = Walkthrough(small(), journal)
    walk.choose("push")
    first = walk.run_id
    walk.restart()
    assert walk.run_id != first
    walk.choose("curious")
    steps = journal.steps()
    assert [(s.kind, s.run_id) for s in steps] == [
        ("choose", first), ("restart", first), ("choose", walk.run_id)]


def test_two_walkthroughs_have_different_run_ids():
    v = small()
    assert Walkthrough(v).run_id != Walkthrough(v).run_id


def test_reflect_keeps_versions(journal):
    v = small()
    walk = Walkthrough(v, journal)
    prompt = v.reflection[0]
    first = walk.reflect("I wanted to hurry.", prompt=prompt)
    assert first.text == "I wanted to hurry." and first.version == 1 and first.prompt == prompt
    again = walk.reflect("I wanted to hurry.", prompt=prompt)
    assert again.id == first.id                      # the same text saved twice is one version
    edited = walk.reflect("I wanted to hurry, and I was afraid of the team.", prompt=prompt)
    assert edited.version == 2 and edited.edits == 1
    assert [r.text for r in edited.earlier] == ["I wanted to hurry."]
    assert walk.reflection(prompt).text.endswith("the team.")
    assert walk.reflection(v.reflection[1]) is None


def test_reflect_without_a_journal_says_how_to_keep_it():
    with pytest.raises(RuntimeError, match="Journal"):
        Walkthrough(small()).reflect("text")


def test_a_failed_journal_write_leaves_the_walkthrough_where_it_was(journal):
    walk = Walkthrough(small(), journal)
    journal.close()                                  # every write now fails
    with pytest.raises(Exception):
        walk.choose("push")
    assert walk.scene.id == "opening" and walk.path == ()


def test_content_note_is_read_before_the_first_scene():
    walk = Walkthrough(small())
    assert not walk.begun
    walk.begin()
    assert walk.begun
    assert Walkthrough(small(content_note="")).begun


def test_book_href_points_from_notebooks_to_the_built_page(monkeypatch):
    monkeypatch.delenv("CASEBOOK_BOOK_URL", raising=False)
    assert book_href("book/resistance/in-the-room.md#what-helps") == "../book/resistance/in-the-room.html#what-helps"
    assert book_href("book/intro.md") == "../book/intro.html"
    assert Walkthrough(small()).book_href == "../book/resistance/in-the-room.html#what-helps"


def _walk_every_path(v) -> set[str]:
    """Depth-first over every path that visits no scene twice: every choice leads somewhere,
    back always returns; the endings reached are returned."""
    walk = Walkthrough(v)
    walk.begin()
    endings = set()
    on_path = set()

    def explore():
        if walk.finished:
            endings.add(walk.scene.id)
            return
        if walk.scene.id in on_path:
            return          # a repair loop back to an earlier scene: its onward paths are explored there
        on_path.add(walk.scene.id)
        for choice in walk.choices:
            here = walk.scene.id
            walk.choose(choice.id)
            explore()
            assert walk.back().id == here
        on_path.discard(walk.scene.id)

    explore()
    return endings


@pytest.mark.parametrize("path", real_vignettes(), ids=lambda p: p.stem)
def test_every_path_of_every_course_vignette_reaches_each_ending(path):
    """Played as a learner would, every ending of every vignette in the course is reachable."""
    v = load(path)
    assert _walk_every_path(v) == {s.id for s in v.scenes if s.is_ending}


def test_stage_and_what_is_on_screen_follow_the_learner():
    walk = Walkthrough(small())
    assert walk.stage == "note"
    walk.begin()
    assert (walk.stage, walk.shown_scene.id, walk.shown_decision) == ("choosing", "opening", 1)
    walk.choose("push")
    # The feedback is read beside the scene where the choice was made.
    assert (walk.stage, walk.shown_scene.id, walk.shown_decision) == ("feedback", "opening", 1)
    walk.proceed()
    assert (walk.stage, walk.shown_scene.id, walk.shown_decision) == ("choosing", "tightens", 2)
    walk.choose("wait")
    walk.proceed()
    assert (walk.stage, walk.shown_scene.id) == ("ending", "ending-closed")


@pytest.mark.parametrize("base, expected", [
    ("../../", "../../book/intro.html#why"),
    ("../..", "../../book/intro.html#why"),
    ("/static/", "/static/book/intro.html#why"),
    ("", "../book/intro.html#why"),
])
def test_book_href_starts_where_casebook_book_url_says_the_book_is(monkeypatch, base, expected):
    monkeypatch.setenv("CASEBOOK_BOOK_URL", base)
    assert book_href("book/intro.md#why") == expected
