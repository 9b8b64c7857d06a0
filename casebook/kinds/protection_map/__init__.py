"""The protection map: a short case formulation (what is seen, what it may protect against, what it
may need, what the clinician will try): the format and the learner's session (data), its view (view)
and its JSON Schema (schema). What the learner writes is kept as versioned texts in the journal, so
the portfolio shows it with the reflections."""
from casebook.exercise_file import examiner, placer
from casebook.kinds.kind import Kind
from casebook.kinds.protection_map.data import load_map
from casebook.kinds.protection_map.schema import schema

KIND = Kind(name="protection_map", marker="parts", examine=examiner("protection_map", load_map), column="practised",
            places=placer(load_map), view="casebook.kinds.protection_map.view:ProtectionMapView",
            schema=schema)
