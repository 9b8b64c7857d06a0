"""Shared helpers for the real-browser tests: Debian's Chromium driven by playwright.

chromium(playwright)   Chromium, headless, no sandbox, no background traffic, and a dead proxy for
                       every host but loopback, so nothing can reach the network even by mistake.
StaticServer(folder)   a folder served on 127.0.0.1 at a free port, as `python -m http.server` does.
OffHost                blocks and records every request for another origin, per browser context.
PageLog                what one page complained about: console errors, uncaught exceptions,
                       failed requests and HTTP errors.
axe_violations(page)   axe-core (from node_modules, pinned in package.json) run inside the page.

Every process and thread these helpers start is stopped by the caller's `finally` (fixtures).
"""
from __future__ import annotations

import contextlib
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from static_server import GzipServer  # noqa: E402
ARTIFACTS = ROOT / "test-artifacts"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# A closed port on loopback as proxy: Chromium sends every non-loopback request there, where it
# fails. Loopback itself bypasses the proxy (Chromium's implicit rule), so the local server works.
DEAD_PROXY = "http://127.0.0.1:9"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    f"--proxy-server={DEAD_PROXY}",
]
# Schemes that never touch the network.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-extension", "devtools"}
TIMEOUT_MS = 30_000


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("The browser tests need Debian's chromium on PATH: `apt-get install chromium` "
                    "(.ci/run does this). Playwright's own browser download is not used.")
    return path


@contextlib.contextmanager
def chromium():
    """Yield a headless Chromium browser; playwright and the browser are stopped afterwards."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                             args=CHROMIUM_ARGS, timeout=60_000)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


class StaticServer(GzipServer):
    """Serve `folder` on 127.0.0.1 at a free port, as `python -m http.server` does (nothing
    compressed), in a thread; stop() shuts it down."""

    def __init__(self, folder: Path):
        super().__init__(folder, compress=False)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme == "file":
        return "file://"
    return f"{parts.scheme}://{parts.netloc}"


class OffHost:
    """Route every request of a browser context: the allowed origins pass, anything else is
    aborted and kept in `.requests` (so a test can fail on it and name it)."""

    def __init__(self, context, allowed_origins: list[str]):
        self.allowed = set(allowed_origins)
        self.requests: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if urlsplit(url).scheme in LOCAL_SCHEMES or origin_of(url) in self.allowed:
            route.continue_()
        else:
            self.requests.append(url)
            route.abort("blockedbyclient")

    def take(self) -> list[str]:
        """The off-host requests recorded since the last call."""
        taken, self.requests = self.requests, []
        return taken


class PageLog:
    """Console errors, uncaught exceptions, failed requests and HTTP errors of one page."""

    def __init__(self, page):
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"uncaught exception: {exc}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.problems.append(f"console error: {message.text} ({where})")

    def _failed(self, request):
        failure = request.failure or ""
        if "ERR_BLOCKED_BY_CLIENT" not in failure:      # off-host: reported by OffHost instead
            self.problems.append(f"request failed: {request.url} ({failure})")

    def _response(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """Run axe-core in the page: WCAG 2.0/2.1 A and AA rules, or only `rules`.
    Returns one line per failing element: rule, impact, element and what is wrong."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci --ignore-scripts` (make test does).")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    run_only = ({"type": "rule", "values": rules} if rules
                else {"type": "tag", "values": WCAG_TAGS})
    found = page.evaluate(
        """async (runOnly) => {
            const result = await axe.run(document, {runOnly, resultTypes: ["violations"]});
            return result.violations.flatMap(v => v.nodes.map(n =>
                `${v.id} (${v.impact}): ${v.help}; element ${n.target.join(" ")}; `
                + n.failureSummary.replace(/\\s+/g, " ")));
        }""", run_only)
    return found


def save_screenshot(page, name: str, **options) -> Path:
    """Save a screenshot in test-artifacts/ (gitignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), **options)
    return path
