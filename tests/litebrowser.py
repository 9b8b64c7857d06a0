"""A real browser on the built book, cut off from every other host (for the in-browser exercises).

serve(folder)       the folder over HTTP on 127.0.0.1 (a service worker, which JupyterLite's
                    drive needs, only runs on http://127.0.0.1/localhost or https); some files
                    can be sent late, as a busy server would
OffHostRecorder     a proxy on 127.0.0.1 that Chromium sends every request for another host to:
                    it records the host and refuses. Requests from pages, workers and service
                    workers all pass through the browser's network stack, so none escapes it.
launch(...)         Debian's Chromium, headless, configured with the recorder as its proxy.
console_of          the console messages of a page, to show why a kernel lacks its drive
start_app           "Start the exercises" on a book page, until the page says they are ready
wait_for_kernel, run_all, play_to_ending
                    what a reader does in a JupyterLite notebook (the test and bench/bench_lite.py)
"""
from __future__ import annotations

import contextlib
import http.server
import shutil
import socket
import socketserver
import threading
import time
from pathlib import Path

from playwright.sync_api import expect

from browser import GzipServer   # tools/static_server.py (browser puts tools/ on the path)

KERNEL_READY_MS = 120_000     # a cold start is ~10 s here; generous for a loaded CI machine
CELLS_RUN_MS = 120_000


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".json": "application/json"}
    slow: dict[str, float] = {}

    def do_GET(self):
        name = self.path.split("?")[0].rsplit("/", 1)[-1]
        time.sleep(self.slow.get(name, 0))
        super().do_GET()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path, slow: dict[str, float] | None = None):
    """Yield the base URL of `folder` served on loopback. `slow` names files to send only after
    so many seconds, as a busy or distant server would."""
    server = GzipServer(folder, handler=type("Handler", (_QuietHandler,), {"slow": slow or {}}))
    try:
        yield server.origin
    finally:
        server.stop()


# Chromium's own background services (component and model updates) that a long-lived headless
# browser may still try despite the flags in launch(): seen once in a fresh-clone run as
# "CONNECT redirector.gvt1.com:443" from the browser process, not from any page. They are refused
# like everything else; they are not the book's requests, so the assertion leaves them out.
BROWSER_OWN_HOSTS = ("redirector.gvt1.com", "update.googleapis.com", "clients2.google.com",
                     "optimizationguide-pa.googleapis.com", "edgedl.me.gvt1.com")


class OffHostRecorder(socketserver.ThreadingTCPServer):
    """An HTTP proxy that answers every request with 403 and keeps what was asked for."""
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.requests: list[str] = []
        super().__init__(("127.0.0.1", 0), self._Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def book_requests(self) -> list[str]:
        """The requests to other hosts that a page could have made: all but Chromium's own services."""
        return [r for r in self.requests if not any(f" {host}:" in r or f"//{host}/" in r for host in BROWSER_OWN_HOSTS)]

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    class _Handler(socketserver.StreamRequestHandler):
        def handle(self):
            line = self.rfile.readline(65536).decode("latin-1").strip()
            if line:
                # "GET http://host/path HTTP/1.1" or "CONNECT host:443 HTTP/1.1"
                self.server.requests.append(" ".join(line.split(" ")[:2]))
            with contextlib.suppress(OSError):
                self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n"
                                 b"Connection: close\r\n\r\n")

    def close(self):
        self.shutdown()
        self.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright, recorder: OffHostRecorder):
    """Headless Chromium whose only way out is the recorder; loopback goes direct."""
    return playwright.chromium.launch(
        executable_path=chromium_path(),
        headless=True,
        args=[
            f"--proxy-server=http://{recorder.address}",
            # Loopback stays direct (Chromium's default); everything else meets the recorder.
            "--proxy-bypass-list=127.0.0.1",
            # Without these, Chromium itself calls Google (component updates, sign-in, network
            # time, autofill, field trials): traffic that is not the book's. Its service URLs are
            # pointed at a closed loopback port (9, "discard") so nothing of its own goes out.
            "--disable-background-networking",
            "--disable-component-update",
            "--component-updater=url-source=http://127.0.0.1:9/",
            "--gaia-url=http://127.0.0.1:9",
            "--lso-url=http://127.0.0.1:9",
            "--google-apis-url=http://127.0.0.1:9",
            "--variations-server-url=http://127.0.0.1:9",
            "--disable-field-trial-config",
            "--disable-extensions",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-domain-reliability",
            "--disable-client-side-phishing-detection",
            "--disable-features=NetworkTimeServiceQuerying,AutofillServerCommunication,"
            "OptimizationHints,OptimizationHintsFetching,OptimizationGuideModelDownloading,"
            "OptimizationTargetPrediction,MediaRouter,Translate",
            "--no-pings",
            "--no-first-run",
            "--no-default-browser-check",
        ],
    )


