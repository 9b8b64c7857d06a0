"""The knowledge check: the module's file, the loader's FILE:LINE problems, and the widget driven by clicks."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.bookpages import anchors
from casebook.errors import VignetteError
from casebook.exercise_file import key_idea_table
from casebook.kinds.quiz.view import KnowledgeCheck
from casebook.kinds.quiz.data import Attempt, load_quiz, matches
from casebook.strings import t

ROOT = Path(__file__).resolve().parent.parent
QUIZ = ROOT / "notebooks" / "exercises" / "resistance" / "knowledge-check.yml"

GOOD = """\
id: knowledge-check
title: A small check
module: resistance
intro: Two questions.
questions:
  - id: one
    kind: single
    prompt: Which fits?
    key_ideas: [R4]
    book_section: book/resistance/reframe.md
    options:
      - id: a
        text: The fitting one
        fits: true
        explanation: Why it fits.
      - id: b
        text: Another one
        fits: false
        explanation: What it would likely do.
  - id: two
    kind: multiple
    scenario: A client pauses.
    prompt: Which fit?
    key_ideas: [R6, R10]
    book_section: book/resistance/reframe.md
    options:
      - {id: x, text: First, fits: true, explanation: Ex.}
      - {id: y, text: Second, fits: true, explanation: Why.}
      - {id: z, text: Third, fits: false, explanation: Zed.}
