"""Rewriting exercises ("Reframe the note", "Write a repair"): sentences or moments with worked
rewrites and a checklist (data), and the view that keeps the learner's text (view)."""
from casebook.exercise_file import examiner, placer
from casebook.kinds.kind import Kind
from casebook.kinds.reframe.schema import schema
from casebook.kinds.reframe.data import load_reframe

KIND = Kind(name="reframe", marker="sentences", examine=examiner("reframe", load_reframe), column="practised",
            places=placer(load_reframe, "sentences"), view="casebook.kinds.reframe.view:NoteReframe",
            schema=schema)
