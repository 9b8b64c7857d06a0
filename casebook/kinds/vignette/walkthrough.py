"""Playing a vignette: where the learner is, what they chose, and what they wrote.

All the logic of the player lives here, in plain Python, so that it can be tested without a
browser and so that `Player` only has to display this state and forward clicks.
"""
from __future__ import annotations

from dataclasses import dataclass

from casebook.bookpages import book_href
from casebook.journal.store import new_run_id
from casebook.kinds.vignette.model import Choice, Ending, Feedback, Scene, Vignette
from casebook.strings import t


@dataclass(frozen=True)
class Step:
    """One decision taken: where it was taken, what was chosen, and where it led."""
    decision: int              # 1-based, as the learner reads it ("Decision 2")
    scene: Scene
    choice: Choice
    next_scene: Scene

    @property
    def feedback(self) -> Feedback:
        return self.choice.feedback


class Walkthrough:
    """One learner's way through one vignette; records every move in `journal` if given."""

    def __init__(self, vignette: Vignette, journal=None):
        self.vignette = vignette
        self.journal = journal
        self.run_id = new_run_id()
        self._steps: list[Step] = []
        self._scene = vignette.scene(vignette.start)
        self._awaiting_continue = False
        self._run_has_moves = False   # an attempt begins with its first choice
        # A content note is read before the first scene; without one there is nothing to wait for.
        self._begun = not vignette.content_note

    # -- where the learner is ---------------------------------------------------------------
    @property
    def scene(self) -> Scene:
        """The current scene (after a choice: the scene it led to)."""
        return self._scene

    @property
    def choices(self) -> tuple[Choice, ...]:
        return self._scene.choices

    @property
    def finished(self) -> bool:
        return self._scene.is_ending

    @property
    def ending(self) -> Ending | None:
        return self._scene.ending

    @property
    def path(self) -> tuple[Step, ...]:
        return tuple(self._steps)

    @property
    def decision_number(self) -> int:
        """The number of the decision the current scene asks for (1-based)."""
        return len(self._steps) + 1

    @property
    def last_step(self) -> Step | None:
        return self._steps[-1] if self._steps else None

    @property
    def last_feedback(self) -> Feedback | None:
        return self._steps[-1].feedback if self._steps else None

    @property
    def begun(self) -> bool:
        """False while a content note waits to be read before the first scene."""
        return self._begun

    @property
    def awaiting_continue(self) -> bool:
        """True right after a choice: its feedback is on screen and "Continue" leads on."""
        return self._awaiting_continue

    @property
    def stage(self) -> str:
        """What the learner is looking at: 'note' (the content note, before the first scene),
        'choosing', 'feedback' (on the choice just made) or 'ending'."""
        if not self._begun:
            return "note"
        if self._awaiting_continue:
            return "feedback"
        return "ending" if self.finished else "choosing"

    @property
    def shown_scene(self) -> Scene:
        """The scene on screen: while feedback shows, the one where the choice was made."""
        return self._steps[-1].scene if self._awaiting_continue else self._scene

    @property
    def shown_decision(self) -> int:
        """The decision on screen ("Decision 2"): while feedback shows, the one just taken."""
        return self._steps[-1].decision if self._awaiting_continue else self.decision_number

    @property
    def can_go_back(self) -> bool:
        return bool(self._steps)

    @property
    def can_restart(self) -> bool:
        return bool(self._steps)

    @property
    def book_href(self) -> str:
        return book_href(self.vignette.book_section)

    # -- moves ---------------------------------------------------------------------------------
    def begin(self) -> None:
        self._begun = True

    def choose(self, choice_id: str) -> Feedback:
        """Take the choice `choice_id` in the current scene; return its feedback."""
        if self.finished:
            raise ValueError(t("player.error_finished", scene=self._scene.id))
        try:
            choice = self._scene.choice(choice_id)
        except KeyError:
            known = ", ".join(c.id for c in self._scene.choices)
            raise ValueError(t("player.error_unknown_choice", choice=choice_id,
                               scene=self._scene.id, known=known)) from None
        step = Step(len(self._steps) + 1, self._scene, choice, self.vignette.scene(choice.next))
        # Journal first: if the write fails, the learner stays where they were and sees why.
        self._record("choose", step.decision, step.scene.id, choice.id, step.next_scene)
        self._steps.append(step)
        self._run_has_moves = True
        self._scene = step.next_scene
        self._begun = True
        self._awaiting_continue = True
        return choice.feedback

    def resume(self, unfinished) -> Scene:
        """Go on with an attempt left before its ending (history.Unfinished): its path is taken
        again without new entries in the journal, and what follows belongs to the same attempt."""
        steps: list[Step] = []
        for number, (scene_id, choice_id) in enumerate(unfinished.path, start=1):
            scene = self.vignette.scene(scene_id)
            choice = scene.choice(choice_id)
            steps.append(Step(number, scene, choice, self.vignette.scene(choice.next)))
        if not steps:
            raise ValueError(t("place.error_nothing_to_resume"))
        self._steps = steps
        self._scene = steps[-1].next_scene
        self.run_id = unfinished.run_id
        self._run_has_moves = True
        self._begun = True
        self._awaiting_continue = False
        return self._scene

    def proceed(self) -> Scene:
        """Leave the feedback of the last choice and show the scene it led to."""
        self._awaiting_continue = False
        return self._scene

    def back(self) -> Scene:
        """Undo the last step and return to the scene where it was taken.

        The journal keeps the undone choice and records the step back: trying another path is
        part of the learning, not something to erase.
        """
        if not self._steps:
            raise ValueError(t("player.error_nothing_to_undo"))
        step = self._steps.pop()
        self._record("back", step.decision, step.scene.id, step.choice.id, step.next_scene)
        self._scene = step.scene
        self._awaiting_continue = False
        return self._scene

    def restart(self) -> Scene:
        """Start again from the first scene, as a new attempt with its own run id."""
        if self._run_has_moves:
            self._record("restart", len(self._steps), self._scene.id, None, None)
            self.run_id = new_run_id()
            self._run_has_moves = False
        self._steps.clear()
        self._scene = self.vignette.scene(self.vignette.start)
        self._awaiting_continue = False
        return self._scene

    # -- reflections -----------------------------------------------------------------------------
    def reflect(self, text: str, prompt: str | None = None):
        """Keep a reflection in the journal and return its record.

        Saving the same text twice keeps one version; a changed text becomes a new version and
        the earlier ones stay in the journal.
        """
        if self.journal is None:
            raise RuntimeError(t("journal.no_journal"))
        return self.journal.add_reflection(self.vignette.id, text, prompt=prompt,
                                           run_id=self.run_id)

    def keep_draft(self, text: str, prompt: str | None = None, replace: int | None = None):
        """Keep a reflection while it is being typed (casebook.autosave); the record, or None."""
        if self.journal is None:
            raise RuntimeError(t("journal.no_journal"))
        return self.journal.keep_draft(self.vignette.id, text, prompt=prompt, run_id=self.run_id,
                                       replace=replace)

    def reflection(self, prompt: str | None = None):
        """The latest saved version of the reflection on `prompt`, or None."""
        if self.journal is None:
            return None
        return self.journal.reflection(self.vignette.id, prompt)

    # -- journal -------------------------------------------------------------------------------------
    def _record(self, kind, decision, scene_id, choice_id, next_scene) -> None:
        if self.journal is None:
            return
        self.journal.add_step(
            vignette_id=self.vignette.id, run_id=self.run_id, kind=kind, decision=decision,
            scene_id=scene_id, choice_id=choice_id,
            next_scene_id=next_scene.id if next_scene else None,
            reached_ending=bool(next_scene and next_scene.is_ending),
        )
