""""Closing reflection": a few prompts about the clinician's own reactions at the end of a module,
kept as versioned texts in the journal, so the portfolio shows them with the other reflections
(data: the format and the session; view; schema)."""
from casebook.exercise_file import examiner, placer
from casebook.kinds.kind import Kind
from casebook.kinds.reflection.data import load_reflection
from casebook.kinds.reflection.schema import schema

KIND = Kind(name="reflection", marker="prompts", examine=examiner("reflection", load_reflection), column="practised",
            places=placer(load_reflection), view="casebook.kinds.reflection.view:ReflectionView", schema=schema)
