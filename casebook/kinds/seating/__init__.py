""""Where shall we sit?": ways of offering a client a choice of seats in one drawn room, and each
client's likely reaction (room: the room, its words and drawing; data: the format and the session;
view; portfolio: every offer tried; schema)."""
from casebook.exercise_file import examiner, placer
from casebook.kinds.kind import Kind
from casebook.kinds.seating.data import load_seating
from casebook.kinds.seating.portfolio import portfolio_lines
from casebook.kinds.seating.schema import schema


KIND = Kind(name="seating", marker="offers", examine=examiner("seating", load_seating), column="practised",
            places=placer(load_seating), view="casebook.kinds.seating.view:SeatingView",
            portfolio=portfolio_lines, schema=schema)
