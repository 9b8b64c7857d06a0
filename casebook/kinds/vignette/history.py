"""What the journal holds for one vignette, as the Player shows it when it opens: how often it was
played, which endings were reached, how many reflections are saved, and where an attempt that
stopped before an ending was left, so that it can be resumed.

Plain Python over the journal's steps (no widgets), so it can be tested on its own. An attempt is a
run id; replaying its steps (a choice adds one, Back takes the last away, Start again ends the run)
gives the path it stood on when it was left.
"""
from __future__ import annotations

from dataclasses import dataclass

from casebook.kinds.vignette.model import Vignette
from casebook.portfolio_parts import runs


@dataclass(frozen=True)
class Unfinished:
    """An attempt left before an ending: its run id and its path as (scene id, choice id) pairs."""
    run_id: str
    path: tuple[tuple[str, str], ...]

    @property
    def decision(self) -> int:
        """The decision the learner comes back to (1-based)."""
        return len(self.path) + 1


@dataclass(frozen=True)
class History:
    played: int                    # attempts with at least one choice
    endings: tuple[str, ...]       # the endings reached (scene ids), in the order first reached
    reflections: int               # reflection prompts with a saved text
    unfinished: Unfinished | None  # the last attempt, when it stopped before an ending

    @property
    def empty(self) -> bool:
        return not (self.played or self.reflections)


def _replay(steps) -> tuple[list[tuple[str, str, str]], bool]:
    """The path a run's steps leave (scene, choice, next scene) and whether it was started again."""
    path: list[tuple[str, str, str]] = []
    restarted = False
    for step in steps:
        if step.kind == "choose":
            path.append((step.scene_id, step.choice_id, step.next_scene_id))
        elif step.kind == "back" and path:
            path.pop()
        elif step.kind == "restart":
            path, restarted = [], True
    return path, restarted


def _fits(vignette: Vignette, path) -> bool:
    """Whether the path can be walked in the vignette as it is now (it may have changed since)."""
    expected = vignette.start
    for scene_id, choice_id, next_id in path:
        try:
            choice = vignette.scene(scene_id).choice(choice_id)
        except KeyError:
            return False
        if scene_id != expected or choice.next != next_id:
            return False
        expected = next_id
    return True


def history(vignette: Vignette, journal, reflections=None) -> History:
    """What `journal` holds for `vignette` (an empty history without a journal); `reflections`: its
    reflections when the caller has just read them."""
    if journal is None:
        return History(0, (), 0, None)
    steps = journal.steps(vignette.id)
    attempts = [run for run in runs(steps) if any(s.kind == "choose" for s in run)]
    endings: list[str] = []
    for step in steps:
        if step.kind == "choose" and step.reached_ending and step.next_scene_id not in endings:
            endings.append(step.next_scene_id)
    if reflections is None:
        reflections = journal.reflections(vignette.id)
    reflections = sum(1 for r in reflections if r.text.strip())
    unfinished = None
    if steps:
        last_run = steps[-1].run_id      # the attempt the learner was in last
        path, restarted = _replay([s for s in steps if s.run_id == last_run])
        if path and not restarted and _fits(vignette, path):
            if not vignette.scene(path[-1][2]).is_ending:
                unfinished = Unfinished(last_run, tuple((scene, choice) for scene, choice, _ in path))
    return History(len(attempts), tuple(endings), reflections, unfinished)


def ending_titles(vignette: Vignette, ending_ids) -> list[str]:
    """The titles of endings by scene id (an id the vignette no longer has stands for itself)."""
    titles = []
    for scene_id in ending_ids:
        try:
            ending = vignette.scene(scene_id).ending
        except KeyError:
            ending = None
        titles.append(ending.title if ending is not None else scene_id)
    return titles
