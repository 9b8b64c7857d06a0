"""Build the in-browser exercises: a JupyterLite site with the Pyodide kernel, served from the book.

    python tools/lite_site.py OUTPUT_DIR      (the book's extension calls build() with
                                              _build/html/lite)

The site holds everything it needs: the JupyterLite app (from the jupyterlite-core package),
the Pyodide runtime (npm package `pyodide`), the wheels of tools/lite_wheels.py, the course's
engine built from this working copy, and the notebooks/ folder (exercises and their YAML). When
a reader opens it, nothing is fetched from any other host.

JupyterLite is configured through a staging folder (its "lite dir"), kept beside the output and
never inside it: JupyterLite skips any content or config path that contains a folder named like
its output folder, which would silently give an empty site whose kernel loads from a CDN.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casebook.strings import t  # noqa: E402
from lite_patches import is_repaired, wait_for_drive  # noqa: E402
from lite_wheels import PYODIDE_NPM, ROOT, LiteBuildError, course_wheel, write_lock  # noqa: E402

CONTENTS = ROOT / "notebooks"
# The Pyodide core files the kernel loads; the npm package also has a console page, typings and
# source maps, which a reader never needs.
PYODIDE_CORE = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                "package.json"]
# What the kernel loads as it starts, before the first cell runs, from the lock in static/pyodide:
# listing them here also stops the kernel from asking piplite (and so an index) for them.
PRELOAD = ["micropip", "comm", "jedi", "ipython", "casebook"]
# Two apps: "notebooks" (one notebook per tab, the simplest view, where the book's link leads)
# and "tree" (its file list, to download the exported portfolio). JupyterLab's "lab" app would
# add only 0.6 MB, but also a second, busier interface that a clinician does not need.
APPS = ["notebooks", "tree"]
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
JOURNAL = "/drive/casebook-journal.sqlite"   # lite_storage.DRIVE / lite_storage.JOURNAL_NAME


def lite_config() -> dict:
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Course exercises",
            # The site's front door (lite/index.html) opens the file list; the book links to
            # each notebook directly. Only these two apps are built (see APPS).
            "appUrl": "./tree",
            "faviconUrl": "./tree/favicon.ico",
            "defaultKernelName": "python",
            "showLoadingIndicator": True,
            # The reader's work lives in the browser's IndexedDB under these names (the site's
            # base URL is appended), never in memory only: a reload must keep it.
            "enableMemoryStorage": False,
            "contentsStorageName": "casebook-course",
            "settingsStorageName": "casebook-course-settings",
            "workspacesStorageName": "casebook-course-workspaces",
            "litePluginSettings": {
                KERNEL_PLUGIN: {
                    # Never look a package up on PyPI from the browser: all is in the site.
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {
                        "packages": PRELOAD,
                        # The journal is one file on JupyterLite's drive (kept in the browser's
                        # IndexedDB); casebook/journal/lite_storage.py says why and how.
                        "env": {"HOME": "/home/pyodide", "CASEBOOK_JOURNAL": JOURNAL,
                                # The exercises' links to the chapters: the book is two folders
                                # up from the notebook page, lite/notebooks/index.html.
                                "CASEBOOK_BOOK_URL": "../../"},
                    },
                }
            },
        },
    }


# A link in a notebook's text to a page of the book, by its source: [text](../book/x/y.md#z)
# (not an image, ![...](...)); and any link into the book at all, to find what that missed.
BOOK_LINK = re.compile(r"(?<!!)\[([^\[\]]+)\]\((?:\.\./)+book/[^()\s]*\)")
ANY_BOOK_TARGET = re.compile(r"\]\(\s*<?(?:\.{1,2}/)*book/")


def site_contents(dest: Path, source: Path = CONTENTS) -> Path:
    """notebooks/ (`source`) as the site holds it, at `dest`: a copy whose links to the book's sources are
    the page's name with "in the book". Such a link works in the built book and in JupyterLab; in
    JupyterLite a click looks for the file in the site's own file list, where the book is not,
    and does nothing. (The widgets' links are left alone by JupyterLite and do lead to the
    chapter: see CASEBOOK_BOOK_URL.) A link into the book of another form stops the build."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for notebook in sorted(dest.rglob("*.ipynb")):
        data = json.loads(notebook.read_text(encoding="utf-8"))
        for number, cell in enumerate(data["cells"], start=1):
            if cell["cell_type"] != "markdown":
                continue
            text = BOOK_LINK.sub(lambda link: t("lite.book_reference", text=link.group(1).strip("*_ ")),
                                 "".join(cell["source"]))
            left = ANY_BOOK_TARGET.search(text)
            if left:
                raise LiteBuildError(
                    f"{source / notebook.relative_to(dest)}, cell {number}: a link into the book "
                    f"the in-browser site cannot show ({text[max(0, left.start() - 40):left.end() + 40]!r}); "
                    f"write it as [page name](../book/path/page.md), without an image or a title.")
            cell["source"] = text
        notebook.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return dest


