"""The widget player, driven as a learner drives it: clicking buttons and typing, then reading
what the widgets show and what the journal holds."""
from __future__ import annotations

import re

import pytest
from IPython.core.interactiveshell import InteractiveShell

from casebook.journal import Journal
from casebook.kinds.vignette.player import STYLE, Player
from casebook.strings import t, table
from vignette_factory import mapping, realistic, small, from_mapping

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "journal.sqlite") as j:
        yield j


def visible(widget) -> bool:
    return widget.layout.display != "none"


def shown_choices(player) -> list[str]:
    if not visible(player.choice_box):
        return []
    return [b.description for b in player.choice_box.children if visible(b)]


def all_html(widget) -> str:
    """Every HTML string in the widget tree that is currently displayed."""
    if not visible(widget):
        return ""
    parts = [getattr(widget, "value", "")] if widget.__class__.__name__ == "HTML" else []
    for child in getattr(widget, "children", ()):
        parts.append(all_html(child))
    return "\n".join(p for p in parts if isinstance(p, str))


def begun(vignette=None, journal=None) -> Player:
    player = Player(vignette or small(), journal)
    player.begin_button.click()
    return player


def choose(player, choice_text_start: str) -> None:
    for button in player.choice_box.children:
        if visible(button) and button.description.startswith(choice_text_start):
            button.click()
            return
    raise AssertionError(f"no choice {choice_text_start!r} among {shown_choices(player)}")


# -- before the first scene -------------------------------------------------------------------
def test_intro_shows_title_content_note_first_then_setting_and_client():
    v = small()
    player = Player(v)
    intro = player.intro.value
    assert "<em>test</em>" in intro                                   # the title, as Markdown
    note = intro.index(t("player.content_note"))
    assert note < intro.index(t("player.setting")) < intro.index(t("player.client"))
    assert v.content_note in intro and v.setting in intro and v.client in intro
    assert visible(player.begin_button) and not visible(player.body)


def test_without_a_content_note_the_first_scene_shows_at_once():
    player = Player(small(content_note=""))
    assert not visible(player.begin_button) and visible(player.body)
    assert t("player.content_note") not in player.intro.value


# -- playing ---------------------------------------------------------------------------------------
def test_a_scene_shows_where_the_learner_is_the_text_the_pull_and_the_choices():
    player = begun()
    assert t("player.where_decision", number=1) in player.where.value
    assert "Sam has not done the homework." in player.scene_html.value
    assert t("player.pull") in player.scene_html.value and "You feel impatient." in player.scene_html.value
    assert shown_choices(player) == ["Insist on the homework.", "Ask what got in the way.",
                                     "Move on to something else."]
    assert not visible(player.feedback_html) and not visible(player.continue_button)
    assert not visible(player.back_button) and not visible(player.restart_button)


def test_a_choice_shows_its_labelled_feedback_then_continue_leads_to_the_reaction(journal):
    player = begun(journal=journal)
    choose(player, "Ask what got in the way")
    assert shown_choices(player) == []
    feedback = player.feedback_html.value
    for key in ("protection", "arousal_and_safety", "relationship"):
        assert t(f"player.effect_{key}") in feedback
    assert "curious: protection" in feedback and "curious: relationship" in feedback
    assert t("player.your_choice") in feedback and "Ask what got in the way." in feedback
    assert "R10" in feedback                                          # the key idea it practises
    assert t("player.where_decision", number=1) in player.where.value
    assert visible(player.continue_button) and visible(player.back_button)
    assert [c.choice_id for c in journal.choices()] == ["curious"]    # kept at once

    player.continue_button.click()
    assert "Sam says the exercise felt frightening." in player.scene_html.value
    assert t("player.where_decision", number=2) in player.where.value
    assert not visible(player.feedback_html)
    assert shown_choices(player)[0] == "Make a smaller plan together."


def test_playing_to_an_ending_shows_the_debrief_the_book_link_the_path_and_reflection():
    player = begun()
    choose(player, "Ask what got in the way")
    player.continue_button.click()
    choose(player, "Make a smaller plan together")
    player.continue_button.click()
    assert t("player.where_ending") in player.where.value
    ending = player.ending_html.value
    assert "Room to move" in ending and "The protection was <em>heard</em>." in ending
    # This vignette was made in memory, not read from the course, so the link names the page's path.
    assert (f'{t("player.read_more")} <a href="../book/resistance/in-the-room.html#what-helps" '
            f'target="_blank" rel="noopener">book/resistance/in-the-room.md {t("widgets.new_tab")}</a>'
            ) in ending
    path = player.path_html.value
    assert path.index("Ask what got in the way.") < path.index("Make a smaller plan together.")
    assert t("player.path_step", number=2) in path
    assert visible(player.reflection_area)
    labels = [box.textarea.description for box in player.reflection_boxes]
    assert labels == list(small().reflection)
    assert shown_choices(player) == []


