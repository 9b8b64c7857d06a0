"""The knowledge check as ipywidgets: answer, Check, read why, Try again; a kind summary at the end.

All state lives in `quiz_data.Attempt`; this module only shows it and forwards clicks. Answers are
chosen with RadioButtons (one fits) or Checkboxes (several may fit), which are keyboard-usable and
labelled with the option's text; results are said in words, never by colour alone.
"""
from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from casebook.exercise_file import book_page_title
from casebook.markdown import escape, render, render_inline
from casebook.kinds.quiz.data import Attempt, Question, Quiz, load_quiz, matches
from casebook.strings import t
from casebook.widgets import (ROOT_CLASS, STYLE, WidgetView, book_link, button, html_box, key_ideas_html, plain,
                      status_line, style_block)

QUIZ_CLASS = "casebook-quiz"
# Option labels are sentences: let them wrap instead of being cut off at one line.
QUIZ_STYLE = f"""<style>
.{QUIZ_CLASS} .widget-checkbox, .{QUIZ_CLASS} .widget-checkbox label {{
  height: auto; line-height: 1.4; white-space: normal; overflow: visible; margin: 0.2em 0;
}}
.{QUIZ_CLASS} .cb-question {{ border-top: 1px solid var(--jp-border-color2, #b0b0b0); padding-top: 0.6em; }}
.{QUIZ_CLASS} .widget-checkbox label {{ display: flex; align-items: baseline; gap: 0.4em; }}
</style>"""


class QuestionView:
    """One question: its text, the answer widget, Check / Try again, and the explanations."""

    def __init__(self, question: Question, number: int, total: int, attempt: Attempt, on_change):
        self.question = question
        self.attempt = attempt
        self._on_change = on_change
        self.text = html_box("cb-question")
        self.text.value = self._question_html(number, total)
        labels = [(plain(o.text), o.id) for o in question.options]
        if question.kind == "single":
            self.radio = w.RadioButtons(options=labels, value=None, layout=w.Layout(width="100%"),
                                        description=t("quiz.answer_label", number=number),
                                        style={"description_width": "initial"})
            self.radio.add_class("cb-answer")
            self.boxes: list[w.Checkbox] = []
            answer = self.radio
        else:
            self.radio = None
            self.boxes = [w.Checkbox(value=False, description=label, indent=False,
                                     layout=w.Layout(width="100%")) for label, _ in labels]
            answer = w.VBox(self.boxes, layout=w.Layout(width="100%"))
        self.check_button = button(t("quiz.check"), "cb-check", tooltip=t("quiz.check_tooltip"))
        self.retry_button = button(t("quiz.try_again"), "cb-retry", tooltip=t("quiz.try_again_tooltip"))
        self.check_button.on_click(lambda _b: self.check())
        self.retry_button.on_click(lambda _b: self.try_again())
        self.result = html_box("cb-result")
        buttons = w.HBox([self.check_button, self.retry_button])
        buttons.add_class("cb-nav")
        self.widget = w.VBox([self.text, answer, buttons, self.result], layout=w.Layout(width="100%"))
        self._render()

    # -- what the learner chose ---------------------------------------------------------------
    def chosen(self) -> frozenset[str]:
        if self.radio is not None:
            return frozenset([self.radio.value]) if self.radio.value is not None else frozenset()
        return frozenset(o.id for o, box in zip(self.question.options, self.boxes) if box.value)

    def choose(self, *option_ids: str) -> None:
        """Select options by id, as a learner would by clicking them (used by tests and demos)."""
        if self.radio is not None:
            self.radio.value = option_ids[-1] if option_ids else None
        else:
            for option, box in zip(self.question.options, self.boxes):
                box.value = option.id in option_ids

    # -- clicks ---------------------------------------------------------------------------------
    def check(self) -> None:
        chosen = self.chosen()
        if not chosen:
            self.result.value = f"<p>{escape(t('quiz.choose_first'))}</p>"
            return
        try:
            self.attempt.check(self.question.id, chosen)
            kept = ""
        except Exception as error:   # the journal could not be written: the answer still counts here
            if self.attempt.answer(self.question.id) != chosen:
                raise
            kept = status_line(t("quiz.not_kept", reason=error))
        self._render()
        self.result.value = kept + self.result.value
        self.retry_button.focus()   # Check is now disabled; keep keyboard focus on this question
        self._on_change()

    def try_again(self) -> None:
        self.attempt.reset(self.question.id)
        self.choose()
        self._render()
        (self.radio or self.boxes[0]).focus()
        self._on_change()

    # -- showing ---------------------------------------------------------------------------------
    def _render(self) -> None:
        answered = self.attempt.answer(self.question.id)
        done = answered is not None
        for widget in [self.radio, *self.boxes]:
            if widget is not None:
                widget.disabled = done   # the answer stays as checked until "Try again"
        self.check_button.disabled = done
        self.retry_button.disabled = not done
        self.result.value = self._result_html(answered) if done else ""

    def _question_html(self, number: int, total: int) -> str:
        q = self.question
        parts = [f"<h3>{escape(t('quiz.question', number=number, total=total))}</h3>"]
        if q.scenario:
            parts.append(f'<div class="cb-note cb-block">{render(q.scenario)}</div>')
        parts.append(f'<div class="cb-block">{render(q.prompt)}</div>')
        hint = t("quiz.choose_one") if q.kind == "single" else t("quiz.choose_any")
        parts.append(f"<p><em>{escape(hint)}</em></p>")
        return "".join(parts)

    def _result_html(self, chosen: frozenset[str]) -> str:
        return feedback_html(self.question, chosen, self._source)

    @property
    def _source(self):
        return self.attempt.quiz.source


