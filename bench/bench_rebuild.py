"""How long `make book` takes again: with nothing changed, and after a one-word edit in a chapter,
each against the floor.

    .venv/bin/python bench/bench_rebuild.py [--runs 5]

The floor is what Sphinx and Jupyter Book themselves cost for the same pages: the same
`jupyter-book build` (same pages, same flags, the notebooks' execution cached by jupyter-cache,
nothing changed) with the course's own extensions (sphinx.local_extensions in _config.yml:
figures, key ideas, schemas, the in-browser site, ...) left out of a generated copy of
_config.yml, whose warnings about their now unknown roles and directives are suppressed. It
builds into its own folder, so the two builds never share a cache.

Everything runs in a temporary copy of the course (.venv, node_modules and .lite-cache linked,
not copied), so the edit never touches the working tree and `_build/` is left alone. The copy is
built once by each command (the notebooks run there once), then timed in turn, book and floor,
nothing changed first, then edit-build-undo. Reports medians of wall-clock and CPU seconds (the
CPU of the build processes, which other work on the machine disturbs less) and the median of the
book/floor ratios of each pair. A benchmark, not a test: it asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
LINKED = (".venv", "node_modules", ".lite-cache")
SKIPPED = ("_build", ".git", "__pycache__", ".pytest_cache", ".hypothesis", "test-artifacts",
           ".ipynb_checkpoints", "*.egg-info", "_generated") + LINKED
FLAGS = ["--warningiserror", "--nitpick", "--keep-going"]
CHAPTER = "book/resistance/lenses.md"
GOAL = 1.3


def copy_course(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*SKIPPED), symlinks=True)
    for name in LINKED:
        (dest / name).symlink_to(ROOT / name)
    return dest


def floor_config(course: Path, dest: Path) -> Path:
    """_config.yml without the course's own extensions."""
    config = yaml.safe_load((course / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config.setdefault("sphinx", {})
    sphinx.pop("local_extensions", None)
    sphinx.setdefault("config", {})["suppress_warnings"] = ["myst.role_unknown", "myst.directive_unknown"]
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / "_config.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


class Build:
    """One `jupyter-book build` command, as `make book` runs it, with a journal of its own."""

    def __init__(self, name: str, course: Path, out: Path, extra: list[str]):
        self.name, self.course = name, course
        self.cmd = [str(JUPYTER_BOOK), "build", *FLAGS, *extra, str(course)]
        self.env = {k: v for k, v in os.environ.items() if k != "CASEBOOK_BOOK_URL"}
        # The copy's engine, not the working tree's (the editable install points there), in the
        # build and in the kernels that run the notebooks.
        self.env["PYTHONPATH"] = str(course)
        self.env["CASEBOOK_JOURNAL"] = str(out / "build-journal.sqlite")

    def run(self) -> tuple[float, float]:
        """(wall seconds, CPU seconds of the build's processes)."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(self.cmd, cwd=self.course, env=self.env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            sys.exit(f"the {self.name} build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class OneWordEdit:
    """Changes one word of a prose line of a chapter, and puts it back."""

    def __init__(self, path: Path):
        self.path, self.original = path, path.read_text(encoding="utf-8")
        lines = self.original.splitlines(keepends=True)
        at = next((i for i, line in enumerate(lines) if i and line[:1].isalpha() and " the " in line), None)
        if at is None:
            sys.exit(f"{path}: no prose line with the word 'the' to edit")
        lines[at] = lines[at].replace(" the ", " this ", 1)
        self.edited = "".join(lines)

    def __enter__(self):
        self.path.write_text(self.edited, encoding="utf-8")

    def __exit__(self, *exc):
        self.path.write_text(self.original, encoding="utf-8")


def timed(runs: int, book: Build, floor: Build, edit: OneWordEdit | None) -> dict[str, list[float]]:
    got = {"book wall": [], "floor wall": [], "book cpu": [], "floor cpu": [], "ratio": []}
    for _ in range(runs):
        pair = {}
        for build in (book, floor):
            if edit:
                with edit:
                    pair[build.name] = build.run()
            else:
                pair[build.name] = build.run()
            got[f"{build.name} wall"].append(pair[build.name][0])
            got[f"{build.name} cpu"].append(pair[build.name][1])
        got["ratio"].append(pair["book"][0] / pair["floor"][0])
    return got


def report(what: str, got: dict[str, list[float]]) -> str:
    med = {k: statistics.median(v) for k, v in got.items()}
    spread = f"{min(got['ratio']):.2f}-{max(got['ratio']):.2f}"
    return (f"{what}: book {med['book wall']:.2f} s, floor {med['floor wall']:.2f} s (wall, medians of "
            f"{len(got['ratio'])}); CPU {med['book cpu']:.2f} s vs {med['floor cpu']:.2f} s; book/floor "
            f"{med['ratio']:.2f} (median of pairs, range {spread}; goal at most {GOAL})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casebook-rebuild-") as folder:
        course = copy_course(Path(folder) / "course")
        floor_out = Path(folder) / "floor"
        book = Build("book", course, course / "_build", [])
        floor = Build("floor", course, floor_out,
                      ["--config", str(floor_config(course, floor_out)), "--path-output", str(floor_out)])
        (course / "_build").mkdir()
        for build in (book, floor):   # the first build runs the notebooks; the second settles
            build.run()
            build.run()
        print(report("rebuild, nothing changed", timed(args.runs, book, floor, None)))
        edit = OneWordEdit(course / CHAPTER)
        print(report(f"rebuild after a one-word edit in {CHAPTER}", timed(args.runs, book, floor, edit)))
        print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end)")


if __name__ == "__main__":
    main()
