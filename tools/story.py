"""Read a vignette as its learners will: every path, or every way into each scene.

    .venv/bin/python tools/story.py FILE.yml            each scene with every choice that leads to it
    .venv/bin/python tools/story.py FILE.yml --paths    every path (no scene twice) as a story

For writers and reviewers: a scene reached from several choices must follow from each of them,
and a path that passes a risk cue must name it by its end. Nothing here changes the file.
"""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casebook import load  # noqa: E402
from casebook.errors import VignetteError  # noqa: E402


def wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(" ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=indent)


def ways_in(v) -> None:
    incoming: dict[str, list[tuple[str, str, str]]] = {s.id: [] for s in v.scenes}
    for s in v.scenes:
        for c in s.choices:
            incoming[c.next].append((s.id, c.id, c.text))
    for s in v.scenes:
        print(f"== {s.id}" + ("  [ENDING: " + s.ending.title + "]" if s.is_ending else ""))
        for scene_id, choice_id, text in incoming[s.id] or [("(start)", "", "")]:
            print(f"  from {scene_id} / {choice_id}")
            if text:
                print(wrap(text, "      > "))
        print(wrap(s.text))
        if s.is_ending:
            print(wrap(s.ending.debrief, "    DEBRIEF: "))
        print()


def paths(v) -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []

    def walk(scene_id: str, path: list[tuple[str, str]], seen: set[str]) -> None:
        scene = v.scene(scene_id)
        if scene.is_ending:
            found.append(path + [(scene_id, "")])
            return
        if scene_id in seen:
            found.append(path + [(scene_id, "(loops back)")])
            return
        for c in scene.choices:
            walk(c.next, path + [(scene_id, c.id)], seen | {scene_id})

    walk(v.start, [], set())
    return found


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    try:
        v = load(argv[0])
    except VignetteError as error:   # the checker's FILE:LINE messages, not a traceback
        print(error, file=sys.stderr)
        return 1
    if "--paths" not in argv:
        ways_in(v)
        return 0
    for number, path in enumerate(paths(v), start=1):
        print(f"--- path {number}: " + " > ".join(f"{s}/{c}" if c else s for s, c in path))
        for scene_id, choice_id in path:
            scene = v.scene(scene_id)
            print(wrap(scene.text))
            if choice_id and choice_id != "(loops back)":
                print(wrap(scene.choice(choice_id).text, "  YOU: "))
            elif scene.is_ending:
                print(wrap(scene.ending.debrief, "  DEBRIEF: "))
        print()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:   # piped into `head`: the reader has seen enough
        sys.exit(0)
