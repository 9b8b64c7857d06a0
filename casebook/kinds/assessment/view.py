"""The final assessment as ipywidgets: every question at once, in this attempt's order; Submit; then
the score against the pass mark and each question's explanations; Start a new attempt.

All state lives in `data.Attempt`; this module only shows it and forwards clicks. Results are said
in words, never by colour alone, and the score is worded as the course's content, not a verdict.
"""
from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from casebook.kinds.assessment.data import Assessment, Attempt, load_assessment, results
from casebook.kinds.quiz.view import QUIZ_STYLE, feedback_html
from casebook.markdown import escape, render, render_inline
from casebook.portfolio_parts import when
from casebook.strings import t
from casebook.widgets import ROOT_CLASS, STYLE, WidgetView, button, html_box, plain, show, status_line, style_block

ASSESSMENT_CLASS = "casebook-quiz"   # the knowledge check's look: option labels wrap


class AssessmentQuestion:
    """One question of an attempt: its text, the answer widget, and (after submitting) the feedback."""

    def __init__(self, attempt: Attempt, question, number: int, total: int, on_change):
        self.attempt, self.question = attempt, question
        options = attempt.options(question)
        text = html_box("cb-question")
        parts = [f"<h3>{escape(t('quiz.question', number=number, total=total))}</h3>"]
        if question.scenario:
            parts.append(f'<div class="cb-note cb-block">{render(question.scenario)}</div>')
        parts.append(f'<div class="cb-block">{render(question.prompt)}</div>')
        hint = t("quiz.choose_one") if question.kind == "single" else t("quiz.choose_any")
        text.value = "".join(parts) + f"<p><em>{escape(hint)}</em></p>"
        labels = [(plain(o.text), o.id) for o in options]
        if question.kind == "single":
            self.radio = w.RadioButtons(options=labels, value=None, layout=w.Layout(width="100%"),
                                        description=t("quiz.answer_label", number=number),
                                        style={"description_width": "initial"})
            self.radio.add_class("cb-answer")
            self.radio.observe(lambda _c: on_change(self), "value")
            self.boxes: list[w.Checkbox] = []
            answer = self.radio
        else:
            self.radio = None
            self.boxes = [w.Checkbox(value=False, description=label, indent=False, layout=w.Layout(width="100%"))
                          for label, _ in labels]
            for box in self.boxes:
                box.observe(lambda _c: on_change(self), "value")
            answer = w.VBox(self.boxes, layout=w.Layout(width="100%"))
        self._ids = [o.id for o in options]
        self.feedback = html_box("cb-result")
        self.widget = w.VBox([text, answer, self.feedback], layout=w.Layout(width="100%"))
        self.widget.add_class("cb-assessment-question")

    def chosen(self) -> frozenset[str]:
        if self.radio is not None:
            return frozenset([self.radio.value]) if self.radio.value is not None else frozenset()
        return frozenset(i for i, box in zip(self._ids, self.boxes) if box.value)

    def choose(self, *option_ids: str) -> None:
        """Select options by id, as a learner would by clicking them (used by tests and demos)."""
        if self.radio is not None:
            self.radio.value = option_ids[-1] if option_ids else None
        else:
            for i, box in zip(self._ids, self.boxes):
                box.value = i in option_ids

    def lock(self) -> None:
        for widget in [self.radio, *self.boxes]:
            if widget is not None:
                widget.disabled = True
        self.feedback.value = feedback_html(self.question, self.attempt.given(self.question.id) or frozenset(),
                                            self.attempt.assessment.source)


class AssessmentView(WidgetView):
    """The final assessment; `display(view)` or a bare `view` at the end of a cell shows it."""

    def __init__(self, assessment: Assessment | str | Path, journal=None):
        self.assessment = assessment if isinstance(assessment, Assessment) else load_assessment(assessment)
        self.journal = journal
        self.intro = html_box("cb-intro")
        self.questions_box = w.VBox(layout=w.Layout(width="100%"))
        self.submit_button = button(t("assessment.submit"), "cb-submit")
        self.submit_button.on_click(lambda _b: self.submit())
        self.status = html_box("cb-status")
        self.summary = html_box("cb-summary")
        self.again_button = button(t("assessment.new_attempt"), "cb-again")
        self.again_button.on_click(lambda _b: self.new_attempt())
        self._root = w.VBox([style_block(STYLE, QUIZ_STYLE), self.intro, self.questions_box,
                             self.submit_button, self.status, self.summary, self.again_button],
                            layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS).add_class(ASSESSMENT_CLASS)
        self.new_attempt()

    def new_attempt(self) -> None:
        self.attempt = Attempt(self.assessment, self.journal)
        total = len(self.assessment.questions)
        self.views = [AssessmentQuestion(self.attempt, q, n, total, self._answered)
                      for n, q in enumerate(self.attempt.questions, 1)]
        self.questions_box.children = [v.widget for v in self.views]
        self.summary.value = ""
        self.submit_button.disabled = False
        show(self.submit_button, True)
        show(self.again_button, False)
        self._render_intro()
        self._render_status()

    def view(self, question_id: str) -> AssessmentQuestion:
        return {v.question.id: v for v in self.views}[question_id]

    def _answered(self, view: AssessmentQuestion) -> None:
        self.attempt.answer(view.question.id, view.chosen())
        self._render_status()

    def submit(self) -> None:
        missing = self.attempt.unanswered()
        if missing:
            self.status.value = status_line(t("assessment.unanswered", numbers=", ".join(map(str, missing))))
            return
        kept = ""
        try:
            result = self.attempt.submit()
        except Exception as error:   # the journal could not be written: say so, keep the answers on screen
            self.status.value = status_line(t("assessment.not_kept", reason=error))
            return
        for view in self.views:
            view.lock()
        self.submit_button.disabled = True
        show(self.submit_button, False)
        show(self.again_button, True)
        word = t("assessment.passed") if result.passed else t("assessment.not_passed")
        self.status.value = kept
        self.summary.value = (
            f'<div class="cb-ending cb-block" role="status"><p class="cb-label">'
            f'{escape(t("assessment.score", score=result.score, total=result.total, percent=result.percent, pass_mark=result.pass_mark))}'
            f"</p><p>{escape(word)}</p><p>{escape(t('assessment.not_a_verdict'))}</p>"
            f"<p>{escape(t('assessment.read_below'))}</p></div>")
        self._render_intro()
        self.again_button.focus()

    def _render_status(self) -> None:
        done = len(self.assessment.questions) - len(self.attempt.unanswered())
        self.status.value = status_line(t("assessment.progress", done=done, total=len(self.assessment.questions)))

    def _render_intro(self) -> None:
        a = self.assessment
        earlier = results(self.journal, a.id) if self.journal is not None else []
        history = ""
        if earlier:
            items = "".join(
                f"<li>{escape(t('assessment.history_item', number=r.number, date=when(r.created), score=r.score, total=r.total, percent=r.percent, outcome=t('assessment.passed_short') if r.passed else t('assessment.not_passed_short')))}</li>"
                for r in earlier)
            history = f'<p class="cb-label">{escape(t("assessment.history"))}</p><ul>{items}</ul>'
        kept = t("assessment.kept") if self.journal is not None else t("assessment.not_kept_at_all")
        self.intro.value = (f'<p class="cb-title">{render_inline(a.title)}</p>{render(a.intro)}'
                            f"<p>{escape(t('assessment.pass_mark', pass_mark=a.pass_mark, total=len(a.questions)))}</p>"
                            f"<p><em>{escape(kept)}</em></p>{history}"
                            f"<p>{escape(t('assessment.attempt_number', number=self.attempt.number))}</p>")