def feedback_html(q: Question, chosen: frozenset[str], source) -> str:
    """Whether the answer matched, then the explanations: the learner's own choices first, then what
    else fits; an option neither chosen nor fitting keeps its explanation back, so a retry is still
    worth making. Then the key ideas and the page to read."""
    verdict = t("quiz.matched") if matches(q, chosen) else t("quiz.differs")
    parts = [f'<div class="cb-feedback cb-block" role="status"><p class="cb-label">{escape(verdict)}</p>']
    shown = [(o, t("quiz.chosen_fits") if o.fits else t("quiz.chosen_differs"))
             for o in q.options if o.id in chosen]
    shown += [(o, t("quiz.missed_fits")) for o in q.options if o.fits and o.id not in chosen]
    for option, label in shown:
        parts.append(f'<p class="cb-label">{escape(label)} {render_inline(option.text)}</p>'
                     f"{render(option.explanation)}")
    parts.append(key_ideas_html(q.key_ideas, t("quiz.key_ideas_heading")))
    title = book_page_title(source, q.book_section)
    parts.append(f'<p>{escape(t("quiz.read_more"))} {book_link(q.book_section, title)}</p></div>')
    return "".join(parts)


class KnowledgeCheck(WidgetView):
    """A knowledge check; `display(check)` or a bare `check` at the end of a cell shows it."""

    def __init__(self, quiz: Quiz | str | Path, journal=None):
        self.quiz = quiz if isinstance(quiz, Quiz) else load_quiz(quiz)
        self.attempt = Attempt(self.quiz, journal)
        total = len(self.quiz.questions)
        self.views = [QuestionView(q, n, total, self.attempt, self._render_summary)
                      for n, q in enumerate(self.quiz.questions, 1)]
        intro = html_box("cb-intro")
        kept = t("quiz.self_check") if journal is not None else t("quiz.self_check_no_journal")
        intro.value = (f'<p class="cb-title">{render_inline(self.quiz.title)}</p>' f"{render(self.quiz.intro)}"
                       f"<p><em>{escape(kept)}</em></p>")
        self.summary = html_box("cb-summary")
        self._root = w.VBox([style_block(STYLE, QUIZ_STYLE), intro, *(v.widget for v in self.views), self.summary],
                            layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS).add_class(QUIZ_CLASS)
        self._render_summary()

    def view(self, question_id: str) -> QuestionView:
        return {v.question.id: v for v in self.views}[question_id]

    def _render_summary(self) -> None:
        a = self.attempt
        total = len(self.quiz.questions)
        if not a.complete:
            self.summary.value = status_line(t("quiz.progress", done=a.checked, total=total))
            return
        parts = [f'<div class="cb-ending cb-block" role="status"><p class="cb-label">'
                 f'{escape(t("quiz.summary", matched=a.matched, total=total))}</p>']
        review = a.to_review()
        if review:
            links = "".join(f"<li>{book_link(s, book_page_title(self.quiz.source, s))}</li>"
                            for s in review)
            parts.append(f"<p>{escape(t('quiz.review'))}</p><ul>{links}</ul>")
        else:
            parts.append(f"<p>{escape(t('quiz.review_none'))}</p>")
        parts.append(f"<p>{escape(t('quiz.closing'))}</p></div>")
        self.summary.value = "".join(parts)
