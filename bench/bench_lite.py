"""Speed of the exercises in the reader's browser (the exercise app: JupyterLite + Pyodide), beside JupyterLab.

    .venv/bin/python bench/bench_lite.py [--html _build/html] [--runs 5] [--clicks 10] [--busy 2]

Measures, with the built book served on loopback and headless Chromium cut off from other hosts:
  - the size of the in-browser site (_build/html/lite), and of its parts;
  - the floor: Pyodide's own start with the kernel's packages, plus importing ipywidgets and the
    course's package, in a bare page (no JupyterLite), cold (fresh browser profile) and warm;
  - the exercise app: from a click on "Start the exercises" on module 1's book page to the first
    vignette ready to play (the page says "ready" and Begin is shown), cold (a fresh profile, the click
    as soon as the page has loaded), on a return visit (same profile, files cached), and after
    reading the page for 15 s first (the app loads in the background meanwhile); with the ratio to
    the floor measured in the same run;
  - click to feedback: from a click on a vignette choice to its feedback shown, timed in the page;
  - the same click in JupyterLab (the course's .venv, a local server) on the same machine.
--busy N keeps N other processes spinning on the CPU meanwhile, as on a machine doing other work.
Reports medians (and the spread); a benchmark, not a test: it asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))
from lite_site import PRELOAD  # noqa: E402
from litebrowser import (OffHostRecorder, free_port, launch, run_all, serve,  # noqa: E402
                         start_app, wait_for_kernel)

NOTEBOOK = "01-resistance.ipynb"
PAGE = "notebooks/01-resistance.html"
READING_S = 15
# What the floor page does: Pyodide with the packages the kernel loads as it starts, then the
# imports of module 1's first cell (ipywidgets comes with them).
FLOOR_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head>
<body><script type="module">
const t0 = performance.now();
const { loadPyodide } = await import("./lite/static/pyodide/pyodide.mjs");
const py = await loadPyodide({ indexURL: "./lite/static/pyodide/", packages: %s });
await py.runPythonAsync("import ipywidgets, casebook; from casebook import GroupModeView, Journal, "
                        + "KnowledgeCheck, NoteReframe, Player, ProtectionMapView, load");
window.__floor = (performance.now() - t0) / 1000;
</script></body></html>"""

# Click the first visible choice of the first player; resolve when its feedback shows.
CLICK_JS = """async () => {
  const root = document.querySelector('.casebook-vignette');
  const shown = e => e && e.offsetParent !== null;
  const choice = [...root.querySelectorAll('.cb-choice')].find(shown);
  const feedback = root.querySelector('.cb-feedback-box');
  const t0 = performance.now();
  choice.click();
  await new Promise(done => {
    const tick = () => (shown(feedback) && feedback.textContent.trim()) ? done()
                                                                       : requestAnimationFrame(tick);
    tick();
  });
  return performance.now() - t0;
}"""
BACK_JS = """async () => {
  const root = document.querySelector('.casebook-vignette');
  const shown = e => e && e.offsetParent !== null;
  [...root.querySelectorAll('.cb-back')].find(shown).click();
  await new Promise(done => {
    const tick = () => [...root.querySelectorAll('.cb-choice')].some(shown) ? done()
                                                                          : requestAnimationFrame(tick);
    tick();
  });
}"""


def size_report(site: Path) -> list[str]:
    def total(path: Path) -> int:
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    mb = lambda n: f"{n / 1e6:.1f} MB"  # noqa: E731
    pyodide = site / "static" / "pyodide"
    wheels = sum(f.stat().st_size for f in pyodide.glob("*.whl"))
    lines = [f"size of the in-browser site ({site}): {mb(total(site))}",
             f"  Pyodide runtime: {mb(total(pyodide) - wheels)}; Python wheels: {mb(wheels)}; "
             f"JupyterLite app: {mb(total(site) - total(pyodide))}"]
    return lines


def clicks(page, count: int) -> list[float]:
    page.locator(".casebook-vignette .cb-begin").first.click()
    page.locator(".casebook-vignette").first.locator(".cb-choice:visible").first.wait_for()
    times = []
    for _ in range(count):
        times.append(page.evaluate(CLICK_JS))
        page.evaluate(BACK_JS)
    return times


def describe(label: str, values: list[float], unit: str = "ms") -> str:
    spread = f"{min(values):.0f}-{max(values):.0f}" if unit == "ms" else \
        f"{min(values):.1f}-{max(values):.1f}"
    median = statistics.median(values)
    shown = f"{median:.0f}" if unit == "ms" else f"{median:.1f}"
    return f"{label}: median {shown} {unit} (range {spread}, n={len(values)})"


def floor(browser, base: str) -> tuple[float, float]:
    """The floor page in a fresh profile, then again in the same profile (cached): seconds."""
    context = browser.new_context()
    times = []
    for _ in range(2):
        page = context.new_page()
        page.goto(f"{base}/floor.html")
        page.wait_for_function("window.__floor", timeout=180_000)
        times.append(page.evaluate("window.__floor"))
        page.close()
    context.close()
    return times[0], times[1]


