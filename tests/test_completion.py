"""Finishing the course: progress for an empty, a half-done and a finished journal; the certificate,
which only the journal can earn (and which Chromium prints to a PDF that a PDF reader reads); and the
learning-record export, checked by a maintained xAPI validator (npm xapi-validation)."""
from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from casebook import Walkthrough
from casebook.completion.certificate import CertificateRefused, make_certificate, standing
from casebook.completion.figure import progress_svg
from casebook.completion.progress import DONE, OPEN, progress
from casebook.completion.views import CertificateView, ProgressView, TakeAwayView
from casebook.completion.xapi import export_json, statements
from casebook.course import course, load_content
from casebook.kinds.assessment.data import Assessment, Attempt
from casebook.kinds.evaluation.data import Evaluation, EvaluationForm
from casebook.kinds.quiz.data import Attempt as QuizAttempt, Quiz
from casebook.kinds.vignette.model import Vignette

ROOT = Path(__file__).resolve().parents[1]
VALIDATE = """
const validate = require(process.argv[1] + '/node_modules/xapi-validation').default;
const statements = JSON.parse(require('fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify(statements.map(s => validate(s).map(w => w.path.join('.') + ' ' + w.name))));
"""


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "notebooks")


def titles():
    return {m.id: m.title for m in course().modules}


def items(content, cls):
    return [i for module in content.values() for i in module if isinstance(i, cls)]


def path_to_an_ending(vignette: Vignette) -> list[str]:
    """The choice ids of a shortest path from the start to an ending (breadth-first over scenes)."""
    start = vignette.scene(vignette.start)
    paths = {start.id: []}
    queue = [start]
    while queue:
        scene = queue.pop(0)
        if scene.is_ending:
            return paths[scene.id]
        for choice in scene.choices:
            if choice.next not in paths:
                paths[choice.next] = paths[scene.id] + [choice.id]
                queue.append(vignette.scene(choice.next))
    raise AssertionError(f"{vignette.id}: no ending can be reached")


def play(journal, vignette: Vignette) -> None:
    walk = Walkthrough(vignette, journal)
    walk.begin()
    for choice_id in path_to_an_ending(vignette):
        walk.choose(choice_id)
    assert walk.finished


def check_quiz(journal, quiz: Quiz) -> None:
    attempt = QuizAttempt(quiz, journal)
    for q in quiz.questions:
        attempt.check(q.id, q.best)


def pass_final(journal, assessment: Assessment, right=None) -> None:
    attempt = Attempt(assessment, journal)
    right = len(assessment.questions) if right is None else right
    for n, q in enumerate(assessment.questions):
        wrong = [o.id for o in q.options if not o.fits][:1]
        attempt.answer(q.id, q.best if n < right else wrong)
    attempt.submit()


def evaluate(journal, evaluation: Evaluation) -> None:
    form = EvaluationForm(evaluation, journal)
    for s in evaluation.statements:
        form.rate(s.id, 4)
    form.submit()


def finish_everything(journal, content) -> None:
    for module in content.values():
        for item in module:
            if isinstance(item, Vignette):
                play(journal, item)
            elif isinstance(item, Assessment):
                pass_final(journal, item)
            elif isinstance(item, Quiz):
                check_quiz(journal, item)
            elif isinstance(item, Evaluation):
                evaluate(journal, item)
            else:   # the writing and matching exercises: anything kept counts as done
                journal.add_answer(exercise_id=item.id, kind="test", run_id="r", item_id="x", answer="done")


def test_progress_of_an_empty_journal_shows_everything_still_to_do(journal, content):
    modules = progress(journal, content, titles())
    assert [m.id for m in modules] == [m.id for m in course().modules]
    for m in modules:
        assert m.count(DONE) == 0 and len(m.remaining) == m.total() == len(content[m.id]) and m.minutes == 0
    svg = progress_svg(modules)
    assert svg.count("<rect") >= len(modules) and "0 of" in svg and "<desc" in svg
    view = ProgressView(journal, ROOT / "notebooks")
    assert "nothing yet" in view.body.value and "Pass the final assessment first." in view.body.value


