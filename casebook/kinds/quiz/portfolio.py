"""What a knowledge check adds to the portfolio: every try, by sitting, with the answer chosen and
whether it matched the course's reading (explanations stay in the course: the portfolio records)."""
from __future__ import annotations

from casebook.kinds.quiz.data import Quiz
from casebook.portfolio_parts import answers_part, one_line
from casebook.strings import t


def _line(quiz: Quiz | None, answer, outcome: str, time: str) -> str:
    question, chosen = _texts(quiz, answer.item_id, answer.answer)
    return t("export.quiz_answer", question=question, chosen=chosen, outcome=outcome, time=time)


portfolio_lines = answers_part(Quiz, "quiz", _line)


def _texts(quiz: Quiz | None, question_id: str, option_ids) -> tuple[str, str]:
    """The question's number and prompt and the chosen options' texts; ids where the quiz changed."""
    if quiz is not None:
        for number, question in enumerate(quiz.questions, start=1):
            if question.id == question_id:
                texts = {o.id: one_line(o.text) for o in question.options}
                if all(i in texts for i in option_ids):
                    prompt = t("export.quiz_question", number=number, prompt=one_line(question.prompt))
                    return prompt, "; ".join(f"“{texts[i]}”" for i in option_ids)
    return f"`{question_id}`", ", ".join(f"`{i}`" for i in option_ids)
