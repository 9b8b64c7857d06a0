"""The page "Write your own vignette" stays true: its example is valid and is the file it
includes, its sample output is what the checker prints, and its quoted messages are real."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from casebook import load
from casebook.authoring.checker import check_paths

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "book" / "facilitators" / "write-a-vignette.md"
EXAMPLE_PATH = "notebooks/vignettes/example/first-session.yml"
EXAMPLE = ROOT / EXAMPLE_PATH
CORPUS = ROOT / "tests" / "bad_vignettes" / "example"


def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(info string, content) of every ``` block of the page."""
    return re.findall(r"^```([^\n]*)\n(.*?)^```$", text, flags=re.M | re.S)


# The sample on the page: a copy of the example with these four mistakes, as the page describes.
MISTAKES = [
    ("key_ideas: [R6, R9, R10, R11]", "key_ideas: [R6, R9, R10, R13]", None),
    ("feedback:", "feedbak:", "id: follow-his-lead"),
    ("next: ending-room", "next: ending-rom", None),
    ("  - Whose expectations were in the room with you, besides his and yours?",
     "  - Whose expectations were in the room: yours, his, or the team's?", None),
]


def broken_example() -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new, after in MISTAKES:
        start = text.index(after) if after else 0
        at = text.index(old, start)
        text = text[:at] + new + text[at + len(old):]
    return text


def test_the_example_is_valid_and_loads():
    assert check_paths([EXAMPLE]) == []
    vignette = load(EXAMPLE)
    assert vignette.module == "example" and vignette.id == EXAMPLE.stem
    assert all(idea.startswith("R") for idea in vignette.key_ideas), "the example practises module 1's ideas"


def test_the_page_includes_the_example_file():
    [include] = re.findall(r"^```\{literalinclude\} (\S+)\n((?::[^\n]*\n)*)```", page(), flags=re.M)
    assert include[0] == "/" + EXAMPLE_PATH
    assert ":language: yaml" in include[1]


def test_the_sample_output_is_what_the_checker_prints(tmp_path):
    target = tmp_path / EXAMPLE_PATH
    target.parent.mkdir(parents=True)
    target.write_text(broken_example(), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "casebook", "check", EXAMPLE_PATH], cwd=tmp_path,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 1, result.stderr
    samples = [body for info, body in fenced_blocks(page()) if info.strip() == "text" and EXAMPLE_PATH in body]
    assert len(samples) == 1, "one sample of the checker's output on the page"
    assert samples[0] == result.stdout, "update the page's sample output to:\n" + result.stdout


def test_the_page_names_the_mistakes_the_sample_shows():
    text = page()
    for word in ("feedbak", "ending-rom", "R13", "follow-his-lead"):
        assert f"`{word}`" in text


def test_messages_quoted_under_common_mistakes_are_real_checker_messages():
    section = page().split("## Common mistakes and what the checker says", 1)[1].split("\n## ", 1)[0]
    rows = [row for row in section.splitlines() if row.startswith("| ") and not row.startswith("| ---")][1:]
    assert len(rows) >= 10
    messages = [p.message for p in check_paths([CORPUS])]
    for row in rows:
        quoted = re.findall(r"`([^`]+)`", row.split(" | ")[1])
        assert quoted, row
        for snippet in quoted:
            assert any(snippet in m for m in messages), f"no bad file in {CORPUS} makes the checker say: {snippet}"


def test_the_page_has_one_title_and_headings_in_order():
    text = re.sub(r"^```.*?^```$", "", page(), flags=re.M | re.S)   # code is not headings
    levels = [len(m) for m in re.findall(r"^(#+) ", text, flags=re.M)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels


def test_the_play_snippet_uses_the_players_real_display_method():
    from casebook.kinds.vignette.player import Player
    [snippet] = [body for info, body in fenced_blocks(page()) if info.strip() == "python"]
    call = re.search(r"Player\(load\(\"([^\"]+)\"\)\)\.(\w+)\(\)", snippet)
    assert call and callable(getattr(Player, call.group(2), None))
    assert (ROOT / "notebooks" / call.group(1)).is_file(), "the path is relative to the notebooks folder"
