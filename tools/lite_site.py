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

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html import escape
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casebook.strings import t  # noqa: E402
from lite_patches import is_repaired, wait_for_drive  # noqa: E402
from buildstamp import clear, digest, is_current, record  # noqa: E402
from lite_wheels import CACHE, PYODIDE_NPM, ROOT, LiteBuildError, course_wheel, write_lock  # noqa: E402

CONTENTS = ROOT / "notebooks"
# The Pyodide core files the kernel loads; the npm package also has a console page, typings and
# source maps, which a reader never needs.
PYODIDE_CORE = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                "package.json"]
# What the kernel loads as it starts, before the first cell runs, from the lock in static/pyodide:
# listing them here also stops the kernel from asking piplite (and so an index) for them.
PRELOAD = ["micropip", "comm", "jedi", "ipython", "casebook"]
# One app: "notebooks" (one notebook per page), shown as the exercise app inside the book's exercise
# pages (?app=1, see lite_app/) and as a plain notebook from the pages' secondary link. No file list
# ("tree"): the portfolio and the certificate are downloaded by buttons in the exercises.
APPS = ["notebooks"]
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
JOURNAL = "/drive/casebook-journal.sqlite"   # lite_storage.DRIVE / lite_storage.JOURNAL_NAME
# The extensions the site loads: the course's own app (written by hand, tools/lite_app/), and of those
# installed in the environment only the two the exercises need (widgets, the Pyodide kernel); not
# Voila's preview or the code-highlighting theme, which a reader never uses.
APP_EXTENSION = Path(__file__).resolve().parent / "lite_app"
APP_NAME = "casebook-app"
NEEDED_EXTENSIONS = ["@jupyter-widgets/jupyterlab-manager", "@jupyterlite/pyodide-kernel-extension"]
INSTALLED_EXTENSIONS = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
# Settings for every page of the site: every cell drawn at once (the app sizes its frame to the
# whole notebook; drawing cells only as they scroll into view would keep resizing it), and no
# empty screen's height below the last cell; no top bar (the app hides the rest of the frame,
# lite_app/casebook-app.js; in the plain notebook view the menus and toolbar stay).
OVERRIDES = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none", "scrollPastEnd": False},
             "@jupyter-notebook/application-extension:top": {"visible": "no"}}


def lite_config() -> dict:
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": t("lite.app_name"),
            # The book links to each notebook directly; the site's front door (lite/index.html)
            # is replaced by a page of links to them (front_door).
            "appUrl": "./notebooks",
            "faviconUrl": "./notebooks/favicon.ico",
            # Where the built book is, from the site's root: the app's chapter links lead there.
            "casebookBookUrl": "../",
            # What the app's plugins write into the page (lite_app/casebook-app.js).
            "casebookStrings": {"code_editor": t("lite.code_editor")},
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
    """notebooks/ (`source`) as the site holds it, at `dest`. A link in a notebook's text to a chapter's
    source, [name](../book/part/page.md#section), is opened as the built chapter page by the app's
    chapter-links plugin (lite_app/casebook-app.js); a link into the book of another form (an image,
    a title, angle brackets) would not be, so it stops the build and says where."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for notebook in sorted(dest.rglob("*.ipynb")):
        data = json.loads(notebook.read_text(encoding="utf-8"))
        for number, cell in enumerate(data["cells"], start=1):
            if cell["cell_type"] != "markdown":
                continue
            text = "".join(cell["source"])
            left = ANY_BOOK_TARGET.search(BOOK_LINK.sub("", text))
            if left:
                raise LiteBuildError(
                    f"{source / notebook.relative_to(dest)}, cell {number}: a link into the book "
                    f"the in-browser site cannot show ({text[max(0, left.start() - 40):left.end() + 40]!r}); "
                    f"write it as [page name](../book/path/page.md), without an image or a title.")
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
    (stage_dir / "overrides.json").write_text(json.dumps(OVERRIDES, indent=2) + "\n")
    stage_extensions(stage_dir / "labextensions")
    site_contents(stage_dir / "contents")


def app_extension(dest: Path) -> Path:
    """The course's app extension as JupyterLite loads it: dest/package.json and its one script,
    named by a hash of its content so that a browser never keeps an older edition's copy."""
    script = (APP_EXTENSION / "casebook-app.js").read_text(encoding="utf-8")
    css = (APP_EXTENSION / "casebook-app.css").read_text(encoding="utf-8")
    if script.count("__CSS__") != 2:   # the placeholder and its mention in the header comment
        raise LiteBuildError(f"{APP_EXTENSION / 'casebook-app.js'} lost its __CSS__ placeholder.")
    script = script.replace("const CSS = __CSS__;", f"const CSS = {json.dumps(css)};")
    name = f"remoteEntry.{hashlib.sha256(script.encode()).hexdigest()[:16]}.js"
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "static").mkdir(parents=True)
    (dest / "static" / name).write_text(script, encoding="utf-8")
    package = {"name": APP_NAME, "version": "1.0.0", "private": True,
               "jupyterlab": {"extension": True, "_build": {"load": f"static/{name}", "extension": "./extension"}}}
    (dest / "package.json").write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    return dest


