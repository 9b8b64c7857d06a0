"""The learner's place is kept (issue 11, part 4): after reopening, a vignette shows what the journal
holds for it (played, endings reached by title, reflections saved), offers to resume an attempt left
before its ending, and shows the saved reflections at once, editable."""
from __future__ import annotations

from casebook.journal.erase_view import ConfirmButton
from casebook.kinds.vignette.history import Unfinished, history
from casebook.kinds.vignette.player import Player
from casebook.kinds.vignette.walkthrough import Walkthrough
from vignette_factory import small


def visible(widget) -> bool:
    return widget.layout.display != "none"


# -- the derivation, plain Python ------------------------------------------------------------------
def test_a_journal_without_this_vignette_has_an_empty_history(journal):
    found = history(small(), journal)
    assert found.empty and found.played == 0 and found.endings == () and found.unfinished is None
    assert history(small(), None).empty


def test_played_endings_and_reflections_are_counted(journal):
    v = small()
    walk = Walkthrough(v, journal)
    walk.choose("push")
    walk.choose("press-on")                  # ending-closed
    walk.back()
    walk.choose("repair")
    walk.choose("plan-together")             # ending-open
    walk.reflect("I felt the clock.", prompt=v.reflection[0])
    walk.restart()
    walk.choose("curious")
    walk.choose("plan-together")             # ending-open again
    found = history(v, journal)
    assert found.played == 2
    assert found.endings == ("ending-closed", "ending-open")
    assert found.reflections == 1
    assert found.unfinished is None          # the last attempt reached an ending


def test_an_attempt_left_before_its_ending_can_be_resumed_where_it_stood(journal):
    v = small()
    walk = Walkthrough(v, journal)
    walk.choose("push")
    walk.choose("repair")
    walk.choose("explain")                   # back to 'tightens'
    walk.back()                              # undone: stands at 'opens', decision 3
    found = history(v, journal)
    assert found.unfinished == Unfinished(walk.run_id, (("opening", "push"), ("tightens", "repair")))
    assert found.unfinished.decision == 3
    again = Walkthrough(v, journal)          # the notebook opened again
    again.resume(found.unfinished)
    assert again.scene.id == "opens" and again.decision_number == 3 and again.run_id == walk.run_id
    assert len(journal.steps(v.id)) == 4, "resuming writes nothing"
    again.choose("plan-together")
    assert history(v, journal).unfinished is None and history(v, journal).played == 1


def test_an_attempt_started_again_or_changed_since_is_not_offered(journal):
    v = small()
    walk = Walkthrough(v, journal)
    walk.choose("push")
    walk.restart()
    assert history(v, journal).unfinished is None
    journal.add_choice(v.id, "old-run", "opening", "a-choice-since-removed", 1, next_scene_id="tightens")
    assert history(v, journal).unfinished is None


# -- the Player ------------------------------------------------------------------------------------------
def play_partway(journal):
    player = Player(small(), journal)
    player.begin_button.click()
    next(b for b in player.choice_buttons if b.description.startswith("Insist")).click()
    player.continue_button.click()
    return player


def test_after_reopening_the_player_shows_what_was_done_and_resumes(journal):
    assert not visible(Player(small(), journal).place_area), "nothing to show for a fresh journal"
    first = play_partway(journal)
    opened = Player(small(), journal)        # the notebook is run again after a reload
    assert visible(opened.place_area)
    assert "Played once." in opened.place_html.value and "No ending reached yet." in opened.place_html.value
    assert visible(opened.resume_button) and "decision 2" in opened.resume_button.description
    assert visible(opened.begin_button)      # beginning afresh stays possible
    opened.resume_button.click()
    assert opened.walkthrough.scene.id == "tightens" and opened.walkthrough.run_id == first.walkthrough.run_id
    assert not visible(opened.resume_button) and visible(opened.choice_box)
    assert "Sam goes quiet." in opened.scene_html.value
    next(b for b in opened.choice_buttons if b.description.startswith("Press on")).click()
    opened.continue_button.click()
    assert opened.walkthrough.stage == "ending"
    assert "Ending reached:" in opened.place_html.value


def test_endings_are_named_by_their_titles_and_saved_reflections_show_at_once(journal):
    v = small()
    walk = Walkthrough(v, journal)
    walk.choose("curious")
    walk.choose("plan-together")
    walk.reflect("Breathe first.", prompt=v.reflection[1])
    opened = Player(v, journal)
    ending = v.scene("ending-open").ending.title
    assert ending.replace("*", "") in opened.place_html.value.replace("<em>", "").replace("</em>", "")
    assert "ending-open" not in opened.place_html.value
    assert "One reflection saved" in opened.place_html.value
    assert opened.walkthrough.stage == "note" and visible(opened.reflection_area)
    box = opened.reflection_boxes[1]
    assert box.textarea.value == "Breathe first." and not box.textarea.disabled
    assert not visible(opened.resume_button)


def test_a_vignettes_records_can_be_erased_from_the_player_with_two_clicks(journal):
    play_partway(journal)
    Walkthrough(small(), journal).reflect("Call 06-48213377", prompt=small().reflection[0])
    opened = Player(small(), journal)
    eraser: ConfirmButton = opened.eraser
    eraser.button.click()
    assert journal.vignette_ids() == ["test-vignette"], "the first click only asks"
    assert visible(eraser.confirm_row) and "A test vignette" in eraser.confirm.description
    eraser.confirm.click()
    assert journal.vignette_ids() == [] and "Erased" in eraser.status.value
    assert not visible(opened.place_area) and opened.reflection_boxes[0].textarea.value == ""
    assert b"06-48213377" not in journal.path.read_bytes()
