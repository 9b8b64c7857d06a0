"""Skip a build step whose inputs have not changed since its output was made.

    from buildstamp import digest, is_current, record, clear

    key = digest([ROOT / "notebooks", ROOT / "casebook", ROOT / "pyproject.toml"], extra=[version])
    if not is_current(output, key):
        clear(output)            # a step that fails half-way must not look finished
        ...build output...
        record(output, key)

The digest hashes the inputs' contents (not their times, which a checkout, a copy or `touch`
changes without changing anything), with each file's path, so a file added, removed or renamed
counts as a change too. A stamp file holds the digest the output was built from; the output is
current while it exists and the stamp matches. By default the stamp sits beside the output
(<folder>/.<name>.buildstamp), so that replacing an output folder leaves the stamp alone.
"""
from __future__ import annotations

import fnmatch
import hashlib
import os
from pathlib import Path
from typing import Iterable, Sequence, Union

# Left out of a folder's digest: caches that Python and Jupyter write beside the sources.
IGNORE = ("__pycache__", "*.pyc", ".ipynb_checkpoints", ".pytest_cache")

Outputs = Union[Path, Sequence[Path]]


def digest(inputs: Iterable[Path], *, extra: Iterable[str] = (), ignore: Sequence[str] = IGNORE) -> str:
    """A hex digest of the inputs: files, and folders walked in sorted order (symlinks to folders
    are not followed). A missing input counts as missing, so its appearing is a change. `extra`
    adds strings that are no file's content (a package version, a setting)."""
    h = hashlib.sha256()
    for text in extra:
        _field(h, b"extra", str(text).encode())
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            _field(h, b"dir", str(path).encode())
            for file in _files(path, ignore):
                _field(h, b"file", file.relative_to(path).as_posix().encode())
                _field(h, b"data", file.read_bytes())
        elif path.is_file():
            _field(h, b"file", str(path).encode())
            _field(h, b"data", path.read_bytes())
        else:
            _field(h, b"missing", str(path).encode())
    return h.hexdigest()


def _field(h, tag: bytes, data: bytes) -> None:
    # Length-prefixed, so that no two different sets of inputs can give the same byte stream.
    h.update(tag + b":" + str(len(data)).encode() + b":" + data)


def _ignored(name: str, ignore: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in ignore)


def _files(folder: Path, ignore: Sequence[str]) -> list[Path]:
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _ignored(d, ignore))
        found += [Path(top, f) for f in sorted(files) if not _ignored(f, ignore)]
    return found


def _outputs(output: Outputs) -> list[Path]:
    return [Path(output)] if isinstance(output, (str, os.PathLike)) else [Path(p) for p in output]


def stamp_path(output: Outputs) -> Path:
    """Where the stamp of `output` (or of a list of outputs: its first) is kept by default."""
    first = _outputs(output)[0]
    return first.parent / f".{first.name}.buildstamp"


def is_current(output: Outputs, key: str, stamp: Path | None = None) -> bool:
    """True when every output exists and its stamp says it was built from `key`."""
    stamp = Path(stamp) if stamp else stamp_path(output)
    if not all(p.exists() for p in _outputs(output)):
        return False
    try:
        return stamp.read_text(encoding="utf-8").strip() == key
    except OSError:
        return False


def record(output: Outputs, key: str, stamp: Path | None = None) -> None:
    """Note that `output` was just built from `key` (call it after the build succeeded)."""
    stamp = Path(stamp) if stamp else stamp_path(output)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(key + "\n", encoding="utf-8")


def clear(output: Outputs, stamp: Path | None = None) -> None:
    """Forget the stamp (before rebuilding), so that an output left half-built is never current."""
    (Path(stamp) if stamp else stamp_path(output)).unlink(missing_ok=True)