def start_app(page, key: str | None = None):
    """Press "Start the exercises" on an exercise page of the book (with `key` on the focused button,
    or a click), wait until the page says the exercises are ready and shows them; the app's frame."""
    from casebook.strings import t
    button = page.get_by_role("button", name=t("lite.start_label"))
    if key:
        button.focus()
        page.keyboard.press(key)
    else:
        button.click()
    status = page.locator(".cb-lite-status")
    expect(status).to_have_text(t("lite.progress.ready"), timeout=KERNEL_READY_MS + CELLS_RUN_MS)
    frame = page.locator("iframe.cb-lite-frame")
    expect(frame).to_be_visible()
    return InApp(page, frame.element_handle().content_frame())


class InApp:
    """The app's frame, usable where a page is expected (tests/kindplay.py): locators and questions
    go to the frame, keys to the page, which sends them to whatever has the focus in the frame."""

    def __init__(self, page, frame):
        self.page, self.frame, self.keyboard = page, frame, page.keyboard

    def locator(self, *args, **kwargs):
        return self.frame.locator(*args, **kwargs)

    def evaluate(self, *args, **kwargs):
        return self.frame.evaluate(*args, **kwargs)

    def get_by_role(self, *args, **kwargs):
        return self.frame.get_by_role(*args, **kwargs)

    def __getattr__(self, name):   # downloads, screenshots, waiting: the page's
        return getattr(self.page, name)


def wait_for_kernel(page) -> None:
    """Wait until the notebook's kernel is ready. Its indicator reads "idle" before any kernel
    exists, then "connecting"/"unknown" while Pyodide loads, then "idle" again: ready is the
    idle that follows a state that was not idle."""
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=KERNEL_READY_MS)
    page.wait_for_function(
        """() => {
            const e = document.querySelector('.jp-Notebook-ExecutionIndicator');
            const status = e && e.getAttribute('data-status');
            if (status && status !== 'idle') window.__cbKernelStarting = true;
            return window.__cbKernelStarting === true && status === 'idle';
        }""", polling=50, timeout=KERNEL_READY_MS)


# What the Pyodide kernel logs when it starts without JupyterLite's drive, where the journal lives
# (tools/lite_patches.py makes it wait for the drive; this shows whether it did).
NO_DRIVE = "Pyodide contents will NOT be synced"


def console_of(page, messages: list[str] | None = None) -> list[str]:
    """Every console message of `page` from now on, as "type: text",
    appended to `messages` (a new list if none is given)."""
    messages = [] if messages is None else messages
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    return messages


def run_all(page) -> None:
    """Run › Run All Cells, then wait until every code cell has run (the kernel runs one cell
    at a time and answers clicks only after the last one)."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # Run All stops at a cell that raises, leaving the rest unrun: stop waiting at an error too,
    # so the test says what went wrong instead of timing out.
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
            const failed = document.querySelector(
                ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']");
            return failed || (prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent)));
        }""", timeout=CELLS_RUN_MS)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.first.inner_text()


def play_to_ending(player) -> list[str]:
    """Begin, then always take the first choice, until the reflection boxes show. Each click
    waits for the kernel's answer (the feedback, or the next scene) before the next one."""
    player.locator(".cb-begin").click()
    continue_button = player.locator(".cb-continue")
    reflection = player.locator(".cb-reflection textarea").first
    # The kernel's answer to Begin comes as several widget updates; the reflection boxes can
    # show for a moment before their own update hides them. Start once the scene is settled.
    expect(player.locator(".cb-choice:visible").first).to_be_visible()
    expect(reflection).to_be_hidden()
    something = player.locator(".cb-reflection textarea:visible, .cb-continue:visible, "
                                ".cb-choice:visible").first
    taken = []
    for _ in range(40):
        first_choice = player.locator(".cb-choice:visible").first
        expect(something).to_be_visible()
        if reflection.is_visible():
            return taken
        if continue_button.is_visible():
            continue_button.click()
            expect(continue_button).to_be_hidden()
        else:
            taken.append(first_choice.inner_text())
            first_choice.click()
            expect(player.locator(".cb-feedback-box")).to_be_visible()
    raise AssertionError(f"no ending after {len(taken)} choices: {taken}")
