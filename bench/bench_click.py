"""Python time from a click to the updated view of the vignette player.

Alternates a choice and a step back on the largest course vignette, 1,000 clicks in all, each
timed from `button.click()` until the widgets hold the new view, including the journal write (a
real SQLite file in a temporary folder, never the learner's journal). The same clicks without a
journal give the view's own share. Prints one line; target < 5 ms.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from casebook.journal import Journal  # noqa: E402
from casebook.kinds.vignette.player import Player  # noqa: E402

CLICKS = 1000
TARGET_MS = 5.0


def course_vignette():
    """The largest course vignette (most scenes), through the loader when it exists."""
    try:
        from casebook.kinds.vignette.loader import load
    except ImportError:
        load = None
    found = []
    if load is not None:
        for path in sorted((ROOT / "notebooks" / "vignettes").glob("*/*.yml")):
            try:
                found.append(load(path))
            except Exception:        # a vignette mid-edit: the checker reports it, not the bench
                continue
    if not found:
        from vignette_factory import realistic
        return realistic()
    return max(found, key=lambda v: len(v.scenes))


def click_times(vignette, journal) -> list[float]:
    """Milliseconds per click, alternating a choice (each in turn) and a step back."""
    player = Player(vignette, journal)
    player.begin_button.click()
    times = []
    for i in range(CLICKS):
        if i % 2 == 0:
            button = player.choice_buttons[i // 2 % len(player.walkthrough.choices)]
        else:
            button = player.back_button
        start = time.perf_counter()
        button.click()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    vignette = course_vignette()
    with tempfile.TemporaryDirectory() as folder, Journal(Path(folder) / "bench.sqlite") as journal:
        with_journal = click_times(vignette, journal)
        assert len(journal.steps()) == CLICKS        # every click was a real move, kept
    view_only = click_times(vignette, None)          # the same clicks, nothing written
    median = statistics.median(with_journal)
    p90 = statistics.quantiles(with_journal, n=10)[-1]
    verdict = "ok" if median < TARGET_MS else "SLOW"
    # One line. The difference between the two medians is the journal's commit, which waits for
    # the disk (synchronous=FULL): on a busy shared disk it dominates.
    print(f"bench_click: median {median:.2f} ms per click (p90 {p90:.2f} ms; view update alone "
          f"{statistics.median(view_only):.2f} ms, the rest is the journal commit) over {CLICKS} clicks, "
          f"choose/back on '{vignette.id}'; target < {TARGET_MS:g} ms: {verdict}")


if __name__ == "__main__":
    main()
