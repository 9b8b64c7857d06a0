"""How long `check_paths` takes over 100 vignettes of realistic size; prints one line.

The vignettes (about the size of the course's own: 7 scenes, 4 decisions, paragraphs of text)
are written to a temporary course folder with a _toc.yml and a book page, so the book-page
check runs as it does in the repository. Run with `make bench` or `python bench/bench_check.py`.
"""
from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))   # the tests' generator: one way to write vignettes

import vignette_yaml  # noqa: E402
from casebook import yamlsource  # noqa: E402
from casebook.authoring.checker import check_paths  # noqa: E402

COUNT, RUNS = 100, 7


def main() -> None:
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        course = Path(folder)
        (course / "_toc.yml").write_text("format: jb-book\nroot: book/intro\n")
        (course / "book" / "facilitators").mkdir(parents=True)
        (course / "book" / "facilitators" / "write-a-vignette.md").write_text("# Write a vignette\n\n## Check it\n")
        vignettes = course / "notebooks" / "vignettes"
        size = 0
        for number in range(COUNT):
            path = vignette_yaml.write(vignettes, vignette_yaml.realistic(f"case-{number:03d}", rng), f"case-{number:03d}")
            size += path.stat().st_size
        problems = check_paths([vignettes])
        assert problems == [], problems[:3]   # timing a checker that fails would mean nothing
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            check_paths([vignettes])
            times.append(time.perf_counter() - start)
    parser = "libyaml" if yamlsource.LOADER is not getattr(yamlsource.yaml, "SafeLoader") else "pure Python"
    print(f"check_paths: {COUNT} vignettes ({size / COUNT / 1000:.0f} kB each) in "
          f"{statistics.median(times):.3f} s (median of {RUNS} runs, {parser} parser)")


if __name__ == "__main__":
    main()