def app_start(context, base: str, reading_s: float = 0):
    """Open module 1's page, (read for `reading_s`,) press Start: seconds from the click until the
    first vignette is ready to play; and the app, for the clicks."""
    page = context.new_page()
    page.goto(f"{base}/{PAGE}")
    if reading_s:
        page.mouse.move(200, 300)       # a reader's first movement starts the app in the background
        page.wait_for_timeout(reading_s * 1000)
    started = time.monotonic()
    app = start_app(page)
    expect(app.locator(".casebook-vignette .cb-begin").first).to_be_visible()
    return time.monotonic() - started, app


@contextlib.contextmanager
def busy(processes: int):
    """`processes` others spinning on the CPU, as on a machine doing other work."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def bench_lite(html: Path, runs: int, count: int, spinners: int) -> list[str]:
    recorder = OffHostRecorder()
    cold, warm, reading, floor_cold, floor_warm, click_times = [], [], [], [], [], []
    with tempfile.TemporaryDirectory() as folder, busy(spinners):
        served = Path(folder)
        for entry in html.resolve().iterdir():      # the book as built, beside the floor page
            (served / entry.name).symlink_to(entry)
        (served / "floor.html").write_text(FLOOR_HTML % json.dumps(PRELOAD), encoding="utf-8")
        with serve(served) as base, sync_playwright() as playwright:
            browser = launch(playwright, recorder)
            for run in range(runs):
                first, again = floor(browser, base)
                floor_cold.append(first)
                floor_warm.append(again)
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                seconds, _ = app_start(context, base)
                cold.append(seconds)
                seconds, app = app_start(context, base)
                warm.append(seconds)
                if run == 0:
                    click_times = clicks(app, count)
                context.close()
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                reading.append(app_start(context, base, READING_S)[0])
                context.close()
            browser.close()
    recorder.close()
    ratio = lambda a, b: statistics.median(a) / statistics.median(b)  # noqa: E731
    load = f" with {spinners} other processes spinning" if spinners else ""
    lines = [f"In-browser exercises{load}:",
             describe("  floor, cold: Pyodide start + the kernel's packages + import ipywidgets and casebook", floor_cold, "s"),
             describe("  floor, warm (cached)", floor_warm, "s"),
             describe("  the app, cold: click on Start the exercises to the first vignette ready", cold, "s")
             + f"; {ratio(cold, floor_cold):.2f} x the cold floor",
             describe("  the app, return visit (cached)", warm, "s") + f"; {ratio(warm, floor_warm):.2f} x the warm floor",
             describe(f"  the app, clicked after {READING_S} s on the page (fresh profile)", reading, "s"),
             describe("  click on a choice to its feedback shown, in the app", click_times)]
    if recorder.book_requests:
        lines.append(f"WARNING: requests to other hosts: {recorder.requests}")
    return lines


def bench_lab(count: int) -> list[str]:
    port = free_port()
    env = dict(os.environ, CASEBOOK_JOURNAL=str(Path(tempfile.mkdtemp()) / "journal.sqlite"),
               JUPYTER_CONFIG_DIR=tempfile.mkdtemp())
    jupyter = Path(sys.executable).parent / "jupyter"
    server = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
         "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class="
         "jupyterlab.NeverCheckForUpdate", f"--ServerApp.root_dir={ROOT}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/api/status", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    sys.exit("JupyterLab did not start: run `make lab` to see why.")
                time.sleep(0.2)
        recorder = OffHostRecorder()
        with sync_playwright() as playwright:
            browser = launch(playwright, recorder)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            started = time.monotonic()
            page.goto(f"{base}/lab/tree/notebooks/{NOTEBOOK}")
            wait_for_kernel(page)
            ready = time.monotonic() - started
            run_all(page)
            click_times = clicks(page, count)
            browser.close()
        recorder.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return [f"JupyterLab (local server) opening the exercise to a ready kernel: {ready:.1f} s (n=1)",
            describe("JupyterLab click on a choice to its feedback shown", click_times)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clicks", type=int, default=10)
    parser.add_argument("--busy", type=int, default=0, help="other processes spinning meanwhile")
    parser.add_argument("--no-lab", action="store_true", help="leave out JupyterLab")
    args = parser.parse_args()
    site = args.html / "lite"
    if not (site / "jupyter-lite.json").exists():
        sys.exit(f"No in-browser site at {site}: run `make book` first.")
    parts = [lambda: size_report(site), lambda: bench_lite(args.html, args.runs, args.clicks, args.busy)]
    if not args.no_lab:
        parts.append(lambda: bench_lab(args.clicks))
    for part in parts:
        for line in part():
            print(line, flush=True)


if __name__ == "__main__":
    main()
