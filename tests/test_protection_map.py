"""The protection map: its file (FILE:LINE problems), the learner's session and journal, the view,
and its place in the portfolio and the coverage table."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from casebook.authoring import coverage
from casebook.errors import VignetteError
from casebook.export import portfolio
from casebook.kinds.protection_map.data import MapSession, load_map
from casebook.kinds.protection_map.view import ProtectionMapView
from casebook.strings import t

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "notebooks" / "exercises" / "resistance" / "protection-map.yml"

SMALL = """\
id: protection-map
title: A small map
module: resistance
intro: Map it.
case: A client who keeps the coat on.
parts:
  - {id: seen, label: What you see, prompt: What happens?, worked: The coat stays on.}
  - {id: protects, label: What it may protect, prompt: Against what?, worked: Being seen too soon.}
key_ideas: [R4, R6]
book_section: book/resistance/reframe.md
"""


def write(tmp_path, text) -> Path:
    path = tmp_path / "protection-map.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path) -> list[str]:
    with pytest.raises(VignetteError) as caught:
        load_map(path)
    return [str(p) for p in caught.value.problems]


def test_the_example_map_loads_with_four_parts_and_hedged_worked_answers():
    found = load_map(EXAMPLE)
    assert [p.id for p in found.parts] == ["seen", "protects", "needs", "tries"]
    assert all(p.label and p.prompt and p.worked for p in found.parts)
    assert "plan he never agreed" in found.parts[1].worked   # the ordinary readings are checked too


def test_problems_are_listed_at_once_with_their_lines(tmp_path):
    bad = SMALL.replace("  - {id: protects, label: What it may protect, prompt: Against what?, worked: Being seen too soon.}\n",
                        "").replace("case: A client", "cas: A client")
    path = write(tmp_path, bad)
    found = problems(path)
    assert any(p.startswith(f"{path}:5: ") and "did you mean 'case'" in p for p in found), found
    assert any(p.startswith(f"{path}:6: ") and "give 2 to 6 entries in 'parts'" in p for p in found), found


def test_a_part_without_its_worked_answer_is_named(tmp_path):
    path = write(tmp_path, SMALL.replace(", worked: The coat stays on.}", "}"))
    assert any(p.startswith(f"{path}:7: ") and "missing 'worked'" in p for p in problems(path))


def test_the_session_keeps_each_part_as_a_versioned_text(tmp_path, journal):
    found = load_map(write(tmp_path, SMALL))
    session = MapSession(found, journal)
    session.write("seen", "The coat stays on")
    assert session.save()[0].version == 1
    session.write("seen", "The coat stays on, zipped")
    session.write("protects", "Being looked at")
    records = session.save()
    assert [(r.prompt, r.version) for r in records] == [("A small map: What you see", 2),
                                                        ("A small map: What it may protect", 1)]
    again = MapSession(found, journal)             # a new sitting starts from what was kept
    assert again.drafts == {"seen": "The coat stays on, zipped", "protects": "Being looked at"}
    with pytest.raises(KeyError):
        session.write("nope", "x")


def test_compare_keeps_the_map_and_shows_the_worked_one_with_the_learners_text_escaped(tmp_path, journal):
    view = ProtectionMapView(write(tmp_path, SMALL), journal)
    view.boxes["seen"].value = "<b>coat</b> stays on; call 06-12345678"
    view.compare()
    assert t("protection_map.saved") in view.status.value
    assert "&lt;b&gt;coat&lt;/b&gt;" in view.worked.value and "<b>coat" not in view.worked.value
    assert "Being seen too soon." in view.worked.value and t("protection_map.none") in view.worked.value
    assert t("journal.privacy.phone") in view.warnings.value
    assert journal.reflection("protection-map", "A small map: What you see").text.startswith("<b>coat</b>")


def test_without_a_journal_or_when_it_fails_the_learner_is_told_and_the_text_stays(tmp_path, journal):
    path = write(tmp_path, SMALL)
    alone = ProtectionMapView(path)
    alone.boxes["seen"].value = "x"
    alone.save()
    assert t("protection_map.not_saved") in alone.status.value
    failing = ProtectionMapView(path, journal)
    journal.close()
    failing.boxes["seen"].value = "kept in the box"
    failing.save()
    assert t("protection_map.save_failed", reason="").split("(")[0] in failing.status.value
    assert failing.boxes["seen"].value == "kept in the box"


def test_the_map_shows_in_the_portfolio_and_counts_as_practice(tmp_path, journal):
    found = load_map(write(tmp_path, SMALL))
    session = MapSession(found, journal)
    session.write("seen", "The coat stays on")
    session.save()
    text = portfolio(journal, [found])
    assert "## A small map" in text and "> The coat stays on" in text
    practised, _problems = coverage.practised_in(ROOT, "resistance")
    assert any(place.source.endswith("protection-map.yml") for place in practised["R12"])
