"""How light the book's pages are: Lighthouse on a chapter page and an exercise page.

    .venv/bin/python bench/bench_pages.py [--html _build/html] [--runs 3] [--show-resources]

The built book is served on 127.0.0.1 with gzip, as a real static host serves it
(tools/static_server.py); Lighthouse 12.2.3 (npm, pinned in package.json) drives Debian's chromium
with its default mobile profile (simulated slow 4G and a slowed CPU). For each page it reports the
median over the runs of: the performance and accessibility scores (0-100), the bytes transferred
(what Lighthouse calls the total byte weight: compressed where the server compressed) and the
uncompressed weight of everything the page loaded. A benchmark, not a test: it asserts nothing.
Each run starts a fresh browser profile, so nothing comes from the cache.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from static_server import GzipServer  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
# A typical module chapter and the module's exercise page (made from notebooks/01-resistance.ipynb).
PAGES = {"chapter": "book/resistance/index.html", "exercise": "notebooks/01-resistance.html"}


def lighthouse(url: str, out: Path) -> dict:
    chrome = shutil.which("chromium")
    if chrome is None:
        raise SystemExit("Lighthouse needs Debian's chromium on PATH (apt-get install chromium).")
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"Lighthouse is missing ({LIGHTHOUSE}): run `make setup` (npm ci).")
    cmd = ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
           "--only-categories=performance,accessibility",
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    env = dict(os.environ, CHROME_PATH=chrome)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not out.is_file():
        raise SystemExit(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def figures(report: dict) -> dict:
    """The four figures of one run, and what the page loaded (for --show-resources)."""
    if report.get("runtimeError"):
        raise SystemExit(f"Lighthouse: {report['runtimeError']}")
    cats, audits = report["categories"], report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        "performance": round(100 * (cats["performance"]["score"] or 0)),
        "accessibility": round(100 * (cats["accessibility"]["score"] or 0)),
        "transferred": audits["total-byte-weight"]["numericValue"],
        "uncompressed": sum(r.get("resourceSize") or 0 for r in requests),
        "resources": [(r.get("resourceType", ""), r["url"], r.get("transferSize") or 0,
                       r.get("resourceSize") or 0) for r in requests],
        "failed": [a["title"] for a in audits.values()
                   if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0
                   and a["id"] in {r["id"] for r in cats["accessibility"]["auditRefs"]}],
    }


def kb(n: float) -> str:
    return f"{n / 1000:,.0f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-gzip", action="store_true",
                        help="serve uncompressed, as `python -m http.server` does (for comparison)")
    parser.add_argument("--show-resources", action="store_true",
                        help="list what each page loaded (from the last run)")
    args = parser.parse_args()
    missing = [p for p in PAGES.values() if not (args.html / p).is_file()]
    if missing:
        raise SystemExit(f"Not built in {args.html}: {missing}. Run `make book` first.")

    server = GzipServer(args.html, compress=not args.no_gzip)
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
            for kind, page in PAGES.items():
                runs = []
                for i in range(args.runs):
                    runs.append(figures(lighthouse(f"{server.origin}/{page}", Path(tmp) / f"{kind}-{i}.json")))
                    print(f"  {kind} run {i + 1}: performance {runs[-1]['performance']}, "
                          f"accessibility {runs[-1]['accessibility']}, "
                          f"{kb(runs[-1]['transferred'])} transferred", file=sys.stderr)
                rows.append((kind, page, runs))
    finally:
        server.stop()

    load = os.getloadavg()
    print(f"\nLighthouse 12.2.3, mobile profile, Debian chromium, served on loopback "
          f"{'without compression' if args.no_gzip else 'with gzip'}; "
          f"median of {args.runs} runs (load average at the end {load[0]:.1f} / {load[1]:.1f} on "
          f"{os.cpu_count()} cores)\n")
    print("| page | performance | accessibility | transferred | uncompressed |")
    print("|---|---|---|---|---|")
    for kind, page, runs in rows:
        med = {k: statistics.median(r[k] for r in runs)
               for k in ("performance", "accessibility", "transferred", "uncompressed")}
        spread = sorted(r["performance"] for r in runs)
        print(f"| {kind} (`{page}`) | {med['performance']:.0f} ({spread[0]}-{spread[-1]}) "
              f"| {med['accessibility']:.0f} | {kb(med['transferred'])} | {kb(med['uncompressed'])} |")
    for kind, page, runs in rows:
        failed = sorted({title for r in runs for title in r["failed"]})
        if failed:
            print(f"\n{kind}: accessibility audits that failed: " + "; ".join(failed))
        if args.show_resources:
            print(f"\n{kind} ({page}) loaded (type, transferred, uncompressed):")
            for rtype, url, sent, size in sorted(runs[-1]["resources"], key=lambda r: -r[3]):
                print(f"  {rtype:<11} {kb(sent):>9} {kb(size):>9}  {url.split('/', 3)[-1]}")


if __name__ == "__main__":
    main()
