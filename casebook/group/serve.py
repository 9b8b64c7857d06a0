"""Run the facilitator's dashboard as a clean page (no code shown) with Voilà, with nothing fetched
from another host:

    python -m casebook.group.serve [--folder FOLDER] [--port 8866] [--ip 127.0.0.1] [--notebook PATH]

then open http://127.0.0.1:8866/ on the projector's computer. `--folder` sets CASEBOOK_GROUP_FOLDER
for the dashboard's kernel (without it, the variable as set, else the course's own group folder).

What it adds to a plain `voila notebooks/facilitator/group-view.ipynb`: the template
`casebook-dashboard` (Voilà's lab template without the two Font Awesome links to a CDN, found through
JUPYTER_PATH), no browser opened. (Voilà 0.5 loads no classic notebook extensions at all: its
`enable_nbextensions` setting is gone and would only draw a warning.) MathJax is never requested: the
dashboard has no mathematics, and Voilà loads it only for a page that has.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from casebook.strings import t

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "jupyter"               # a Jupyter data folder: voila/templates/casebook-dashboard
TEMPLATE = "casebook-dashboard"
NOTEBOOK = Path("facilitator") / "group-view.ipynb"


def notebook_path(start: Path | None = None) -> Path:
    """The dashboard notebook: under notebooks/ of the current folder, or of the course beside this
    package (an editable install)."""
    start = Path.cwd() if start is None else Path(start)
    for folder in (start, start / "notebooks", HERE.parents[1] / "notebooks"):
        if (folder / NOTEBOOK).is_file():
            return folder / NOTEBOOK
    raise SystemExit(t("group.serve_no_notebook", notebook=NOTEBOOK, folder=start))


def command(notebook, port: int, ip: str = "127.0.0.1") -> list[str]:
    """The Voilà command line that serves `notebook` on ip:port."""
    voila = shutil.which("voila", path=str(Path(sys.executable).parent)) or shutil.which("voila") or "voila"
    return [voila, str(notebook), "--no-browser", f"--port={port}", f"--Voila.ip={ip}",
            f"--VoilaConfiguration.template={TEMPLATE}", "--VoilaConfiguration.theme=light", "--VoilaConfiguration.show_tracebacks=False"]


def environment(folder=None, base: dict | None = None) -> dict:
    """The environment for Voilà: JUPYTER_PATH finds the template; CASEBOOK_GROUP_FOLDER if given."""
    env = dict(os.environ if base is None else base)
    paths = [str(TEMPLATES)] + [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    if folder is not None:
        env["CASEBOOK_GROUP_FOLDER"] = str(Path(folder).expanduser().resolve())
    return env


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m casebook.group.serve", description=t("group.serve_about"))
    parser.add_argument("--folder", help=t("group.serve_folder"))
    parser.add_argument("--port", type=int, default=8866, help=t("group.serve_port"))
    parser.add_argument("--ip", default="127.0.0.1", help=t("group.serve_ip"))
    parser.add_argument("--notebook", help=t("group.serve_notebook"))
    args = parser.parse_args(argv)
    notebook = Path(args.notebook) if args.notebook else notebook_path()
    argv = command(notebook, args.port, args.ip)
    os.execvpe(argv[0], argv, environment(args.folder))


if __name__ == "__main__":
    main()
