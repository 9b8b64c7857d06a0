"""Build a Jupyter Book the way `make book` does, and collect what Sphinx complained about."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
# Sphinx prints problems as "path:line: WARNING: ..." (or ERROR/CRITICAL).
PROBLEM = re.compile(r"^(?P<where>.*?):?\s*(?P<level>WARNING|ERROR|CRITICAL):\s*(?P<what>.*)$")
# Not a problem of the book: a kernel that runs a notebook during the build (ipykernel 7.4, pyzmq 27)
# logged this once in about five fresh builds (2026-12-02), with every notebook run and the build
# clean; it is the kernel's own message loop, where no course code runs (an error in a cell fails
# the build with a warning of its own). Seen as noise in the build's output, not as a problem.
KERNEL_NOISE = ("ERROR:tornado.general:Uncaught exception in ZMQStream callback",)


@dataclass
class Build:
    returncode: int
    output: str
    html: Path

    @property
    def problems(self) -> list[str]:
        return [line for line in self.output.splitlines()
                if PROBLEM.match(line) and line.strip() not in KERNEL_NOISE]


def build_book(source: Path = ROOT, path_output: Path | None = None, journal: Path | None = None) -> Build:
    """Run `jupyter-book build` with warnings as errors; never raises on a failed build."""
    env = dict(os.environ)
    if journal is not None:
        env["CASEBOOK_JOURNAL"] = str(journal)
    cmd = [str(JUPYTER_BOOK), "build", "--warningiserror", "--nitpick", "--keep-going"]
    if path_output is not None:
        cmd += ["--path-output", str(path_output)]
    cmd.append(str(source))
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
    out = (path_output or source) / "_build" / "html"
    return Build(done.returncode, done.stdout + done.stderr, out)
