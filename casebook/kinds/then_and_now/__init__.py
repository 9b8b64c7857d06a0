""""Then and now": match adult patterns to the protective job they once had and the need they still
serve (data: the format and the session; view; portfolio: every match tried; schema)."""
from casebook.exercise_file import examiner, placer
from casebook.kinds.kind import Kind
from casebook.kinds.then_and_now.data import load_then_and_now
from casebook.kinds.then_and_now.portfolio import portfolio_lines
from casebook.kinds.then_and_now.schema import schema


KIND = Kind(name="then_and_now", marker="patterns", examine=examiner("then_and_now", load_then_and_now),
            column="practised", places=placer(load_then_and_now),
            view="casebook.kinds.then_and_now.view:ThenAndNowView",
            portfolio=portfolio_lines, schema=schema)
