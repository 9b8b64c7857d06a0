""""Where shall we sit?": the room (the arrangement in words and in the drawing), the file (FILE:LINE
problems), the session and its journal records, the view, and the portfolio."""
from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from casebook.errors import VignetteError
from casebook.export import portfolio
from casebook.kinds.seating.data import SeatingSession, load_seating
from casebook.kinds.seating.room import Arrangement, describe, drawing
from casebook.kinds.seating.view import SeatingView
from casebook.markdown import escape
from casebook.strings import t

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "notebooks" / "exercises" / "example" / "example-seating.yml"
SVG = "{http://www.w3.org/2000/svg}"

SMALL = """\
id: where-shall-we-sit
title: Seats
module: example
intro: Offer the seats.
offers:
  - {id: usual, text: Have a seat., you: by-the-window, client: by-the-door}
  - {id: open, text: Sit wherever you like., you: at-the-desk}
  - {id: beside, text: Shall we sit at an angle?, you: side-wall, client: by-the-window}
clients:
  - id: ada
    name: Ada
    about: Ada, 40.
    reactions:
      - {offer: usual, reaction: She sits., attunement: Clear.}
      - {offer: open, sits: standing, reaction: She stays by the door., attunement: Too open for her.}
      - {offer: beside, reaction: She moves the chair back., attunement: Close., key_ideas: [C4]}
  - id: bert
    name: Bartholomew
    about: Bert, 70.
    reactions:
      - {offer: usual, reaction: He sits., attunement: Fine.}
      - {offer: open, sits: by-the-window, reaction: He takes the window., attunement: He likes light.}
      - {offer: beside, reaction: He shrugs., attunement: Neutral.}
key_ideas: [C8]
book_section: book/resistance/in-the-room.md
"""


def write(tmp_path, text) -> Path:
    path = tmp_path / "where-shall-we-sit.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path, text) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(VignetteError) as caught:
        load_seating(path)
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


# -- the room --------------------------------------------------------------------------------------

def test_the_arrangement_in_words_follows_from_the_seats():
    across = Arrangement("by-the-window", "by-the-door")
    assert across.relation == "opposite" and across.client_nearer_door and not across.you_between_client_and_door
    assert across.metres == 2.5
    angled = Arrangement("side-wall", "by-the-window")
    assert angled.relation == "angle" and angled.metres < across.metres
    blocked = Arrangement("by-the-door", "by-the-window")
    assert blocked.you_between_client_and_door and not blocked.client_nearer_door
    words = describe(blocked, "Ada")
    assert t("seating.describe.you_block_door", name="Ada") in words
    assert t("seating.describe.opposite", metres="2.5") in words
    assert describe(Arrangement("at-the-desk", "standing"), "Ada").endswith(
        t("seating.describe.standing", name="Ada"))


def test_the_drawing_is_an_image_labelled_in_words_that_match_the_description():
    arrangement = Arrangement("by-the-door", "by-the-window")
    svg = ET.fromstring(drawing(arrangement, "Bartholomew", "The room"))
    assert svg.get("role") == "img" and svg.find(f"{SVG}title").text == "The room"
    assert svg.find(f"{SVG}desc").text == describe(arrangement, "Bartholomew")
    texts = {el.text for el in svg.iter(f"{SVG}text")}
    assert {t("seating.door"), t("seating.window"), t("seating.you_marker"), "Bartholomew", "B",
            t("seating.metres", metres="2.5")} <= texts
    empty = ET.fromstring(drawing(None, "Ada", "The room"))
    assert empty.find(f"{SVG}desc").text == t("seating.describe.empty_room").strip()
    assert t("seating.you_marker") not in {el.text for el in empty.iter(f"{SVG}text")}


def test_a_name_is_escaped_in_the_drawing():
    svg = drawing(Arrangement("by-the-door", "side-wall"), "<b>Jo</b>", "Room")
    assert "<b>" not in svg and ET.fromstring(svg) is not None


# -- the file --------------------------------------------------------------------------------------

def test_the_example_loads_and_every_client_answers_every_offer():
    exercise = load_seating(EXAMPLE)
    for client in exercise.clients:
        assert [r.offer for r in client.reactions] == [o.id for o in exercise.offers] or \
            sorted(r.offer for r in client.reactions) == sorted(o.id for o in exercise.offers)
        for offer in exercise.offers:
            exercise.arrangement(client.id, offer.id)   # every pair can be drawn
    assert not any("wrong" in r.attunement.lower() for c in exercise.clients for r in c.reactions)


def test_a_reactions_ideas_count_with_the_files(tmp_path):
    exercise = load_seating(write(tmp_path, SMALL))
    assert exercise.key_ideas == ("C8", "C4") and exercise.file_ideas == ("C8",)


