"""The knowledge check: questions and options as data, an attempt's logic (data) and its view (view)."""
from casebook.exercise_file import examiner, placer
from casebook.kinds.kind import Kind
from casebook.kinds.quiz.schema import schema
from casebook.kinds.quiz.data import load_quiz
from casebook.kinds.quiz.portfolio import portfolio_lines

KIND = Kind(name="quiz", marker="questions", examine=examiner("quiz", load_quiz), column="checked",
            places=placer(load_quiz, "questions"), view="casebook.kinds.quiz.view:KnowledgeCheck",
            portfolio=portfolio_lines, schema=schema)
