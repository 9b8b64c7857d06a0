""""Window of tolerance, with and without a regulating other": the derived outcomes and descriptions,
its file (FILE:LINE problems), the session and its journal records, the view driven by clicks, the
SVG figure, the schema and the portfolio."""
from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml

from casebook.errors import VignetteError
from casebook.export import portfolio
from casebook.kinds.registry import kind_named, kind_of
from casebook.kinds.window.course import describe, minute_at, outcome, outcome_text, zone
from casebook.kinds.window.data import WindowSession, load_window
from casebook.kinds.window.figure import BOTTOM, figure_svg
from casebook.kinds.window.view import WindowView
from casebook.markdown import escape
from casebook.strings import t

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "notebooks" / "exercises" / "example" / "example-window.yml"
SVG = "{http://www.w3.org/2000/svg}"
WINDOW = (30, 70)

SMALL = """\
id: window-of-tolerance
title: A small window
module: example
intro: Choose a move.
model_note: A teaching model, not a measurement.
person: A client.
stressor: A door slams.
window: [30, 70]
minutes: 50
arrives: 2
alone: [50, 50, 90, 20, 20, 25]
moves:
  - id: slow
    text: Slow down.
    course: [50, 50, 75, 60, 55, 50]
    feedback: Likely settles.
    key_ideas: [E4]
  - id: ground
    text: Ground together.
    course: [50, 50, 65, 55, 50, 50]
    feedback: Likely stays within.
    key_ideas: [E3]
  - id: push
    text: Push on.
    course: [50, 50, 95, 15, 15, 20]
    feedback: Likely floods, then shuts down.
    key_ideas: [E8]
key_ideas: [E3, E4]
book_section: book/resistance/lenses.md
"""