def test_progress_of_a_half_done_journal_counts_what_was_done_and_nothing_else(journal, content):
    first = content["resistance"]
    for vignette in [i for i in first if isinstance(i, Vignette)][:3]:
        play(journal, vignette)
    unfinished = [i for i in first if isinstance(i, Vignette)][3]
    walk = Walkthrough(unfinished, journal)
    walk.begin()
    walk.choose(walk.choices[0].id)
    check_quiz(journal, next(i for i in first if isinstance(i, Quiz)))
    modules = {m.id: m for m in progress(journal, content, titles())}
    m1 = modules["resistance"]
    assert m1.count(DONE, "vignettes") == 3 and m1.count(DONE, "checks") == 1
    assert [i.id for i in m1.items if i.state == "started"] == [unfinished.id]
    assert all(m.count(DONE) == 0 for key, m in modules.items() if key != "resistance")
    assert ProgressView(journal, ROOT / "notebooks").body.value.count(f"{unfinished.title} (started)") == 1


def test_active_time_leaves_out_long_pauses(journal, content):
    vignette = [i for i in content["closeness"] if isinstance(i, Vignette)][0]
    play(journal, vignette)
    steps = journal.steps()
    start = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    # two minutes between moves, then one pause of two hours before the last move
    moments = [start + timedelta(minutes=2 * n) for n in range(len(steps) - 1)]
    moments.append(moments[-1] + timedelta(hours=2))
    with sqlite3.connect(journal.path) as db:
        for step, moment in zip(steps, moments):
            db.execute("UPDATE step SET created=? WHERE id=?", (moment.isoformat(), step.id))
    closeness = {m.id: m for m in progress(journal, content, titles())}["closeness"]
    assert closeness.minutes == 2 * (len(steps) - 2)


def test_a_finished_journal_leaves_nothing_to_do_and_allows_a_certificate(journal, content):
    finish_everything(journal, content)
    modules = progress(journal, content, titles())
    assert all(not m.remaining for m in modules), [(m.id, [i.id for i in m.remaining]) for m in modules]
    assert standing(journal, course()).ready
    assert "you can make your certificate" in ProgressView(journal, ROOT / "notebooks").body.value


