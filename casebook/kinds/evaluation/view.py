"""The course evaluation as ipywidgets: each statement a row of radio buttons on the scale, each open
question a text box, and Submit. What was given last time is filled in; submitting again keeps a new
evaluation beside the earlier one."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from casebook.kinds.evaluation.data import Evaluation, EvaluationForm, load_evaluation, submitted_at
from casebook.kinds.quiz.view import QUIZ_STYLE
from casebook.markdown import escape
from casebook.portfolio_parts import when
from casebook.strings import t
from casebook.widgets import ROOT_CLASS, STYLE, WidgetView, button, html_box, intro_box, plain, status_line, style_block


class EvaluationView(WidgetView):
    """The course evaluation; `display(view)` or a bare `view` at the end of a cell shows it."""

    def __init__(self, evaluation: Evaluation | str | Path, journal=None):
        self.evaluation = evaluation if isinstance(evaluation, Evaluation) else load_evaluation(evaluation)
        self.journal = journal
        self.form = EvaluationForm(self.evaluation, journal)
        scale = [(label, n) for n, label in enumerate(self.evaluation.scale, start=1)]
        self.ratings = {}
        rows = []
        for number, s in enumerate(self.evaluation.statements, start=1):
            radio = w.RadioButtons(options=scale, value=self.form.ratings.get(s.id), layout=w.Layout(width="100%"),
                                   description=f"{number}. {plain(s.text)}", style={"description_width": "initial"})
            radio.add_class("cb-answer")
            radio.observe(lambda change, sid=s.id: self.form.rate(sid, change["new"]), "value")
            self.ratings[s.id] = radio
            rows.append(radio)
        self.texts = {}
        for q in self.evaluation.open_questions:
            box = w.Textarea(value=self.form.texts.get(q.id, ""), description=plain(q.prompt), rows=3,
                             layout=w.Layout(width="auto"))   # stretched by its box, as in the player
            box.add_class("cb-reflection")
            box.observe(lambda change, qid=q.id: self.form.write(qid, change["new"]), "value")
            self.texts[q.id] = box
            rows.append(box)
        self.submit_button = button(t("evaluation.submit"), "cb-submit")
        self.submit_button.on_click(lambda _b: self.submit())
        self.status = html_box("cb-status")
        intro = intro_box(self.evaluation, journal, "evaluation")
        self._root = w.VBox([style_block(STYLE, QUIZ_STYLE), intro, *rows, self.submit_button, self.status],
                            layout=w.Layout(width="100%"))
        self._root.add_class(ROOT_CLASS).add_class("casebook-quiz")
        given = submitted_at(journal, self.evaluation.id) if journal is not None else None
        if given is not None:
            self.status.value = status_line(t("evaluation.given_before", date=when(given)))

    def submit(self) -> None:
        missing = self.form.missing()
        if missing:
            items = "".join(f"<li>{escape(plain(text))}</li>" for text in missing)
            self.status.value = (f'<div role="status"><p>{escape(t("evaluation.missing", count=len(missing)))}</p>'
                                 f"<ul>{items}</ul></div>")
            return
        try:
            record = self.form.submit()
        except Exception as error:   # the journal could not be written: say so; the form keeps it all
            self.status.value = status_line(t("evaluation.not_kept", reason=error))
            return
        if record is None:
            self.status.value = status_line(t("evaluation.thanks_not_kept"))
        else:
            self.status.value = status_line(t("evaluation.thanks", date=when(record.created)))
