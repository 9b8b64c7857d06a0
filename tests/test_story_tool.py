"""tools/story.py: a writer reads each scene with the choices that lead into it, and every path."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from casebook import load

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "notebooks" / "vignettes" / "example" / "first-session.yml"


def run(*args: str) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "story.py"), *args],
                          capture_output=True, text=True, check=True)
    return done.stdout


def test_each_scene_is_shown_with_every_choice_that_leads_into_it():
    out = run(str(EXAMPLE))
    v = load(EXAMPLE)
    for scene in v.scenes:
        block = out.split(f"== {scene.id}", 1)[1].split("\n== ", 1)[0]
        into = [(s.id, c.id) for s in v.scenes for c in s.choices if c.next == scene.id]
        assert into or scene.id == v.start
        for scene_id, choice_id in into:
            assert f"from {scene_id} / {choice_id}" in block


def test_every_path_ends_at_an_ending_or_says_it_loops():
    out = run(str(EXAMPLE), "--paths")
    heads = [line for line in out.splitlines() if line.startswith("--- path ")]
    endings = {s.id for s in load(EXAMPLE).scenes if s.is_ending}
    assert len(heads) >= len(endings)
    assert all(head.rsplit(" > ", 1)[-1] in endings or head.endswith("(loops back)") for head in heads)
    assert {head.rsplit(" > ", 1)[-1] for head in heads} >= endings