"""


def write(tmp_path, text, name="knowledge-check.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path) -> list[str]:
    with pytest.raises(VignetteError) as caught:
        load_quiz(path)
    return [str(p) for p in caught.value.problems]


# -- the module's own knowledge check ----------------------------------------------------------------

def test_the_module_knowledge_check_loads_with_enough_varied_questions():
    quiz = load_quiz(QUIZ)
    kinds = {q.kind for q in quiz.questions}
    assert len(quiz.questions) >= 6
    assert kinds == {"single", "multiple"}
    felt_safety = [q for q in quiz.questions if q.scenario and "felt safety" in q.prompt]
    assert len(felt_safety) >= 2, "expected scenario items asking which move increases felt safety"


def test_every_option_explains_itself_and_questions_point_to_real_pages():
    quiz = load_quiz(QUIZ)
    for q in quiz.questions:
        assert all(o.explanation for o in q.options), q.id
        page, _, anchor = q.book_section.partition("#")
        assert (ROOT / page).is_file(), f"{q.id}: {page} does not exist"
        if anchor:
            assert anchor in anchors(ROOT / page), f"{q.id}: no heading #{anchor} on {page}"


def test_every_module_1_key_idea_is_checked_by_a_question():
    quiz = load_quiz(QUIZ)
    tagged = {idea for q in quiz.questions for idea in q.key_ideas}
    missing = sorted(set(key_idea_table()["resistance"]) - tagged, key=lambda i: int(i[1:]))
    assert not missing, f"no knowledge-check question checks {missing}"


def test_explanations_never_call_an_answer_wrong():
    # Feedback teaches: "likely effect", never a verdict on the learner.
    quiz = load_quiz(QUIZ)
    verdicts = re.compile(r"\b(wrong|incorrect|mistake|fail(ed)?)\b", re.I)
    offending = [(q.id, o.id) for q in quiz.questions for o in q.options if verdicts.search(o.explanation)]
    assert not offending


# -- loading: every problem with its line ----------------------------------------------------------------

def test_a_good_file_loads(tmp_path):
    quiz = load_quiz(write(tmp_path, GOOD))
    assert [q.id for q in quiz.questions] == ["one", "two"]
    assert quiz.questions[1].best == {"x", "y"}
    assert quiz.questions[1].scenario == "A client pauses."
    assert quiz.questions[0].line == 6


def test_problems_are_listed_all_at_once_with_their_lines(tmp_path):
    bad = GOOD.replace("title: A small check", "titel: A small check") \
              .replace("key_ideas: [R4]", "key_ideas: [R44]") \
              .replace("        fits: false\n        explanation: What", "        fits: true\n        explanation: What") \
              .replace("kind: multiple", "kind: several") \
              .replace("{id: y,", "{id: x,")
    path = write(tmp_path, bad)
    found = problems_of(path)
    expected = {
        2: "unknown key 'titel'; did you mean 'title'?",
        9: "'R44' is not a key idea",
        11: "is 'single' but 2 of its options have 'fits: true'",
        21: "kind 'several' should be 'single'",
        28: "the id 'x' is used twice (first at line 27)",
    }
    for line, words in expected.items():
        assert any(p.startswith(f"{path}:{line}: ") and words in p for p in found), (line, words, found)
    assert any(p.startswith(f"{path}:1: ") and "missing 'title'" in p for p in found), found


def test_wrong_types_and_empty_texts_are_named(tmp_path):
    bad = GOOD.replace("prompt: Which fits?", "prompt: ''") \
              .replace("{id: z, text: Third, fits: false,", "{id: z, text: [Third], fits: 'no',")
    path = write(tmp_path, bad)
    found = problems_of(path)
    assert any(p.startswith(f"{path}:8: ") and "'prompt' is empty" in p for p in found), found
    assert any(p.startswith(f"{path}:29: ") and "'text' should be a text" in p for p in found), found
    assert any(p.startswith(f"{path}:29: ") and "'fits' should be true or false" in p for p in found), found


def test_a_file_named_differently_from_its_id_is_reported(tmp_path):
    path = write(tmp_path, GOOD, name="other.yml")
    assert any("should match the file name 'other'" in p for p in problems_of(path))


def test_yaml_tags_are_reported_and_never_constructed(tmp_path):
    path = write(tmp_path, GOOD.replace("intro: Two questions.", "intro: !!python/object/apply:os.system [echo hi]"))
    found = problems_of(path)
    assert any(p.startswith(f"{path}:4: ") for p in found), found


def test_broken_yaml_gives_a_line_not_a_traceback(tmp_path):
    path = write(tmp_path, GOOD.replace("    prompt: Which fits?", "    prompt: Which: fits: ?"))
    found = problems_of(path)
    assert found and all(p.startswith(f"{path}:") for p in found)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(lambda s: s.encode("utf-8")))
def test_any_bytes_give_a_quiz_or_problems_never_another_exception(tmp_path, raw):
    path = tmp_path / "knowledge-check.yml"
    path.write_bytes(raw)
    try:
        load_quiz(path)
    except VignetteError as error:
        assert error.problems and all(str(p).startswith(f"{path}:") for p in error.problems)


# -- the logic ------------------------------------------------------------------------------------------------

def test_attempt_counts_matches_and_lists_pages_to_review(tmp_path):
    quiz = load_quiz(write(tmp_path, GOOD))
    attempt = Attempt(quiz)
    assert attempt.check("one", {"b"}) is False
    assert attempt.check("two", {"x", "y"}) is True
    assert (attempt.checked, attempt.matched, attempt.complete) == (2, 1, True)
    assert attempt.to_review() == ["book/resistance/reframe.md"]
    attempt.reset("one")
    assert attempt.answer("one") is None and not attempt.complete


def test_only_exactly_the_fitting_options_match(tmp_path):
    question = load_quiz(write(tmp_path, GOOD)).questions[1]
    assert matches(question, {"x", "y"})
    assert not matches(question, {"x"})
    assert not matches(question, {"x", "y", "z"})


def test_an_attempt_refuses_answers_that_are_not_answers(tmp_path):
    attempt = Attempt(load_quiz(write(tmp_path, GOOD)))
    for qid, chosen in (("one", set()), ("one", {"a", "b"}), ("two", {"nope"})):
        with pytest.raises(ValueError):
            attempt.check(qid, chosen)


# -- the widget, driven as a learner would ---------------------------------------------------------------------

def test_check_without_an_answer_asks_for_one():
    check = KnowledgeCheck(QUIZ)
    view = check.views[0]
    view.check_button.click()
    assert t("quiz.choose_first") in view.result.value
    assert check.attempt.checked == 0


def test_a_differing_answer_explains_itself_and_shows_what_fits_best():
    check = KnowledgeCheck(QUIZ)
    view = check.views[0]
    question = view.question
    other = next(o for o in question.options if not o.fits)
    best = next(o for o in question.options if o.fits)
    view.radio.value = other.id
    view.check_button.click()
    html = view.result.value
    assert "differently" in html
    assert other.explanation.split()[0] in html and best.text in html
    assert view.radio.disabled and view.check_button.disabled and not view.retry_button.disabled


def test_try_again_clears_the_answer_and_the_explanations():
    check = KnowledgeCheck(QUIZ)
    view = check.views[0]
    view.radio.value = next(iter(view.question.best))
    view.check_button.click()
    assert "matches" in view.result.value
    view.retry_button.click()
    assert view.radio.value is None and view.result.value == ""
    assert not view.radio.disabled and view.retry_button.disabled
    assert check.attempt.answer(view.question.id) is None


def test_multiple_choice_uses_one_labelled_checkbox_per_option():
    check = KnowledgeCheck(QUIZ)
    view = next(v for v in check.views if v.question.kind == "multiple")
    assert [b.description for b in view.boxes] == [" ".join(o.text.split()) for o in view.question.options]
    for option, box in zip(view.question.options, view.boxes):
        box.value = option.fits
    view.check_button.click()
    assert check.attempt.answer(view.question.id) == view.question.best


def test_the_summary_counts_kindly_and_links_pages_to_revisit():
    check = KnowledgeCheck(QUIZ)
    for n, view in enumerate(check.views):
        if n == 1:   # one answer that differs from the course's reading
            view.choose(*[o.id for o in view.question.options if not o.fits][:1])
        else:
            view.choose(*view.question.best)
        assert t("quiz.progress", done=n, total=len(check.views)) in check.summary.value
        view.check_button.click()
    total = len(check.views)
    summary = check.summary.value
    assert t("quiz.summary", matched=total - 1, total=total).replace("'", "&#x27;") in summary
    page = check.views[1].question.book_section.partition("#")[0].removesuffix(".md")
    assert f'href="../{page}.html' in summary


def test_content_is_rendered_without_raw_html(tmp_path):
    path = write(tmp_path, GOOD.replace("prompt: Which fits?", "prompt: Which <script>alert(1)</script> fits?"))
    check = KnowledgeCheck(path)
    assert "<script>" not in check.views[0].text.value
    assert "&lt;script&gt;" in check.views[0].text.value


def test_an_id_that_is_not_the_file_name_is_named_with_its_line(tmp_path):
    path = write(tmp_path, GOOD, name="renamed.yml")
    stem = GOOD.split("\n")[0].removeprefix("id: ")
    assert problems_of(path) == [f"{path}:1: " + t("exercise_check.id_not_file", id=stem, stem="renamed")]