def write(tmp_path, text) -> Path:
    """SMALL or a variant of it, in a file named as its id, as the checker asks."""
    (tmp_path / "window-of-tolerance.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path / "window-of-tolerance.yml"


def problems(path) -> list[str]:
    """Every problem of the file, as the checker lists them; loading it raises with the same ones."""
    examined = kind_named("window").examine(path)
    assert examined.item is None and examined.kind == "window"
    with pytest.raises(VignetteError, match=re.escape(str(examined.problems[0]))):
        load_window(path)
    return [str(p) for p in examined.problems]


# -- derived: outcomes and descriptions ---------------------------------------------------------

@pytest.mark.parametrize("course, expected", [
    ([50, 50, 60, 70, 30, 50], "within"),             # on an edge is within
    ([50, 50, 80, 75, 60, 50], "above-within"),       # back within by the end: said, not hidden
    ([50, 50, 80, 75, 75, 80], "above"),              # still above at the end
    ([50, 50, 20, 25, 40, 50], "below-within"),
    ([50, 50, 90, 20, 20, 25], "above-below"),
    ([50, 50, 20, 50, 85, 50], "below-above-within"),
    ([50, 50, 80, 50, 80, 50], "above-within"),       # twice above is still "goes above"
    ([90, 90, 60, 50, 50, 50], "within"),             # what happens before the stressor does not count
    ([50, 50, 80, 10, 90, 50], "above-below-above-within"),
])
def test_the_outcome_is_where_the_course_goes_after_the_stressor(course, expected):
    assert outcome(course, WINDOW, 2) == expected


def test_outcomes_are_worded_for_the_learner_and_unknown_ones_kept_as_they_are():
    assert outcome_text("within") == t("window.outcome.within")
    assert outcome_text("above-below") == (t("window.outcome.above") + t("window.outcome.then")
                                           + t("window.outcome.below"))
    assert outcome_text("above-within") == (t("window.outcome.above") + t("window.outcome.then")
                                            + t("window.outcome.back"))
    assert outcome_text("sideways") == "`sideways`"
    assert [zone(v, WINDOW) for v in (29.5, 30, 70, 70.5)] == ["below", "within", "within", "above"]


def test_the_description_says_when_arousal_leaves_the_window_and_comes_back_in_minutes():
    course = [45, 48, 50, 82, 90, 66, 50, 50, 50, 50, 50]   # 11 points over 50 minutes: one every 5
    text = describe(course, WINDOW, 3, 50)
    assert text.endswith("Arousal rises above the window at about minute 15 and is back within it by minute 25.")
    assert "stressor arrives at about minute 15" in text and "is within the window" in text
    # the same course over 100 minutes: the times follow the session's length
    assert "at about minute 30 and is back within it by minute 50." in describe(course, WINDOW, 3, 100)
    assert minute_at(1, 50, 4) == 17


def test_the_description_of_a_course_that_stays_out_or_stays_within():
    assert describe([50, 50, 90, 20, 20, 25], WINDOW, 2, 50).endswith(
        "Arousal rises above the window at about minute 20, drops below the window at about minute 30 "
        "and is still below the window at the end of the session.")
    assert describe([50, 50, 65, 55, 50, 50], WINDOW, 2, 50).endswith(t("window.describe.stays_within"))


# -- the file -----------------------------------------------------------------------------------

def test_the_example_loads_and_its_moves_have_different_likely_outcomes():
    exercise = load_window(EXAMPLE)
    assert kind_of(EXAMPLE) is kind_named("window") and exercise.module == "example"
    assert 3 <= len(exercise.moves) <= 6 and exercise.window == (30, 70) and exercise.arrives == 3
    outcomes = {m.id: exercise.outcome(m.course) for m in exercise.moves}
    assert exercise.outcome(exercise.alone) == "above-below"
    assert outcomes["ground-together"] == "within" and outcomes["slow-down"] == "above-within"
    assert len(set(outcomes.values())) >= 3
    assert "Siegel" in exercise.model_note and "not a measurement" in exercise.model_note.lower()


BAD = {   # variant: (what to change in SMALL, the line of the problem, words of its message)
    "misspelt key": (("intro: Choose", "intor: Choose"), 4, "did you mean 'intro'"),
    "number out of range": (("course: [50, 50, 75, 60, 55, 50]", "course: [50, 50, 75, 160, 55, 50]"), 15,
                            "holds '160'; every entry should be a number from 0 to 100"),
    "not a number": (("alone: [50, 50, 90, 20, 20, 25]", "alone: [50, 50, high, 20, 20, 25]"), 11, "holds 'high'"),
    "window upside down": (("window: [30, 70]", "window: [70, 30]"), 8, "the lower edge first"),
    "window empty": (("window: [30, 70]", "window: []"), 8, "the lower edge first"),
    "move not a mapping": (("  - id: ground\n", "  - ground\n  - id: ground\n"), 18, "move 2 should be a set of fields"),
    "course too short": (("course: [50, 50, 65, 55, 50, 50]", "course: [50, 50, 65, 55, 50]"), 20,
                         "'course' has 5 points; give as many as 'alone' has (6)"),
    "stressor arrives differently": (("course: [50, 50, 95, 15, 15, 20]", "course: [50, 55, 95, 15, 15, 20]"), 25,
                                     "before the stressor arrives (its first 2 entries)"),
    "same id twice": (("  - id: ground", "  - id: slow"), 18, "the id 'slow' is used twice (first at line 13)"),
    "stressor at the end": (("arrives: 2", "arrives: 5"), 10,
                            "'arrives' is '5'; it should be a whole number from 1 to 4"),
    "minutes not whole": (("minutes: 50", "minutes: 50.5"), 9, "'minutes' is '50.5'; it should be a whole number"),
    "too few points": (("alone: [50, 50, 90, 20, 20, 25]", "alone: [50, 50, 90, 20]"), 11,
                       "give 5 to 25 entries in 'alone' (there are 4)"),
}


@pytest.mark.parametrize("name", BAD)
def test_each_problem_is_named_at_its_line(tmp_path, name):
    (old, new), line, words = BAD[name]
    assert old in SMALL
    path = write(tmp_path, SMALL.replace(old, new, 1))
    found = problems(path)
    assert any(p.startswith(f"{path}:{line}: ") and words in p for p in found), found


def test_every_problem_is_listed_at_once(tmp_path):
    text = SMALL
    for (old, new), _line, _words in (BAD["misspelt key"], BAD["window upside down"], BAD["same id twice"],
                                       BAD["number out of range"]):
        text = text.replace(old, new, 1)
    found = problems(write(tmp_path, text))
    assert [int(p.split(":")[1]) for p in found] == [1, 4, 8, 15, 18], found   # 1: so "intro" is missing


# -- the session and the journal ----------------------------------------------------------------

def test_every_move_shown_is_recorded_with_its_outcome(tmp_path, journal):
    exercise = load_window(write(tmp_path, SMALL))
    session = WindowSession(exercise, journal)
    assert session.choose("push") == "above-below"
    assert session.choose("ground") == "within"
    assert session.chosen == "ground"
    assert [(a.kind, a.item_id, a.answer, a.outcome) for a in journal.answers()] == [
        ("window", "push", "push", "above-below"), ("window", "ground", "ground", "within")]
    assert len({a.run_id for a in journal.answers()}) == 1
    with pytest.raises(KeyError):
        session.choose("nothing-like-it")


# -- the view -----------------------------------------------------------------------------------

def test_the_view_draws_the_chosen_course_beside_the_course_alone(tmp_path, journal):
    view = WindowView(write(tmp_path, SMALL), journal)
    view.show_button.click()
    assert t("window.choose_first") in view.result.value and view.figure.value == ""
    assert [value for _label, value in view.choice.options] == ["slow", "ground", "push"]
    view.choice.value = "slow"
    view.show_button.click()
    exercise = view.exercise
    figure, result = view.figure.value, view.result.value
    with_move = describe(exercise.move("slow").course, exercise.window, exercise.arrives, exercise.minutes)
    alone = describe(exercise.alone, exercise.window, exercise.arrives, exercise.minutes)
    assert escape(with_move) in figure and escape(alone) in figure          # the description as text too
    assert escape(t("window.model_label")) in figure and "A teaching model, not a measurement." in figure
    assert "<svg" in figure and figure.index("<svg") < figure.index(escape(t("window.in_words")))
    assert "Likely settles." in result and escape(outcome_text("above")) in result
    assert escape(outcome_text("above-below")) in result                      # alone, beside it
    view.choice.value = "ground"
    view.show_button.click()
    assert "Likely stays within." in view.result.value and "Likely settles." not in view.result.value
    assert [a.item_id for a in journal.answers()] == ["slow", "ground"]


def test_the_view_says_when_a_choice_could_not_be_kept_and_still_shows_it(tmp_path, journal):
    view = WindowView(write(tmp_path, SMALL), journal)
    journal.close()
    view.choice.value = "push"
    view.show_button.click()
    assert t("window.not_kept", reason="").split("(")[0] in view.result.value
    assert "Likely floods" in view.result.value and "<svg" in view.figure.value
    assert view.session.chosen == "push"


def test_without_a_journal_the_view_says_nothing_is_kept(tmp_path):
    view = WindowView(write(tmp_path, SMALL))
    view.choice.value = "ground"
    view.show_button.click()
    assert "Likely stays within." in view.result.value
    assert t("window.not_kept_at_all") in view.widget.children[1].value


# -- the figure ---------------------------------------------------------------------------------

def example_svg(chosen=True) -> str:
    exercise = load_window(EXAMPLE)
    move = exercise.move("slow-down")
    return figure_svg(uid="test-1", window=exercise.window, scale=(0, 100), minutes=exercise.minutes,
                      arrives=exercise.arrives, alone=exercise.alone, chosen=move.course if chosen else None,
                      title=t("window.figure.title"), description="Arousal <rises> & falls.")


def test_the_figure_is_well_formed_svg_with_written_labels_and_no_outside_address():
    svg = example_svg()
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.get("aria-label")
    assert root.find(f"{SVG}title").text == t("window.figure.title")
    desc = root.find(f"{SVG}desc")
    assert desc.text == "Arousal <rises> & falls." and root.get("aria-describedby") == desc.get("id")
    texts = [e.text for e in root.iter(f"{SVG}text")]
    for key in ("window", "hyper", "hypo", "alone", "chosen", "stressor", "time_axis", "arousal_axis"):
        assert t(f"window.figure.{key}") in texts, key
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", svg) and "@import" not in svg
    # the window is hatched, not told by colour alone; the course alone is dashed, the chosen one solid
    assert root.find(f".//{SVG}pattern") is not None and "url(#cb-hatch-test-1)" in svg
    alone, chosen = root.findall(f"{SVG}polyline")
    assert alone.get("stroke-dasharray") and not chosen.get("stroke-dasharray")
    assert len(alone.get("points").split()) == len(chosen.get("points").split()) == 11


def test_the_arousal_axis_claims_no_numbers_and_the_time_axis_is_in_minutes():
    root = ET.fromstring(example_svg(chosen=False))
    numbers = [e for e in root.iter(f"{SVG}text") if e.text.isdigit()]
    assert [e.text for e in numbers] == ["0", "10", "20", "30", "40", "50"]
    assert all(float(e.get("y")) > BOTTOM for e in numbers)      # all on the time axis, below the plot
    assert len(root.findall(f"{SVG}polyline")) == 1 and t("window.figure.chosen") not in example_svg(False)


def test_each_figure_has_ids_of_its_own(tmp_path):
    view = WindowView(write(tmp_path, SMALL))
    view.choice.value = "slow"
    view.show_button.click()
    first = re.findall(r'id="([^"]+)"', view.figure.value)
    view.show_button.click()
    assert first and not set(first) & set(re.findall(r'id="([^"]+)"', view.figure.value))


# -- schema and portfolio -----------------------------------------------------------------------

def test_the_schema_accepts_the_example_and_refuses_a_bad_variant():
    validator = jsonschema.Draft202012Validator(kind_named("window").schema())
    assert list(validator.iter_errors(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))) == []
    bad = yaml.safe_load(SMALL.replace("intro:", "intor:").replace("[50, 50, 75, 60, 55, 50]", "[50, 50, 175]"))
    messages = [e.message for e in validator.iter_errors(bad)]
    assert any("intor" in m for m in messages) and any("175" in m for m in messages), messages


