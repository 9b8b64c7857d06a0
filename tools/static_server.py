"""Serve a folder on 127.0.0.1 as a real static host does: text compressed with gzip.

    .venv/bin/python tools/static_server.py [--port 8000] [FOLDER]     (FOLDER: _build/html)

`make serve` runs it; bench/bench_pages.py measures pages served by it; the browser tests use it
uncompressed (compress=False), as `python -m http.server` serves.

`python -m http.server` sends every file uncompressed, which no real host does: measured on it, a
page's weight and Lighthouse's performance score say more about the server than about the book.
Here a text file (HTML, CSS, JavaScript, JSON, SVG, ...) is sent gzip-compressed when the request
accepts gzip; anything else, and every request that does not accept gzip, is served as
http.server serves it. Compressed bodies are kept in memory by path and modification time.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Images such as PNG and fonts such as woff2 are compressed already.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml", "application/wasm")
_cache: dict[tuple[str, float], bytes] = {}
_cache_lock = threading.Lock()


def _compressed(path: str) -> bytes:
    key = (path, os.stat(path).st_mtime)
    with _cache_lock:
        body = _cache.get(key)
    if body is None:
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        with _cache_lock:
            _cache[key] = body
    return body


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """http.server's handler, with gzip for text when the browser accepts it."""

    def log_message(self, *args):          # no line per request
        pass

    def _wants_gzip(self) -> bool:
        return "gzip" in self.headers.get("Accept-Encoding", "")

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if not self.path.split("?", 1)[0].endswith("/") or not os.path.isfile(index):
                return super().send_head()      # redirects and listings as http.server does
            path = index
        ctype = self.guess_type(path)
        if (not os.path.isfile(path) or not self._wants_gzip()
                or not ctype.startswith(COMPRESSIBLE)):
            return super().send_head()
        body = _compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(os.stat(path).st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


class _PlainHandler(http.server.SimpleHTTPRequestHandler):
    """`python -m http.server` as it is: nothing compressed (for comparison)."""

    def log_message(self, *args):
        pass


class GzipServer:
    """`folder` served on 127.0.0.1 (port 0: a free one) in a thread; stop() shuts it down.
    compress=False serves as `python -m http.server` does, for comparison; `handler` (a
    SimpleHTTPRequestHandler of the caller's, such as a test's slow one) replaces either."""

    def __init__(self, folder: Path, port: int = 0, compress: bool = True, handler=None):
        handler = functools.partial(handler or (GzipHandler if compress else _PlainHandler),
                                    directory=str(folder))
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    if not (args.folder / "index.html").is_file():
        raise SystemExit(f"No book in {args.folder}: run `make book` first.")
    server = GzipServer(args.folder, args.port)
    print(f"Serving {args.folder} on {server.origin}/ (gzip for text). Ctrl+C stops.")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