def stage(stage_dir: Path) -> None:
    """Lay out the lite dir: jupyter-lite.json, static/pyodide (core, wheels, lock), contents."""
    pyodide = stage_dir / "static" / "pyodide"
    if pyodide.exists():
        shutil.rmtree(pyodide)
    pyodide.mkdir(parents=True)
    for name in PYODIDE_CORE:
        if not (PYODIDE_NPM / name).exists():
            raise LiteBuildError(f"{PYODIDE_NPM / name} is missing: run `make setup`.")
        shutil.copyfile(PYODIDE_NPM / name, pyodide / name)
    wheel = course_wheel(stage_dir / "course-wheel")
    shutil.copyfile(wheel, pyodide / wheel.name)
    write_lock(pyodide, extra=pyodide / wheel.name)
    (stage_dir / "jupyter-lite.json").write_text(json.dumps(lite_config(), indent=2) + "\n")
    site_contents(stage_dir / "contents")


def build(output_dir: Path, stage_dir: Path | None = None) -> None:
    """Build the site into output_dir (replacing what was there)."""
    output_dir = output_dir.resolve()
    stage_dir = (stage_dir or output_dir.parent.parent / "jupyterlite-stage").resolve()
    if output_dir.name in stage_dir.parts:
        raise LiteBuildError(f"JupyterLite ignores paths containing a folder named "
                             f"{output_dir.name!r}; stage elsewhere than {stage_dir}.")
    stage(stage_dir)
    # Always a clean build (about 5 s): JupyterLite's incremental build skips re-pointing the
    # kernel at the local Pyodide when only jupyter-lite.json changed, so the kernel would then
    # load Pyodide from its CDN.
    shutil.rmtree(output_dir, ignore_errors=True)
    for state in stage_dir.glob(".jupyterlite.doit.db*"):
        state.unlink()
    jupyter = Path(sys.executable).parent / "jupyter"
    cmd = [str(jupyter), "lite", "build", "--lite-dir", str(stage_dir),
           "--output-dir", str(output_dir), "--contents", str(stage_dir / "contents"),
           "--no-sourcemaps", "--no-unused-shared-packages", "--log-level", "WARN"]
    for app in APPS:
        cmd += ["--apps", app]
    done = subprocess.run(cmd, cwd=stage_dir, capture_output=True, text=True)
    if done.returncode != 0:
        raise LiteBuildError("`jupyter lite build` failed:\n" + done.stdout + done.stderr)
    # Without this the reader's kernel may start before the drive can be mounted (see there).
    wait_for_drive(output_dir)
    check(output_dir)


def check(output_dir: Path) -> None:
    """Fail loudly if the site would reach for a CDN or lacks the exercises."""
    config = json.loads((output_dir / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config.get("litePluginSettings", {}).get(KERNEL_PLUGIN, {})
    if not str(kernel.get("pyodideUrl", "")).startswith("./"):
        raise LiteBuildError(f"the kernel's pyodideUrl is {kernel.get('pyodideUrl')!r}, not the "
                             f"local copy: Pyodide would come from a CDN.")
    if not is_repaired(output_dir):
        raise LiteBuildError("the Pyodide kernel does not wait for the drive (tools/lite_patches.py).")
    for notebook in CONTENTS.glob("*.ipynb"):
        if not (output_dir / "files" / notebook.name).exists():
            raise LiteBuildError(f"{notebook.name} is missing from {output_dir / 'files'}.")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/lite_site.py OUTPUT_DIR")
    try:
        build(Path(sys.argv[1]))
    except LiteBuildError as err:
        sys.exit(f"error: {err}")
