""""Window of tolerance, with and without a regulating other": a stressor arrives, the learner chooses
what the clinician does, and a figure shows the likely course of arousal with that move beside the
course alone (data: the format and the session; course: outcomes and descriptions, derived; figure:
the SVG; view; portfolio: every move tried; schema)."""
from casebook.exercise_file import examiner, placer
from casebook.kinds.kind import Kind
from casebook.kinds.window.data import load_window
from casebook.kinds.window.portfolio import portfolio_lines
from casebook.kinds.window.schema import schema


KIND = Kind(name="window", marker="moves", examine=examiner("window", load_window), column="practised",
            places=placer(load_window), view="casebook.kinds.window.view:WindowView",
            portfolio=portfolio_lines, schema=schema)