def test_no_certificate_without_a_passed_assessment_and_an_evaluation(journal, content):
    final = items(content, Assessment)[0]
    evaluation = items(content, Evaluation)[0]
    with pytest.raises(CertificateRefused, match="Pass the final assessment first"):
        make_certificate(journal, course(), "Ada Lovelace")
    pass_final(journal, final, right=len(final.questions) // 2)          # below the pass mark
    evaluate(journal, evaluation)
    with pytest.raises(CertificateRefused, match="Pass the final assessment first"):
        make_certificate(journal, course(), "Ada Lovelace")
    pass_final(journal, final)
    name, page = make_certificate(journal, course(), "Ada  Lovelace ")
    assert name == "certificate-ada-lovelace.html" and b"Ada Lovelace" in page


def test_no_certificate_without_the_evaluation_and_a_name_that_prints(journal, content):
    pass_final(journal, items(content, Assessment)[0])
    view = CertificateView(journal)
    view.name.value = "Ada Lovelace"
    view.download.prepare()
    assert "Give the course evaluation first" in view.download.result.value and view.download.data is None
    evaluate(journal, items(content, Evaluation)[0])
    for bad, said in (("   ", "Type your name"), ("a\x07b", "cannot be printed"), ("x" * 121, "longer than")):
        with pytest.raises(CertificateRefused, match=said):
            make_certificate(journal, course(), bad)
    _name, page = make_certificate(journal, course(), "<script>alert(1)</script> Ada")
    assert b"<script>alert" not in page and b"&lt;script&gt;" in page


def test_the_certificate_and_the_portfolio_print_to_pdfs_a_reader_reads(journal, content, tmp_path):
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader
    final = items(content, Assessment)[0]
    pass_final(journal, final, right=len(final.questions) - 2)
    evaluate(journal, items(content, Evaluation)[0])
    view = CertificateView(journal)
    view.name.value = "Marieke van den Berg-Öztürk"
    view.download.prepare()
    takeaway = TakeAwayView(journal, ROOT / "notebooks")
    takeaway.portfolio.prepare()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page()
        for name, data in (("certificate", view.download.data), ("portfolio", takeaway.portfolio.data)):
            page.set_content(data.decode("utf-8"))
            page.pdf(path=str(tmp_path / f"{name}.pdf"), format="A4")
        browser.close()

    def read(name):
        return " ".join(" ".join(pg.extract_text().split()) for pg in PdfReader(tmp_path / f"{name}.pdf").pages)
    text = read("certificate")
    total = len(final.questions)
    assert "Marieke van den Berg-Öztürk" in text
    assert f"{course().study_hours:g} hours" in text
    assert f"{total - 2} of {total}" in text and "not accreditation" in text
    assert "Print or save as PDF" not in text    # the on-screen button is not printed
    kept = read("portfolio")
    assert f"Attempt 1" in kept and f"{total - 2} of {total}" in kept and "Evaluation given" in kept, kept[:1500]


def validate(statement_list) -> list[list[str]]:
    node = subprocess.run(["node", "-e", VALIDATE, str(ROOT)], input=json.dumps(statement_list),
                          capture_output=True, text=True, check=True)
    return json.loads(node.stdout)


def test_the_learning_records_are_valid_xapi_statements_and_hold_no_reflection(journal, content):
    finish_everything(journal, content)
    vignette = items(content, Vignette)[0]
    Walkthrough(vignette, journal).reflect("PRIVATE-NOTE-7731 about my own supervisor", prompt=vignette.reflection[0])
    found = json.loads(export_json(journal, course(), content))
    verbs = {s["verb"]["id"].rsplit("/", 1)[1] for s in found}
    assert verbs == {"responded", "completed", "answered", "passed"}
    assert validate(found) == [[] for _ in found]
    assert "PRIVATE-NOTE-7731" not in json.dumps(found)
    passed = [s for s in found if s["verb"]["id"].endswith("/passed")][0]
    assert passed["result"]["success"] is True and passed["result"]["score"]["raw"] == passed["result"]["score"]["max"]
    assert any(s["object"]["id"].endswith("/course") and s["verb"]["id"].endswith("/completed") for s in found)


def test_the_validator_does_reject_a_broken_statement(journal, content):
    pass_final(journal, items(content, Assessment)[0])
    good = statements(journal, course(), content)[0]
    broken = dict(good, actor={"objectType": "Agent"}, verb={"id": "not an iri"})
    assert validate([good, broken])[0] == [] and len(validate([good, broken])[1]) >= 2


def test_activity_and_statement_ids_are_stable_across_exports_and_editions(journal, content):
    pass_final(journal, items(content, Assessment)[0])
    play(journal, items(content, Vignette)[0])
    first = statements(journal, course(), content)
    again = statements(journal, dataclasses.replace(course(), edition="Third edition, 2030", title="Renamed"), content)
    assert [(s["id"], s["object"]["id"]) for s in first] == [(s["id"], s["object"]["id"]) for s in again]
    assert all(s["object"]["id"].startswith(course().activity_base + "/") for s in first)


def test_the_take_away_files_are_made_on_one_click(journal, content):
    pass_final(journal, items(content, Assessment)[0])
    view = TakeAwayView(journal, ROOT / "notebooks")
    view.portfolio.prepare()
    view.records.prepare()
    assert view.portfolio.filename == "my-portfolio.html" and b"Attempt 1" in view.portfolio.data
    assert b"window.print()" in view.portfolio.data
    assert json.loads(view.records.data)[0]["verb"]["id"].endswith("/passed")
    assert 'download="my-learning-records.json"' in view.records.result.value
