""""Where shall we sit?" as data: ways of offering a client a choice of seats in one standard room
(room.py), and for each client, with their own history, the likely reaction to every offer and
feedback on attunement; and the learner's session, plain Python, which records every offer tried
in the journal."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casebook.exercise_file import ExerciseHead, Reader, did_you_mean, load_fields
from casebook.journal.store import new_run_id
from casebook.kinds.seating.room import PLACES, SEATS, Arrangement

EXERCISE_KEYS = ("id", "title", "module", "intro", "offers", "clients", "key_ideas", "book_section")
OFFER_KEYS = ("id", "text", "you", "client")
OFFER_REQUIRED = ("id", "text", "you")
CLIENT_KEYS = ("id", "name", "about", "reactions")
REACTION_KEYS = ("offer", "sits", "reaction", "attunement", "key_ideas")
REACTION_REQUIRED = ("offer", "reaction", "attunement")
OFFERS = (3, 6)
CLIENTS = (2, 4)


@dataclass(frozen=True)
class Offer:
    id: str
    text: str          # what the clinician says or does
    you: str           # the clinician's seat
    client: str        # the seat the client is offered; "" when the offer leaves it to them
    line: int = 0


@dataclass(frozen=True)
class Reaction:
    offer: str
    sits: str          # where this client ends up; "" when they take the seat offered
    reaction: str
    attunement: str
    line: int = 0
    key_ideas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Client:
    id: str
    reactions: tuple[Reaction, ...]
    name: str
    about: str
    line: int = 0

    def reaction(self, offer_id: str) -> Reaction:
        return {r.offer: r for r in self.reactions}[offer_id]


@dataclass(frozen=True)
class Seating(ExerciseHead):
    offers: tuple[Offer, ...]
    clients: tuple[Client, ...]
    file_ideas: tuple[str, ...]     # the file's own key_ideas:
    book_section: str

    def offer(self, offer_id: str) -> Offer:
        return {o.id: o for o in self.offers}[offer_id]

    def client(self, client_id: str) -> Client:
        return {c.id: c for c in self.clients}[client_id]

    def arrangement(self, client_id: str, offer_id: str) -> Arrangement:
        """Where the two end up: the clinician's seat, and the client's (where they went, or the
        seat they were offered)."""
        offer = self.offer(offer_id)
        return Arrangement(offer.you, self.client(client_id).reaction(offer_id).sits or offer.client)

    @property
    def key_ideas(self) -> tuple[str, ...]:
        """The file's ideas and every reaction's, once each (what the coverage table counts)."""
        found = dict.fromkeys(self.file_ideas)
        for client in self.clients:
            for reaction in client.reactions:
                found.update(dict.fromkeys(reaction.key_ideas))
        return tuple(found)


def load_seating(path) -> Seating:
    """Read and check a seating file; raises ExerciseError listing every problem."""
    return load_fields(path, "exercise_check.what_seating", EXERCISE_KEYS, _seating)


def _seating(reader: Reader, fields, what: str, path: Path) -> Seating:
    def offer(entry, entry_what: str, line: int) -> Offer:
        you = _place(reader, entry, "you", entry_what, SEATS)
        client = _place(reader, entry, "client", entry_what, SEATS) if "client" in entry else ""
        if you and you == client:
            reader.problem(entry.key_lines["client"], "seating_same_seat", what=entry_what, seat=you)
        return Offer(id=reader.ident(entry, "id", entry_what), text=reader.text(entry, "text", entry_what),
                     you=you, client=client, line=line)
    offers = reader.entries(fields, "offers", what, OFFERS, "exercise_check.what_seating_offer", OFFER_KEYS, offer,
                            required=OFFER_REQUIRED)
    return Seating(**reader.head(fields, what, path), offers=offers, clients=_clients(reader, fields, what, offers),
                   file_ideas=reader.ideas(fields, "key_ideas", what),
                   book_section=reader.book_section(fields, "book_section", what))


def _clients(reader: Reader, fields, what: str, offers: tuple[Offer, ...]) -> tuple[Client, ...]:
    """The clients, each with one reaction to every offer (so that each offer can be tried)."""
    def client(entry, entry_what: str, line: int) -> Client:
        reactions = reader.entries(entry, "reactions", entry_what, (1, OFFERS[1]),
                                   "exercise_check.what_seating_reaction", REACTION_KEYS,
                                   lambda r, r_what, r_line: _reaction(reader, r, r_what, r_line, offers),
                                   required=REACTION_REQUIRED, unique="offer", client=entry_what)
        answered = {r.offer for r in reactions}
        for missing in (o.id for o in offers if o.id and o.id not in answered):
            reader.problem(entry.key_lines.get("reactions", line), "seating_no_reaction", what=entry_what,
                           offer=missing)
        return Client(id=reader.ident(entry, "id", entry_what), name=reader.text(entry, "name", entry_what),
                      about=reader.text(entry, "about", entry_what), reactions=reactions, line=line)
    return reader.entries(fields, "clients", what, CLIENTS, "exercise_check.what_seating_client", CLIENT_KEYS,
                          client)


def _reaction(reader: Reader, entry, what: str, line: int, offers: tuple[Offer, ...]) -> Reaction:
    offer_id = reader.text(entry, "offer", what)
    offer = {o.id: o for o in offers}.get(offer_id)
    if offer_id and offer is None:
        reader.problem(entry.key_lines["offer"], "seating_unknown_offer", what=what, offer=offer_id,
                       hint=did_you_mean(offer_id, [o.id for o in offers]))
    sits = _place(reader, entry, "sits", what, PLACES) if "sits" in entry else ""
    if offer is not None and offer.you and sits == offer.you:
        reader.problem(entry.key_lines["sits"], "seating_same_seat", what=what, seat=sits)
    if offer is not None and not offer.client and not sits:
        reader.problem(line, "seating_sits_needed", what=what, offer=offer.id)
    ideas = reader.ideas(entry, "key_ideas", what) if "key_ideas" in entry else ()
    return Reaction(offer=offer_id, sits=sits, reaction=reader.text(entry, "reaction", what),
                    attunement=reader.text(entry, "attunement", what), key_ideas=ideas, line=line)


def _place(reader: Reader, fields, key: str, what: str, allowed) -> str:
    value = reader.text(fields, key, what)
    if value and value not in allowed:
        reader.problem(fields.key_lines[key], "seating_unknown_seat", what=what, field=key, value=value,
                       seats=", ".join(allowed), hint=did_you_mean(value, allowed))
        return ""
    return value


class SeatingSession:
    """One sitting: the offers the learner tried with each client; every offer is recorded."""

    def __init__(self, exercise: Seating, journal=None):
        self.exercise = exercise
        self.journal = journal
        self.run_id = new_run_id()
        self._tried: dict[str, list[str]] = {}

    def offer(self, client_id: str, offer_id: str) -> Reaction:
        """Offer the seating `offer_id` to `client_id`: their likely reaction."""
        reaction = self.exercise.client(client_id).reaction(offer_id)
        tried = self._tried.setdefault(client_id, [])
        if offer_id not in tried:
            tried.append(offer_id)
        if self.journal is not None:   # after the offer is kept here: a failed write loses nothing shown
            self.journal.add_answer(exercise_id=self.exercise.id, kind="seating", run_id=self.run_id,
                                    item_id=client_id, answer=offer_id, outcome="offered")
        return reaction

    def tried(self, client_id: str) -> tuple[str, ...]:
        return tuple(self._tried.get(client_id, ()))
