"""The journal as xAPI 1.0.3 statements (a JSON list), for an organisation's learning record store.

Nothing is sent anywhere: the learner downloads the file and hands it over. The learner is an
account with a random code kept in the journal (no name, no e-mail). What the statements hold:
choices in vignettes and endings reached, answers in exercises and checks (the option ids, and
whether they match the course's reading), every final-assessment attempt with its score, the
evaluation given (not its words), and the course completed when a certificate could be made.
Reflections and any other text the learner wrote stay out.

Activity ids are `<activity_base>/<kind>/<id>[/<item>]`, built from the course's stable ids and
never from titles or the edition, so they stay the same across builds and editions. Statement ids
are UUIDs derived from the learner code and the journal row, so exporting twice gives the same ids
and a store can drop the repeats.
"""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone

from casebook.completion.certificate import standing
from casebook.course import Course
from casebook.kinds.assessment.data import KIND as ASSESSMENT, RESULT, results
from casebook.kinds.evaluation.data import submissions

LEARNER_SETTING = "learner_code"
ADL = "http://adlnet.gov/expapi"
VERBS = {name: f"{ADL}/verbs/{name}" for name in
         ("responded", "completed", "answered", "passed", "failed")}
TYPES = {"course": f"{ADL}/activities/course", "module": f"{ADL}/activities/module",
         "vignette": f"{ADL}/activities/simulation", "decision": f"{ADL}/activities/interaction",
         "question": f"{ADL}/activities/cmi.interaction", "exercise": f"{ADL}/activities/interaction",
         "assessment": f"{ADL}/activities/assessment"}
_NAMESPACE = uuid.UUID("5d1c6a2e-7b0f-4f43-9d41-3c0e2a9b7e11")   # this course's statement-id space


def learner_code(journal) -> str:
    """The journal's random learner code, made on first use and kept."""
    code = journal.setting(LEARNER_SETTING)
    if code is None:
        code = uuid.uuid4().hex
        journal.set_setting(LEARNER_SETTING, code)
    return code


def _time(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Statements:
    """Builds the statements of one journal against the course's content."""

    def __init__(self, journal, course: Course, content: dict[str, list], language: str = "en"):
        self.journal, self.course, self.language = journal, course, language
        self.code = learner_code(journal)
        self.items = {item.id: (module, item) for module, items in content.items() for item in items}
        self.list: list[dict] = []

    def activity(self, kind: str, *ids: str, name: str | None = None) -> dict:
        node = {"objectType": "Activity", "id": "/".join([self.course.activity_base, kind, *ids]),
                "definition": {"type": TYPES[kind]}}
        if name:
            node["definition"]["name"] = {self.language: name}
        return node

    def course_activity(self) -> dict:
        return self.activity("course", name=self.course.title)

    def context(self, exercise_id: str, parent: dict | None = None) -> dict:
        module = self.items.get(exercise_id, (None, None))[0]
        grouping = [self.course_activity()] + ([self.activity("module", module)] if module else [])
        activities = {"grouping": [{"id": a["id"]} for a in grouping]}
        if parent is not None:
            activities["parent"] = [{"id": parent["id"]}]
        return {"contextActivities": activities, "language": self.language, "platform": "casebook"}

    def add(self, key: str, verb: str, target: dict, moment: datetime, context: dict, result: dict | None = None):
        statement = {"id": str(uuid.uuid5(_NAMESPACE, f"{self.code}/{key}")),
                     "actor": {"objectType": "Agent",
                               "account": {"homePage": self.course.activity_base, "name": self.code}},
                     "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
                     "object": target, "timestamp": _time(moment), "context": context}
        if result:
            statement["result"] = result
        self.list.append(statement)

    def title(self, exercise_id: str) -> str | None:
        item = self.items.get(exercise_id, (None, None))[1]
        return getattr(item, "title", None)

    def build(self) -> list[dict]:
        for step in self.journal.choices():
            vignette = self.activity("vignette", step.vignette_id, name=self.title(step.vignette_id))
            decision = self.activity("decision", step.vignette_id, step.scene_id)
            self.add(f"step/{step.id}", "responded", decision, step.created, self.context(step.vignette_id, vignette),
                     {"response": step.choice_id or ""})
            if step.reached_ending:
                self.add(f"ending/{step.id}", "completed", vignette, step.created, self.context(step.vignette_id),
                         {"completion": True, "response": step.next_scene_id or ""})
        for answer in self.journal.answers():
            if answer.kind == ASSESSMENT or answer.kind == "evaluation":
                continue
            exercise = self.activity("exercise", answer.exercise_id, name=self.title(answer.exercise_id))
            kind = "question" if answer.kind == "quiz" else "exercise"
            target = self.activity(kind, answer.exercise_id, answer.item_id)
            result = {"response": json.dumps(answer.answer, ensure_ascii=False, sort_keys=True)}
            if answer.outcome in ("fits", "differs"):
                result["success"] = answer.outcome == "fits"
            self.add(f"answer/{answer.id}", "answered", target, answer.created,
                     self.context(answer.exercise_id, exercise), result)
        self._assessment()
        self._evaluation()
        self._course()
        return self.list

    def _assessment(self) -> None:
        assessment_id = self.course.final_assessment
        target = self.activity("assessment", assessment_id, name=self.title(assessment_id))
        for r in results(self.journal, assessment_id):
            self.add(f"assessment/{r.run_id}", "passed" if r.passed else "failed", target, r.created,
                     self.context(assessment_id),
                     {"score": {"scaled": round(r.score / r.total, 4) if r.total else 0, "raw": r.score,
                                "min": 0, "max": r.total},
                      "success": r.passed, "completion": True})

    def _evaluation(self) -> None:
        evaluation_id = self.course.evaluation
        target = self.activity("exercise", evaluation_id, name=self.title(evaluation_id))
        for run in submissions(self.journal, evaluation_id):
            self.add(f"evaluation/{run[-1].run_id}", "completed", target, run[-1].created,
                     self.context(evaluation_id), {"completion": True})

    def _course(self) -> None:
        found = standing(self.journal, self.course)
        if found.ready:
            moment = max(found.passed.created, found.evaluated)
            self.add("course/completed", "completed", self.course_activity(), moment,
                     {"language": self.language, "platform": "casebook"},
                     {"completion": True, "success": True})


def statements(journal, course: Course, content: dict[str, list]) -> list[dict]:
    return Statements(journal, course, content).build()


def export_json(journal, course: Course, content: dict[str, list]) -> bytes:
    return json.dumps(statements(journal, course, content), ensure_ascii=False, indent=2).encode("utf-8")