def test_problems_are_listed_with_their_lines(tmp_path):
    bad = (SMALL.replace("you: side-wall, client: by-the-window", "you: side-wal, client: side-wall")
                .replace("{offer: open, sits: by-the-window, ", "{offer: open, ")
                .replace("{offer: usual, reaction: He sits.", "{ofer: usual, reaction: He sits.")
                .replace("{offer: beside, reaction: He shrugs.", "{offer: besid, reaction: He shrugs."))
    found = problems_of(tmp_path, bad)
    assert any(p.startswith("8: ") and "'side-wal'" in p and "did you mean 'side-wall'" in p for p in found), found
    assert any(p.startswith("21: ") and "did you mean 'offer'" in p for p in found), found
    assert any(p.startswith("22: ") and "offer 'open'" in p and "sits:" in p for p in found), found
    assert any(p.startswith("23: ") and "'besid'" in p and "did you mean 'beside'" in p for p in found), found
    assert any(p.startswith("20: ") and "no reaction to offer 'usual'" in p for p in found), found


def test_a_client_cannot_be_offered_or_take_the_clinicians_seat(tmp_path):
    bad = (SMALL.replace("you: by-the-window, client: by-the-door", "you: by-the-door, client: by-the-door")
                .replace("{offer: open, sits: standing,", "{offer: open, sits: at-the-desk,"))
    found = problems_of(tmp_path, bad)
    assert any(p.startswith("6: ") and "'by-the-door'" in p for p in found), found
    assert any(p.startswith("15: ") and "'at-the-desk'" in p for p in found), found


def test_counts_and_duplicates_are_reported(tmp_path):
    bad = SMALL.replace("  - id: bert\n", "  - id: ada\n")
    assert any(p.startswith("17: ") and "'ada' is used twice" in p for p in problems_of(tmp_path, bad))
    two_offers = "\n".join(line for line in SMALL.splitlines() if "beside" not in line) + "\n"
    assert any(p.startswith("5: ") and "3 to 6" in p for p in problems_of(tmp_path, two_offers))


# -- the session, the view, the portfolio -----------------------------------------------------------

def test_every_offer_is_recorded_with_its_client(tmp_path, journal):
    exercise = load_seating(write(tmp_path, SMALL))
    session = SeatingSession(exercise, journal)
    assert session.offer("ada", "open").sits == "standing"
    session.offer("bert", "open")
    session.offer("ada", "open")
    assert session.tried("ada") == ("open",) and session.tried("bert") == ("open",)
    assert [(a.item_id, a.answer) for a in journal.answers(kind="seating")] == [
        ("ada", "open"), ("bert", "open"), ("ada", "open")]
    with pytest.raises(KeyError):
        session.offer("ada", "nowhere")


def test_the_view_shows_the_same_offer_landing_differently(tmp_path, journal):
    view = SeatingView(write(tmp_path, SMALL), journal)
    assert "Ada, 40." in view.about.value and t("seating.you_marker") not in view.room.value
    view.offer()
    assert escape(t("seating.choose_first")) in view.result.value
    view.offer_choice.value = "open"
    view.offer()
    assert "She stays by the door." in view.result.value and "Too open for her." in view.result.value
    assert escape(describe(Arrangement("at-the-desk", "standing"), "Ada")) in view.result.value
    assert escape(t("seating.you_marker")) in view.room.value
    view.client_choice.value = "bert"
    assert view.result.value == "" and "Bert, 70." in view.about.value
    view.offer()
    assert "He takes the window." in view.result.value and "Bartholomew" in view.room.value
    journal.close()
    view.offer_choice.value = "beside"
    view.offer()
    assert t("seating.not_kept", reason="").split("(")[0] in view.result.value and "He shrugs." in view.result.value


def test_the_portfolio_names_the_client_and_the_offer(tmp_path, journal):
    exercise = load_seating(write(tmp_path, SMALL))
    SeatingSession(exercise, journal).offer("bert", "open")
    text = portfolio(journal, [exercise])
    assert "With Bartholomew: “Sit wherever you like.”" in text
    assert "With `bert`: `open`" in portfolio(journal)


def test_two_chairs_side_by_side_read_as_beside_and_a_standing_client_gets_no_distance():
    beside = Arrangement("by-the-window", "beside-the-window")
    assert beside.relation == "beside" and beside.metres <= 1
    assert t("seating.describe.beside", metres="1") in describe(beside, "Ada")
    standing = drawing(Arrangement("at-the-desk", "standing"), "Ada", "Room")
    assert " m</text>" not in standing and " m</text>" in drawing(beside, "Ada", "Room")