def test_back_undoes_a_step_and_the_journal_keeps_both(journal):
    player = begun(journal=journal)
    choose(player, "Insist on the homework")
    player.continue_button.click()
    choose(player, "Press on with the plan")
    player.continue_button.click()
    assert t("player.where_ending") in player.where.value
    player.back_button.click()
    assert "Sam goes quiet." in player.scene_html.value
    assert t("player.where_decision", number=2) in player.where.value
    assert not visible(player.reflection_area) and not visible(player.ending_html)
    choose(player, "Say sorry")
    assert [(s.kind, s.choice_id) for s in journal.steps()] == [
        ("choose", "push"), ("choose", "press-on"), ("back", "press-on"), ("choose", "repair")]


def test_back_right_after_a_choice_offers_the_same_decision_again():
    player = begun()
    choose(player, "Insist on the homework")
    player.back_button.click()
    assert t("player.where_decision", number=1) in player.where.value
    assert len(shown_choices(player)) == 3 and not visible(player.feedback_html)


def test_restart_goes_to_the_first_scene_as_a_new_attempt(journal):
    player = begun(journal=journal)
    choose(player, "Move on")
    player.continue_button.click()
    first_run = player.walkthrough.run_id
    player.restart_button.click()
    assert "Sam has not done the homework." in player.scene_html.value
    assert t("player.where_decision", number=1) in player.where.value
    assert not visible(player.restart_button)
    choose(player, "Ask what got in the way")
    runs = [s.run_id for s in journal.steps()]
    assert runs[0] == first_run and runs[-1] != first_run


def test_focus_moves_to_where_the_learner_goes_next():
    player = begun()
    moves = []
    for name in ("continue_button", "back_button", "restart_button"):
        getattr(player, name).focus = lambda name=name: moves.append(name)
    player.choice_buttons[0].focus = lambda: moves.append("first choice")
    choose(player, "Insist on the homework")
    player.continue_button.click()
    choose(player, "Press on")
    player.continue_button.click()
    assert moves == ["continue_button", "first choice", "continue_button", "back_button"]


# -- reflections -------------------------------------------------------------------------------------
def at_ending(journal=None, vignette=None) -> Player:
    player = begun(vignette, journal)
    choose(player, "Ask what got in the way")
    player.continue_button.click()
    choose(player, "Make a smaller plan together")
    player.continue_button.click()
    return player


def test_a_reflection_saves_when_the_box_is_left_and_with_save(journal):
    player = at_ending(journal)
    box = player.reflection_boxes[0]
    assert box.status.value == f'<p role="status">{t("player.status_not_saved")}</p>'
    box.textarea.value = "I wanted it to go faster."          # what the browser sends on blur
    saved = journal.reflection("test-vignette", box.prompt)
    assert saved.text == "I wanted it to go faster." and saved.version == 1
    assert re.search(r"Saved at \d\d:\d\d", box.status.value)
    box.save_button.click()                                    # same text: no new version
    assert journal.reflection("test-vignette", box.prompt).version == 1
    box.textarea.value = "I wanted it to go faster, for the team."
    box.save_button.click()
    latest = journal.reflection("test-vignette", box.prompt)
    assert latest.version == 2 and latest.earlier[0].text == "I wanted it to go faster."


def test_an_empty_box_is_not_saved(journal):
    player = at_ending(journal)
    box = player.reflection_boxes[1]
    box.save_button.click()
    assert journal.reflections() == []
    assert t("player.status_empty") in box.status.value


def test_privacy_warnings_show_and_the_text_is_still_saved(journal):
    player = at_ending(journal)
    box = player.reflection_boxes[0]
    box.textarea.value = "She said to call her on 06-12345678."
    assert t("journal.privacy.phone") in box.warnings.value
    assert "12345678" not in box.warnings.value
    assert journal.reflection("test-vignette", box.prompt).text.endswith("06-12345678.")
    box.textarea.value = "She said to call her."
    assert box.warnings.value == ""


def test_a_saved_reflection_is_back_in_its_box_next_time(journal):
    at_ending(journal).reflection_boxes[0].textarea.value = "Earlier thoughts."
    box = Player(small(), journal).reflection_boxes[0]
    assert box.textarea.value == "Earlier thoughts."
    assert "Saved on" in box.status.value
    assert len(journal.reflections()) == 1                      # showing it saved nothing new


def test_without_a_journal_the_player_says_nothing_is_kept():
    box = at_ending().reflection_boxes[0]
    assert box.save_button.disabled
    assert "Not kept" in box.status.value
    box.textarea.value = "some text"
    assert "Not kept" in box.status.value


