"""Speed of the exercises in the reader's browser (JupyterLite + Pyodide), beside JupyterLab.

    .venv/bin/python bench/bench_lite.py [--html _build/html] [--runs 5] [--clicks 10]

Measures, with the built book served on loopback and headless Chromium cut off from other hosts:
  - the size of the in-browser site (_build/html/lite), and of its parts;
  - cold start: from opening module 1's exercise in a fresh browser profile (nothing cached) to a
    ready kernel (the notebook's kernel indicator idle), and a warm start (cached, reopened);
  - click to feedback: from a click on a vignette choice to its feedback shown, timed in the page;
  - the same click in JupyterLab (the course's .venv, a local server) on the same machine.
Reports medians (and the spread); a benchmark, not a test: it asserts nothing about speed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from litebrowser import (OffHostRecorder, free_port, launch, run_all, serve,  # noqa: E402
                         wait_for_kernel)

NOTEBOOK = "01-resistance.ipynb"

# Click the first visible choice of the first player; resolve when its feedback shows.
CLICK_JS = """async () => {
  const root = document.querySelectorAll('.casebook-player')[0];
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
  const root = document.querySelectorAll('.casebook-player')[0];
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
    page.locator(".casebook-player .cb-begin").first.click()
    page.locator(".casebook-player").first.locator(".cb-choice:visible").first.wait_for()
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


def bench_lite(html: Path, runs: int, count: int) -> list[str]:
    recorder = OffHostRecorder()
    cold, warm, click_times = [], [], []
    with serve(html) as base, sync_playwright() as playwright:
        browser = launch(playwright, recorder)
        url = f"{base}/lite/notebooks/index.html?path={NOTEBOOK}"
        for run in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            started = time.monotonic()
            page.goto(url)
            wait_for_kernel(page)
            cold.append(time.monotonic() - started)
            started = time.monotonic()
            page.reload()
            wait_for_kernel(page)
            warm.append(time.monotonic() - started)
            if run == 0:
                run_all(page)
                click_times = clicks(page, count)
            context.close()
        browser.close()
    recorder.close()
    lines = [describe("JupyterLite cold start, opening the exercise to a ready kernel", cold, "s"),
             describe("JupyterLite warm start (reload, files cached)", warm, "s"),
             describe("JupyterLite click on a choice to its feedback shown", click_times)]
    if recorder.requests:
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
    args = parser.parse_args()
    site = args.html / "lite"
    if not (site / "jupyter-lite.json").exists():
        sys.exit(f"No in-browser site at {site}: run `make book` first.")
    for part in (lambda: size_report(site), lambda: bench_lite(args.html, args.runs, args.clicks),
                 lambda: bench_lab(args.clicks)):
        for line in part():
            print(line, flush=True)


if __name__ == "__main__":
    main()
