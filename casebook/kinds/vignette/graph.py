"""The scenes of one vignette as a graph: ids used twice, `next`/`start` naming nothing,
scenes no path reaches, and scenes from which no ending can be reached (a loop with no way out).

`rules` adds scenes, choice ids and edges as it reads the file; `problems` then answers
all the questions at once. Nothing here raises or recurses (a long chain of scenes is fine).
"""
from __future__ import annotations

import difflib
from collections import deque

from casebook.errors import Problem
from casebook.strings import t
from casebook.yamlsource import shorten


class Scene:
    """One scene as the graph sees it: where it is written, and where its choices lead."""

    def __init__(self, ident: str | None, where: str, id_line: int, line: int, is_ending: bool, is_dead_end: bool):
        self.ident, self.where, self.id_line, self.line = ident, where, id_line, line
        self.is_ending, self.is_dead_end = is_ending, is_dead_end
        self.choice_ids: list[tuple[str, int]] = []
        self.edges: list[tuple[str, int]] = []   # (target scene id, line of `next:`)

    def add_choice_id(self, ident: str, line: int) -> None:
        self.choice_ids.append((ident, line))

    def add_edge(self, target: str, line: int) -> None:
        self.edges.append((target, line))


class Graph:
    def __init__(self):
        self.scenes: list[Scene] = []

    def add_scene(self, ident, where, id_line, line, *, is_ending: bool, is_dead_end: bool) -> Scene:
        scene = Scene(ident, where, id_line, line, is_ending, is_dead_end)
        self.scenes.append(scene)
        return scene

    def problems(self, file: str, start: str | None, start_line: int) -> list[Problem]:
        found: list[Problem] = []

        def add(line: int, message: str, **values) -> None:
            for name in {"id", "target", "suggestion"} & values.keys():
                values[name] = shorten(values[name])
            found.append(Problem(file, max(1, line), t(f"check.{message}", **values)))

        # The first scene with an id is the one `next` leads to; a second one is reported.
        by_id: dict[str, Scene] = {}
        for scene in self.scenes:
            if scene.ident is None:
                continue
            if scene.ident in by_id:
                add(scene.id_line, "duplicate_scene", id=scene.ident, first=by_id[scene.ident].id_line)
            else:
                by_id[scene.ident] = scene
        for scene in self.scenes:
            seen: dict[str, int] = {}
            for ident, line in scene.choice_ids:
                if ident in seen:
                    add(line, "duplicate_choice", id=ident, where=scene.where, first=seen[ident])
                else:
                    seen[ident] = line

        def unknown(target: str, line: int, field: str) -> None:
            guess = difflib.get_close_matches(target, list(by_id), n=1, cutoff=0.6)
            if guess:
                add(line, "unknown_target_suggest", target=target, field=field, suggestion=guess[0])
            else:
                add(line, "unknown_target", target=target, field=field, scenes=shorten(", ".join(by_id) or "-", 200))

        leads_to: dict[str, list[str]] = {ident: [] for ident in by_id}
        for scene in self.scenes:
            for target, line in scene.edges:
                if target not in by_id:
                    unknown(target, line, "next")
                elif scene.ident is not None and by_id.get(scene.ident) is scene:
                    leads_to[scene.ident].append(target)

        start_ok = start is not None and start in by_id
        if start is not None and not start_ok:
            unknown(start, start_line, "start")
        if start_ok:
            reached = _reach([start], leads_to)
            for ident, scene in by_id.items():
                if ident not in reached:
                    add(scene.line, "unreachable", where=scene.where)

        # Walk backwards from the endings: whoever is not reached cannot reach an ending.
        led_from: dict[str, list[str]] = {ident: [] for ident in by_id}
        for source, targets in leads_to.items():
            for target in targets:
                led_from[target].append(source)
        can_end = _reach([i for i, s in by_id.items() if s.is_ending], led_from)
        for ident, scene in by_id.items():
            # A scene with neither choices nor ending is reported as such; do not say it twice.
            if ident not in can_end and not scene.is_dead_end:
                add(scene.line, "no_way_out", where=scene.where)
        return found


def _reach(starts: list[str], edges: dict[str, list[str]]) -> set[str]:
    seen = set(starts)
    queue = deque(starts)
    while queue:
        for following in edges[queue.popleft()]:
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return seen