def stage_extensions(folder: Path) -> None:
    """The site's extensions, copied into the lite dir and named in its jupyter_lite_config.json,
    which also tells the build to ignore those installed in the environment."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in NEEDED_EXTENSIONS:
        if not (INSTALLED_EXTENSIONS / name / "package.json").exists():
            raise LiteBuildError(f"{INSTALLED_EXTENSIONS / name} is missing: run `make setup`.")
        shutil.copytree(INSTALLED_EXTENSIONS / name, folder / name,
                        ignore=shutil.ignore_patterns("*.map", "*.js.LICENSE.txt"))
    app_extension(folder / APP_NAME)
    config = {"LiteBuildConfig": {
        "ignore_sys_prefix": ["federated_extensions"],
        "federated_extensions": [f"{folder.name}/{name}" for name in [*NEEDED_EXTENSIONS, APP_NAME]]}}
    (folder.parent / "jupyter_lite_config.json").write_text(json.dumps(config, indent=2) + "\n")


def build(output_dir: Path, stage_dir: Path | None = None) -> None:
    """Build the site into output_dir (replacing what was there), unless it is built from the same inputs."""
    output_dir = output_dir.resolve()
    stage_dir = (stage_dir or output_dir.parent.parent / "jupyterlite-stage").resolve()
    if output_dir.name in stage_dir.parts:
        raise LiteBuildError(f"JupyterLite ignores paths containing a folder named "
                             f"{output_dir.name!r}; stage elsewhere than {stage_dir}.")
    # Built again only when something it is made from changed (a rebuild of the book with nothing
    # changed in the site's inputs then takes no time here); when built, always from clean:
    # JupyterLite's incremental build skips re-pointing the kernel at the local Pyodide when only
    # jupyter-lite.json changed, so the kernel would then load Pyodide from its CDN.
    key = inputs_digest()
    stamp = stage_dir / "site.buildstamp"      # build state: beside the staging folder, not published
    if is_current(output_dir, key, stamp):
        return
    clear(output_dir, stamp)
    stage(stage_dir)
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
    finish_pages(output_dir)
    check(output_dir)
    record(output_dir, key, stamp)


def inputs_digest() -> str:
    """What the site is made from: the notebooks and their content, the engine (and its strings),
    these tools and the app extension, the fetched wheels, and the versions of Pyodide, JupyterLite
    and the two extensions it takes from the environment."""
    tools = Path(__file__).resolve().parent
    return digest([CONTENTS, ROOT / "casebook", ROOT / "pyproject.toml", *sorted(tools.glob("lite_*.py")),
                   APP_EXTENSION, CACHE, PYODIDE_NPM / "package.json",
                   *(INSTALLED_EXTENSIONS / name / "package.json" for name in NEEDED_EXTENSIONS)],
                  extra=[version("jupyterlite-core"), version("jupyterlite-pyodide-kernel"),
                         os.environ.get("CASEBOOK_LANG", "")])


def finish_pages(output_dir: Path) -> None:
    """Only the pages a reader can use: the notebook app, named and in the course's language, and a
    front door of our own. JupyterLite always adds the pages of apps that were not asked for (doc/,
    whose page never finishes loading without its app) and a front door that redirects to a file list."""
    for folder in output_dir.iterdir():
        if folder.is_dir() and folder.name not in APPS and next(folder.rglob("index.html"), None):
            shutil.rmtree(folder)
    for name in APPS:
        page = output_dir / name / "index.html"
        if not (page.parent / "favicon.ico").exists():
            raise LiteBuildError(f"{page.parent / 'favicon.ico'} is missing: JupyterLite changed its layout.")
        html = page.read_text(encoding="utf-8")
        html, langs = re.subn(r"<html>", f'<html lang="{t("lite.lang")}">', html, count=1)
        # A page without an icon of its own makes the browser ask for /favicon.ico, which is not there.
        html, titles = re.subn(r"<title>[^<]*</title>", f"<title>{escape(t('lite.app_name'))}</title>"
                               '<link rel="icon" href="favicon.ico">', html, count=1)
        if not (langs and titles):
            raise LiteBuildError(f"{page}: no <html> or <title> to give the course's language and name.")
        page.write_text(html, encoding="utf-8")
    links = "".join(
        f'<li><a href="../{escape(CONTENTS.name)}/{escape(notebook.stem)}.html">{escape(notebook_title(notebook))}</a></li>'
        for notebook in sorted(CONTENTS.glob("*.ipynb")))
    (output_dir / "index.html").write_text(
        f'<!DOCTYPE html>\n<html lang="{t("lite.lang")}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{escape(t("lite.app_name"))}</title>\n'
        '<link rel="icon" href="notebooks/favicon.ico">\n'
        # The app's pages read the site's settings through this element of the front door.
        '<script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">{}</script>\n'
        f'</head>\n<body>\n<main>\n'
        f'<h1>{escape(t("lite.app_name"))}</h1>\n<p>{escape(t("lite.front_door"))}</p>\n'
        f"<ul>{links}</ul>\n</main>\n</body>\n</html>\n", encoding="utf-8")


def notebook_title(notebook: Path) -> str:
    """A notebook's first heading, as the book titles its page."""
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        found = re.search(r"^#\s+(.+)$", "".join(cell["source"]), re.M) if cell["cell_type"] == "markdown" else None
        if found:
            return found.group(1).strip()
    return notebook.stem


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
    if APP_NAME not in {e["name"] for e in config.get("federated_extensions", [])}:
        raise LiteBuildError(f"the site does not load the exercise app ({APP_NAME}).")


if __name__ == "__main__":
    # python tools/lite_site.py OUTPUT_DIR            the site
    # python tools/lite_site.py --lab-extension DIR   only the app extension, for JupyterLab (make lab),
    #                                                 where its chapter links open the built pages
    if len(sys.argv) == 3 and sys.argv[1] == "--lab-extension":
        app_extension(Path(sys.argv[2]) / APP_NAME)
    elif len(sys.argv) == 2:
        try:
            build(Path(sys.argv[1]))
        except LiteBuildError as err:
            sys.exit(f"error: {err}")
    else:
        sys.exit("usage: python tools/lite_site.py OUTPUT_DIR | --lab-extension DIR")
