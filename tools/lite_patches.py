"""One repair to the built JupyterLite site: the kernel waits for the drive before deciding on it.

The Pyodide kernel mounts JupyterLite's drive at /drive (where the journal is kept) only if,
at the moment the kernel is created, the service worker that carries the drive's requests is
registered. The page registers it without waiting, so the two race. In
@jupyterlite/pyodide-kernel-extension 0.8.6 (unchanged in 0.8.7 and 0.9.0a1), lib/index.js:

    const mountDrive = !!(serviceWorkerManager?.enabled || crossOriginIsolated);

Measured here (2 busy cores, the book's own flow: first visit, file list, then the notebook
again in a new tab): the returning kernel lost the race in 2 of 5 runs and started without
/drive ("Pyodide contents will NOT be synced" in the console, before "ServiceWorker was
already registered"), so the reader's journal could not be opened. Returning is the slow case:
the page first unregisters the old service worker and registers it again.

The repair makes the kernel wait until the service worker is registered and active (or has
failed, or 20 s have passed) and only then read `enabled`. Where the browser has no service
workers at all (some private windows), or refuses them to this site, nothing waits, and the
journal's own message explains. The 20 s are waited in full only when JupyterLite's own service
worker setup broke off (it then never says it is done), e.g. when the site may not keep data;
the kernel then starts without the drive, as it would have at once.

The file keeps its name (a hash of its original content). A browser that cached the unrepaired
file from an earlier publication of the same site keeps that copy until its cache expires; every
build of this course carries the repair, so only a site first published without it is affected.

It edits one minified file of the built site, so it is strict: the expression must be found
exactly once, or the build stops and says so (a JupyterLite upgrade that renamed or fixed it).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lite_wheels import LiteBuildError  # noqa: E402

EXTENSION = Path("extensions/@jupyterlite/pyodide-kernel-extension/static")

# The minified form of the line above: `l=!!((null==i?void 0:i.enabled)||crossOriginIsolated)`,
# with whatever names the minifier chose.
DECISION = re.compile(
    r"(?P<flag>[\w$]+)=!!\(\(null==(?P<sw>[\w$]+)\?void 0:(?P=sw)\.enabled\)\|\|crossOriginIsolated\)")

# Cross-origin isolated pages mount the drive anyway: no wait. Otherwise wait for the registration
# the manager made and for an active worker, at most TIMEOUT_MS; a failed registration rejects at
# once (and then `enabled` is false, as before). Reading navigator.serviceWorker can itself throw
# (Firefox, when the site may not keep data): then nothing waits, and the kernel starts without
# the drive as it always did, rather than not at all.
TIMEOUT_MS = 20_000
WAIT = ("{flag}=crossOriginIsolated||!!(await(async()=>{{try{{{sw}&&navigator.serviceWorker&&"
        "await Promise.race([Promise.all([{sw}.ready,navigator.serviceWorker.ready]).catch(()=>0),"
        "new Promise(r=>setTimeout(r,%d))])}}catch(e){{}}}})(),null=={sw}?void 0:{sw}.enabled)"
        % TIMEOUT_MS)

MARK = "navigator.serviceWorker.ready]).catch(()=>0)"   # present once the repair is in


def wait_for_drive(site: Path) -> Path:
    """Apply the repair to the built site at `site`; return the file it changed."""
    folder = site / EXTENSION
    found = []
    for path in sorted(folder.glob("*.js")):
        text = path.read_text(encoding="utf-8")
        if MARK in text:
            return path                      # already repaired (a rebuild into the same place)
        matches = list(DECISION.finditer(text))
        if matches:
            found.append((path, text, matches))
    if len(found) != 1 or len(found[0][2]) != 1:
        where = ", ".join(f"{p.name} ({len(m)}x)" for p, _, m in found) or "no file"
        raise LiteBuildError(
            f"the Pyodide kernel's drive decision was found in {where} under {folder}, expected "
            f"exactly once: JupyterLite changed. Check whether it now waits for its service "
            f"worker before mounting /drive; then update or remove tools/lite_patches.py.")
    [(path, text, [match])] = found
    path.write_text(text[:match.start()] + WAIT.format(**match.groupdict()) + text[match.end():],
                    encoding="utf-8")
    return path


def is_repaired(site: Path) -> bool:
    return any(MARK in p.read_text(encoding="utf-8") for p in (site / EXTENSION).glob("*.js"))
