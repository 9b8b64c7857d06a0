"""The course evaluation: statements rated on a scale and open questions, kept in the journal when
submitted; needed for the certificate (data: the format and the form; view; schema)."""
from pathlib import Path

from casebook.exercise_file import ExerciseError, examiner
from casebook.kinds.evaluation.data import load_evaluation
from casebook.kinds.evaluation.portfolio import portfolio_lines
from casebook.kinds.evaluation.schema import schema
from casebook.kinds.kind import Kind


def _places(path: Path):
    """An evaluation practises no key idea: it is about the course, not the stance."""
    try:
        return load_evaluation(path).title, {}, []
    except ExerciseError as error:
        return Path(path).stem, {}, list(error.problems)


KIND = Kind(name="evaluation", marker="statements", examine=examiner("evaluation", load_evaluation),
            column="practised", places=_places, view="casebook.kinds.evaluation.view:EvaluationView",
            portfolio=portfolio_lines, schema=schema)
