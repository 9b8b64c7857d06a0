"""What the course's own content must not do, as the module reviews found it (CONTENT.md, "What the
review of module 1 taught"): rules a script can check, run over every course file.

Each rule is checked on real content and shown to catch a made-up bad case, so none passes empty.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from casebook import load
from casebook.kinds.assessment.data import load_assessment
from casebook.kinds.quiz.data import load_quiz
from casebook.kinds.registry import kind_of

ROOT = Path(__file__).resolve().parents[1]
VIGNETTES = sorted((ROOT / "notebooks" / "vignettes").glob("*/*.yml"))
COURSE_VIGNETTES = [p for p in VIGNETTES if p.parent.name != "example"]
EXERCISES = sorted((ROOT / "notebooks" / "exercises").glob("*/*.yml"))
QUIZZES = [p for p in EXERCISES if "questions" in yaml.safe_load(p.read_text(encoding="utf-8"))]

# Fields that hold data, not text a learner reads.
DATA_KEYS = {"id", "next", "start", "key_ideas", "book_section", "module", "kind", "fits", "minutes"}
CODE = re.compile(r"\b[RCE](?:1[0-2]|[1-9])\b")
TEMPLATE = re.compile(r"\ba protection that (?:is|has been|gets)\b", re.I)
# Contested physiology stated in the part that should say what a clinician can observe.
PHYSIOLOGY = re.compile(r"vagal|ventral|dorsal|neuroception|nervous system|regulation is catching", re.I)
APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e|apology)\b", re.I)


def learner_texts(node, where: str = ""):
    """(where, text) for every text in a content file that a learner reads."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in DATA_KEYS:
                yield from learner_texts(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from learner_texts(value, f"{where}[{i}]")
    elif isinstance(node, str):
        yield where, node


def read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def codes_in(data) -> list[str]:
    return [f"{where}: {CODE.search(text).group()}" for where, text in learner_texts(data) if CODE.search(text)]


@pytest.mark.parametrize("path", VIGNETTES + EXERCISES, ids=lambda p: p.stem)
def test_no_key_idea_code_in_what_a_learner_reads(path):
    """Codes such as R9 are for tracking coverage: in data and on the coverage page only."""
    assert codes_in(read(path)) == []


def test_the_code_rule_catches_a_code_in_a_debrief_and_ignores_the_tags():
    data = {"key_ideas": ["R9"], "scenes": [{"id": "end", "ending": {"debrief": "Pressure raised the alarm (R9)."}}]}
    assert codes_in(data) == ["/scenes[0]/ending/debrief: R9"]
    assert codes_in({"key_ideas": ["R9"], "text": "Room 12 at 9."}) == []


@pytest.mark.parametrize("path", VIGNETTES + EXERCISES, ids=lambda p: p.stem)
def test_no_aphorism_template(path):
    hits = [where for where, text in learner_texts(read(path)) if TEMPLATE.search(text)]
    assert hits == [], "rewrite 'a protection that is X usually Y' in plain, concrete words"
    assert TEMPLATE.search("A protection that is overruled rarely stands down.")


@pytest.mark.parametrize("path", VIGNETTES, ids=lambda p: p.stem)
def test_arousal_feedback_describes_what_a_clinician_can_observe(path):
    v = load(path)
    stated = [f"{s.id}/{c.id}" for s in v.scenes for c in s.choices
              if PHYSIOLOGY.search(c.feedback.arousal_and_safety)]
    assert stated == [], "say what arousal and felt safety likely do, not what the vagus does"
    assert PHYSIOLOGY.search("His dorsal vagal system takes over.")


def closing_sentence(text: str) -> str:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]
    return sentences[-1] if sentences else ""


def test_no_two_endings_close_with_the_same_sentence():
    closings = Counter()
    for path in COURSE_VIGNETTES:
        for scene in load(path).scenes:
            if scene.is_ending:
                closings[closing_sentence(scene.ending.debrief)] += 1
    repeated = {sentence: n for sentence, n in closings.items() if n > 1}
    assert sum(closings.values()) >= 12 and repeated == {}
    assert closing_sentence("It went well. See the chapter page.") == "See the chapter page."


@pytest.mark.parametrize("path", COURSE_VIGNETTES, ids=lambda p: p.stem)
def test_apologies_are_rare_choices(path):
    """The fitting move is not always an apology: at most two choices of a vignette offer one."""
    v = load(path)
    apologising = [c.id for s in v.scenes for c in s.choices if APOLOGY.search(c.text)]
    assert len(apologising) <= 2, apologising


@pytest.mark.parametrize("path", QUIZZES, ids=lambda p: p.stem)
def test_the_best_answer_is_not_given_away_by_length_or_place(path):
    """A learner who always picks the longest option, or always the same position, does badly."""
    quiz = (load_assessment if kind_of(path).name == "assessment" else load_quiz)(path)
    single = [q for q in quiz.questions if len(q.best) == 1]
    longest = sum(1 for q in single
                  if max(q.options, key=lambda o: len(o.text)).id in q.best)
    positions = Counter(next(i for i, o in enumerate(q.options) if o.id in q.best) for q in single)
    assert len(single) >= 4
    assert longest <= len(single) // 2, f"the longest option is the best one in {longest} of {len(single)}"
    assert max(positions.values()) <= (len(single) + 1) // 2, f"best answers by position: {dict(positions)}"
