"""The final assessment: a knowledge check's questions with a pass mark, taken as whole attempts in a
new order each time, explained after submitting (data: the format and an attempt; view; schema)."""
from casebook.exercise_file import examiner, placer
from casebook.kinds.assessment.data import load_assessment
from casebook.kinds.assessment.portfolio import portfolio_lines
from casebook.kinds.assessment.schema import schema
from casebook.kinds.kind import Kind

KIND = Kind(name="assessment", marker="pass_mark", examine=examiner("assessment", load_assessment),
            column="checked", places=placer(load_assessment, "questions"),
            view="casebook.kinds.assessment.view:AssessmentView", portfolio=portfolio_lines, schema=schema)