# -- safety and display ----------------------------------------------------------------------------------
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_html_in_vignette_text_is_shown_as_text():
    data = mapping(title="Title " + HOSTILE, setting=HOSTILE, client=HOSTILE, content_note=HOSTILE)
    data["scenes"][0]["text"] = HOSTILE
    data["scenes"][0]["pull"] = HOSTILE
    data["scenes"][0]["choices"][0]["text"] = "Push " + HOSTILE
    data["scenes"][0]["choices"][0]["feedback"]["protection"] = HOSTILE
    data["scenes"][1]["choices"][1]["next"] = "ending-closed"
    data["scenes"][4]["ending"] = {"title": HOSTILE, "debrief": HOSTILE + " [x](javascript:alert(1))"}
    player = Player(from_mapping(data))
    seen = [player.intro.value]
    player.begin_button.click()
    seen.append(all_html(player.widget))
    choose(player, "Push")
    seen.append(all_html(player.widget))
    player.continue_button.click()
    choose(player, "Press on")
    player.continue_button.click()
    seen.append(all_html(player.widget))
    html = "\n".join(seen)
    assert "<script>" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_learner_text_never_reaches_the_page_as_html(journal):
    player = at_ending(journal)
    player.reflection_boxes[0].textarea.value = HOSTILE + " 06-12345678"
    html = all_html(player.widget)
    assert "<script>" not in html and "<img" not in html
    assert journal.reflection("test-vignette", player.reflection_boxes[0].prompt).text.startswith(HOSTILE)


def test_display_of_the_player_is_the_root_widget():
    player = Player(small())
    data, _ = InteractiveShell.instance().display_formatter.format(player)   # display(p) and a bare p
    assert data[WIDGET_VIEW]["model_id"] == player.widget.model_id
    assert player._repr_mimebundle_()[WIDGET_VIEW]["model_id"] == player.widget.model_id


def test_choices_are_full_width_buttons_whose_text_wraps():
    player = begun(realistic())
    for button in player.choice_box.children:
        assert button.layout.width == "100%" and button.layout.height == "auto"
        assert "cb-wrap" in button._dom_classes
    rule = re.search(r"\.jupyter-button\.cb-wrap \{([^}]*)\}", STYLE).group(1)
    assert "white-space: normal" in rule and "height: auto" in rule
    assert re.search(r"button:focus-visible[^{]*\{[^}]*outline: 3px solid", STYLE)


def test_every_reflection_box_has_a_label():
    player = Player(realistic())
    assert all(box.textarea.description.strip() for box in player.reflection_boxes)
    assert len(player.reflection_boxes) == len(realistic().reflection)


def test_the_player_never_scores_or_calls_a_move_wrong():
    texts = " ".join(str(v) for v in table()["player"].values()).lower()
    assert not re.search(r"\b(wrong|score|scored|points|correct|incorrect|fail|failed)\b", texts)


def test_a_whole_course_vignette_plays_through_by_clicks(journal):
    player = begun(realistic(), journal)
    decisions = 0
    while not player.walkthrough.finished:
        player.choice_box.children[-1].click()                  # always the last choice offered
        player.continue_button.click()
        decisions += 1
        assert decisions < 30
    assert visible(player.ending_html) and visible(player.reflection_area)
    assert len(journal.choices()) == decisions


# -- clicks that arrive late -----------------------------------------------------------------------------
def test_a_double_click_on_a_choice_takes_one_step(journal):
    player = begun(journal=journal)
    button = player.choice_buttons[0]
    button.click()
    button.click()            # arrives after the feedback is showing: the button is gone
    assert [c.choice_id for c in journal.choices()] == ["push"]
    assert player.walkthrough.stage == "feedback"


def test_a_double_click_on_back_goes_back_one_step(journal):
    player = begun(journal=journal)
    choose(player, "Insist")
    player.continue_button.click()
    choose(player, "Say sorry")
    player.back_button.click()
    player.back_button.click()
    assert [s.kind for s in journal.steps()].count("back") == 1
    assert "Sam goes quiet." in player.scene_html.value
    choose(player, "Wait")                   # another action in between: Back works again
    player.back_button.click()
    assert [s.kind for s in journal.steps()].count("back") == 2


def test_a_journal_that_cannot_be_written_is_reported_and_nothing_moves(journal):
    player = begun(journal=journal)
    journal.close()
    choose(player, "Insist")
    assert visible(player.notice)
    assert t("player.journal_failed", reason="X").split("(")[0] in player.notice.value
    assert player.walkthrough.stage == "choosing" and player.walkthrough.path == ()
    assert len(shown_choices(player)) == 3


def test_the_book_link_of_a_course_vignette_names_the_chapter_page():
    from casebook.kinds.vignette.loader import load
    from vignette_factory import real_vignettes
    path = next(p for p in real_vignettes() if p.stem == "going-blank")
    player = Player(load(path))
    player.walkthrough.begin()
    # Play straight to any ending: the first choice each time, continuing after feedback.
    while not player.walkthrough.finished:
        player.walkthrough.choose(player.walkthrough.choices[0].id)
        player.walkthrough.proceed()
    title = next(line[2:] for line in (path.parents[3] / "book/resistance/dissociation.md")
                 .read_text(encoding="utf-8").splitlines() if line.startswith("# "))
    assert (f'<a href="../book/resistance/dissociation.html" target="_blank" rel="noopener">{title} '
            f'{t("widgets.new_tab")}</a>') in player._ending_html()
