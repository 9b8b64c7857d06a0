"""Speed of each exercise kind besides vignettes (bench_click.py and bench_check.py cover those):
the Python time of a click to the updated view, journal write included (median of the clicks
that write, out of 1,000; a real SQLite file in a temporary folder; one text saved again and
again, so its versions grow to hundreds, more than a learner makes), and `check_paths` over 100 copies of the kind's course
file. Prints one line per kind; targets < 5 ms a click and < 1 s for 100 files."""
from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casebook.authoring.checker import check_paths  # noqa: E402
from casebook.journal import Journal  # noqa: E402
from casebook.kinds.registry import kind_named  # noqa: E402

CLICKS, FILES = 1000, 100
EXERCISES = ROOT / "notebooks" / "exercises"
FILE_OF = {"quiz": EXERCISES / "resistance" / "knowledge-check.yml",
           "reframe": EXERCISES / "resistance" / "write-a-repair.yml",
           "protection_map": EXERCISES / "resistance" / "protection-map.yml",
           "then_and_now": EXERCISES / "regulation" / "then-and-now.yml",
           "seating": EXERCISES / "closeness" / "where-shall-we-sit.yml",
           "window": EXERCISES / "regulation" / "window-of-tolerance.yml",
           "reflection": EXERCISES / "closeness" / "closeness-reflection.yml"}


def one_click(kind: str, view, i: int) -> None:
    """The kind's main click: check / try again, compare, save; each changes what the journal holds."""
    if kind == "quiz":
        question = view.views[0]
        if i % 2 == 0:
            question.choose(question.question.options[i // 2 % len(question.question.options)].id)
            question.check()
        else:
            question.try_again()
    elif kind == "then_and_now":
        pattern = view.views[0]
        if i % 2 == 0:
            pattern.choice.value = view.exercise.offered[i // 2 % len(view.exercise.patterns)].id
            pattern.check()
        else:
            pattern.try_again()
    elif kind == "seating":
        view.offer_choice.value = view.exercise.offers[i % len(view.exercise.offers)].id
        view.offer()
    elif kind == "window":   # a move chosen, then "Show the likely course": the figure drawn
        view.choice.value = view.exercise.moves[i % len(view.exercise.moves)].id
        view.show_button.click()
    elif kind == "reframe":
        view.textarea.value = f"I went too fast there, try {i}."
        view.compare()
    else:
        first = next(iter(view.boxes.values()))
        first.value = f"He keeps his jacket on, try {i}."
        view.save()


def click_ms(kind: str, folder: Path) -> float:
    with Journal(folder / f"{kind}.sqlite") as journal:
        view = kind_named(kind).view_class()(FILE_OF[kind], journal)
        times = []
        for i in range(CLICKS):
            start = time.perf_counter()
            one_click(kind, view, i)
            if i % 2 == 0 or kind in {"reframe", "protection_map", "seating", "window"}:   # only the clicks that write
                times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def check_s(kind: str, folder: Path) -> float:
    files = folder / f"{kind}-files"
    files.mkdir()
    source = FILE_OF[kind].read_text(encoding="utf-8")
    stem = FILE_OF[kind].stem
    for n in range(FILES):   # each copy's id is its file name, as the checker asks
        (files / f"{stem}-{n}.yml").write_text(source.replace(f"id: {stem}\n", f"id: {stem}-{n}\n", 1),
                                              encoding="utf-8")
    start = time.perf_counter()
    problems = check_paths([files])
    elapsed = time.perf_counter() - start
    assert not problems, problems[:3]
    return elapsed


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="bench-kinds-"))
    try:
        for kind in FILE_OF:
            print(f"{kind}: click to view {click_ms(kind, folder):.2f} ms, median of the writing clicks "
                  f"among {CLICKS} (target < 5 ms), "
                  f"check {FILES} files {check_s(kind, folder):.2f} s (target < 1 s)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
