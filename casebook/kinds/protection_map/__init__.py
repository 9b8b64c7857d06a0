"""The protection map: a short case formulation (what is seen, what it may protect against, what it
may need, what the clinician will try): the format and the learner's session (data), its view (view)
and its JSON Schema (schema). What the learner writes is kept as versioned texts in the journal, so
the portfolio shows it with the reflections."""
from pathlib import Path

from casebook.exercise_file import ExerciseError, examiner
from casebook.kinds.kind import Kind
from casebook.kinds.protection_map.data import load_map
from casebook.kinds.protection_map.schema import schema


def places(path: Path):
    """The map tags its key ideas as a whole (its parts belong together)."""
    try:
        found = load_map(path)
    except ExerciseError as error:
        return Path(path).stem, {}, list(error.problems)
    return found.title, {idea: "" for idea in found.key_ideas}, []


KIND = Kind(name="protection_map", marker="parts", examine=examiner("protection_map", load_map), column="practised",
            places=places, view="casebook.kinds.protection_map.view:ProtectionMapView", schema=schema)