def test_the_portfolio_shows_every_move_tried_with_its_outcome(tmp_path, journal):
    exercise = load_window(write(tmp_path, SMALL))
    session = WindowSession(exercise, journal)
    session.choose("push")
    session.choose("slow")
    text = portfolio(journal, [exercise])
    assert f"“Push on.”: the likely course {outcome_text('above-below')} (" in text
    assert f"“Slow down.”: the likely course {outcome_text('above-within')} (" in text
    assert text.index("Push on.") < text.index("Slow down.")
    assert f"`push`: the likely course {outcome_text('above-below')}" in portfolio(journal)


def test_a_jolt_every_move_shares_is_left_out_of_each_moves_outcome(tmp_path, journal):
    """Where the stressor's point is the same with every move as alone, the jolt comes before
    anything the clinician does: the outcome says what the move changes after it, and says so."""
    shared = (SMALL.replace("[50, 50, 75, 60, 55, 50]", "[50, 50, 90, 75, 55, 50]")
                   .replace("[50, 50, 65, 55, 50, 50]", "[50, 50, 90, 55, 50, 50]")
                   .replace("[50, 50, 95, 15, 15, 20]", "[50, 50, 90, 15, 15, 20]"))
    exercise = load_window(write(tmp_path, shared))
    assert exercise.shared_jolt and not load_window(write(tmp_path, SMALL)).shared_jolt
    assert exercise.outcome(exercise.move("ground").course) == "within"
    assert exercise.outcome(exercise.alone) == "below"
    # still above just after the jolt: it stays there a little longer, rather than goes there again
    assert exercise.outcome(exercise.move("slow").course) == "stillabove-within"
    assert outcome_text("stillabove-within").startswith(t("window.outcome.stillabove"))
    view = WindowView(exercise, journal)
    view.choice.value = "ground"
    view.show_course()
    assert escape(t("window.outcomes_after_jolt", chosen=outcome_text("within"),
                    alone=outcome_text("below"))) in view.result.value
