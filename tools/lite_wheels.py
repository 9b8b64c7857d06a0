"""The Python wheels of the in-browser exercises, and the pyodide-lock.json that lists them.

The Pyodide runtime comes from the npm package `pyodide` (node_modules/pyodide), which holds only
the core: its pyodide-lock.json names ~350 packages that Pyodide normally downloads from a CDN.
The browser build needs a few of them (what the Pyodide kernel loads: micropip, ipython, jedi and
their dependencies) plus the course's own dependencies, so this module

  fetch: downloads pure-Python wheels of exactly the lock's versions from PyPI into a cache
         (setup time, like `npm ci`; run again after a version bump of pyodide or the kernel);
  lock:  writes a new pyodide-lock.json that lists only what is shipped, with these wheels'
         file names and sha256 (PyPI's wheels are built apart from Pyodide's, so their hashes
         differ from the original lock and Pyodide would refuse them), and adds the packages the
         lock lacks (ipywidgets, comm, ...) at the versions installed in .venv, so the browser
         runs the same widget code the course's tests run.

Nothing here reaches any host but PyPI, and only in `fetch`.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from casebook.bookpages import PACKAGED_TITLES, page_titles

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / ".lite-cache" / "wheels"

# What the Pyodide kernel itself loads when it starts (see initPackageManager/initKernel in
# @jupyterlite/pyodide-kernel's worker): the rest of what it needs follows from the lock.
KERNEL_NEEDS = ["micropip", "packaging", "ipython", "jedi", "comm"]
# Provided by the kernel's own shim wheels (jupyterlite-pyodide-kernel ships them), or only the
# classic Notebook's front end: never shipped from PyPI.
PROVIDED = {"widgetsnbextension", "ipykernel", "pyodide-kernel", "piplite"}
# Packages whose Pyodide build is compiled but which run correctly without their C part: we ship
# their pure-Python code (PyYAML falls back to its pure loader when `_yaml` is missing; that
# loader is the one the course uses, since it keeps line numbers).
PURE_FALLBACK = {"pyyaml"}
# The environment markers of the browser's Python, to read Requires-Dist lines for it.
PYODIDE_MARKERS = {
    "python_version": "3.14",
    "python_full_version": "3.14.0",
    "sys_platform": "emscripten",
    "platform_system": "Emscripten",
    "platform_machine": "wasm32",
    "os_name": "posix",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
    "extra": "",
}


class LiteBuildError(RuntimeError):
    """A problem building the in-browser exercises, said so that a person can fix it."""


def read_lock(pyodide_dir: Path = PYODIDE_NPM) -> dict:
    path = pyodide_dir / "pyodide-lock.json"
    if not path.exists():
        raise LiteBuildError(f"{path} is missing: run `make setup` (npm installs pyodide).")
    return json.loads(path.read_text())


def course_requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[Requirement]:
    project = tomllib.loads(pyproject.read_text())["project"]
    return [Requirement(r) for r in project["dependencies"]]


def _applies(req: Requirement) -> bool:
    return req.marker is None or req.marker.evaluate(PYODIDE_MARKERS)


def plan(lock: dict) -> dict[str, dict]:
    """Every package to ship, by canonical name: {"version", "from": "lock"|"venv", "depends"}."""
    packages = lock["packages"]
    wanted: dict[str, dict] = {}
    todo = [canonicalize_name(n) for n in KERNEL_NEEDS] + [
        canonicalize_name(r.name) for r in course_requirements() if _applies(r)
    ]
    while todo:
        name = todo.pop()
        if name in wanted or name in PROVIDED:
            continue
        if name in packages:
            entry = packages[name]
            depends = [canonicalize_name(d) for d in entry["depends"]]
            wanted[name] = {"version": entry["version"], "from": "lock", "depends": depends}
        else:
            try:
                dist = metadata.distribution(name)
            except metadata.PackageNotFoundError:
                raise LiteBuildError(
                    f"{name} is needed in the browser but is neither in Pyodide's lock nor "
                    f"installed in .venv: add it to requirements.txt."
                ) from None
            reqs = [Requirement(r) for r in (dist.requires or [])]
            depends = [canonicalize_name(r.name) for r in reqs if _applies(r)]
            depends = [d for d in depends if d not in PROVIDED]
            wanted[name] = {"version": dist.version, "from": "venv", "depends": depends}
        todo += wanted[name]["depends"]
    return wanted


def _pip_download(specs: list[str], *tag_args: str) -> None:
    if not specs:
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
           "--no-deps", "--only-binary=:all:", "--dest", str(CACHE), *tag_args, *specs]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        noise = "is ignored: it is neither"
        err = "\n".join(line for line in done.stderr.splitlines() if noise not in line)
        raise LiteBuildError(f"pip could not download {' '.join(specs)}:\n{err}")


def _find_wheel(name: str, version: str, pure_only: bool = True) -> Path | None:
    for whl in sorted(CACHE.glob("*.whl")):
        dist, ver = whl.name.split("-")[:2]
        if canonicalize_name(dist) == name and ver == version:
            if not pure_only or whl.name.endswith("-none-any.whl"):
                return whl
    return None


def fetch(lock: dict | None = None) -> list[Path]:
    """Download every wheel the plan needs that the cache does not have yet (PyPI only)."""
    wanted = plan(lock or read_lock())
    missing = [n for n, p in wanted.items() if _find_wheel(n, p["version"]) is None
               and n not in PURE_FALLBACK]
    # Pure wheels: any Python 3 and platform tag "any", so pip never picks a compiled one.
    _pip_download([f"{n}=={wanted[n]['version']}" for n in missing],
                  "--python-version", "3.14", "--implementation", "py", "--abi", "none",
                  "--platform", "any")
    for name in PURE_FALLBACK & wanted.keys():
        version = wanted[name]["version"]
        if _find_wheel(name, version) is None:
            # Any platform's wheel holds the same Python files; purify() drops the C part.
            _pip_download([f"{name}=={version}"], "--python-version", "3.12",
                          "--implementation", "cp", "--platform", "manylinux2014_x86_64")
            purify(_find_wheel(name, version, pure_only=False))
    return [_find_wheel(n, p["version"]) for n, p in wanted.items()]


def _record_line(arcname: str, data: bytes) -> list[str]:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return [arcname, f"sha256={digest}", str(len(data))]


def write_wheel(path: Path, files: dict[str, bytes], dist_info: str, metadata_text: str) -> Path:
    """Write a pure-Python wheel (py3-none-any) from {arcname: bytes}, with its RECORD."""
    files = dict(files)
    files[f"{dist_info}/METADATA"] = metadata_text.encode()
    files[f"{dist_info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: casebook-lite\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    ).encode()
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for arcname in sorted(files):
        writer.writerow(_record_line(arcname, files[arcname]))
    writer.writerow([f"{dist_info}/RECORD", "", ""])
    files[f"{dist_info}/RECORD"] = record.getvalue().encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Fixed timestamps: the same inputs give the same wheel, hence the same sha256 in the lock.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for arcname in sorted(files):
            zf.writestr(zipfile.ZipInfo(arcname, (1980, 1, 1, 0, 0, 0)), files[arcname])
    return path


def purify(compiled: Path) -> Path:
    """Repack a compiled wheel's Python files as py3-none-any (see PURE_FALLBACK)."""
    dist, version = compiled.name.split("-")[:2]
    files: dict[str, bytes] = {}
    meta = ""
    with zipfile.ZipFile(compiled) as zf:
        for arcname in zf.namelist():
            if arcname.endswith((".so", ".pyd")) or "/RECORD" in arcname or "/WHEEL" in arcname:
                continue
            if arcname.endswith(".dist-info/METADATA"):
                meta = zf.read(arcname).decode()
                continue
            files[arcname] = zf.read(arcname)
    dist_info = next(a.split("/")[0] for a in files if ".dist-info/" in a) if any(
        ".dist-info/" in a for a in files) else f"{dist}-{version}.dist-info"
    out = compiled.with_name(f"{dist}-{version}-py3-none-any.whl")
    write_wheel(out, files, dist_info, meta)
    compiled.unlink()
    return out


def course_wheel(dest: Path, root: Path = ROOT) -> Path:
    """The course's engine as a wheel, built from the working copy (no build backend needed:
    it is one pure package plus its YAML data, as pyproject.toml declares)."""
    project = tomllib.loads((root / "pyproject.toml").read_text())
    meta = project["project"]
    name, version = meta["name"], meta["version"]
    patterns = ["*.py", *project["tool"]["setuptools"]["package-data"].get(name, [])]
    files = {}
    pkg = root / name
    for pattern in patterns:
        for f in sorted(pkg.rglob(pattern) if pattern == "*.py" else pkg.glob(pattern)):
            if "__pycache__" not in f.parts:
                files[f.relative_to(root).as_posix()] = f.read_bytes()
    # In the browser the book's sources are not beside the exercises: pack the page titles in,
    # so that links to the chapters name them (casebook/bookpages.py).
    files[f"{name}/{PACKAGED_TITLES.name}"] = json.dumps(page_titles(root), indent=1).encode()
    requires = "".join(f"Requires-Dist: {r}\n" for r in meta["dependencies"])
    metadata_text = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n{requires}"
    dist_info = f"{name}-{version}.dist-info"
    files[f"{dist_info}/top_level.txt"] = f"{name}\n".encode()
    return write_wheel(dest / f"{name}-{version}-py3-none-any.whl", files, dist_info, metadata_text)


def _imports(whl: Path) -> list[str]:
    with zipfile.ZipFile(whl) as zf:
        names = zf.namelist()
        top = [n for n in names if n.endswith(".dist-info/top_level.txt")]
        if top:
            return [m for m in zf.read(top[0]).decode().split() if m and not m.startswith("_")]
    found = {n.split("/")[0].removesuffix(".py") for n in names
             if not n.split("/")[0].endswith((".dist-info", ".data"))}
    return sorted(m for m in found if not m.startswith("_"))


def _entry(name: str, version: str, whl: Path, depends: list[str]) -> dict:
    return {
        "name": name, "version": version, "file_name": whl.name,
        "install_dir": "site", "package_type": "package", "imports": _imports(whl),
        "depends": depends, "sha256": hashlib.sha256(whl.read_bytes()).hexdigest(),
        "unvendored_tests": False,
    }


def write_lock(dest: Path, lock: dict | None = None, extra: Path | None = None) -> list[str]:
    """Copy the shipped wheels into dest (the site's static/pyodide) and write its
    pyodide-lock.json listing only them. `extra` is the course's own wheel. Returns the names."""
    lock = lock or read_lock()
    wanted = plan(lock)
    packages: dict[str, dict] = {}
    for name, p in wanted.items():
        whl = _find_wheel(name, p["version"])
        if whl is None:
            raise LiteBuildError(
                f"the wheel for {name}=={p['version']} is not in {CACHE}: run `make setup`."
            )
        (dest / whl.name).write_bytes(whl.read_bytes())
        packages[name] = _entry(name, p["version"], dest / whl.name, p["depends"])
    if extra is not None:
        name, version = extra.name.split("-")[:2]
        reqs = [Requirement(r) for r in _requires(extra)]
        depends = [canonicalize_name(r.name) for r in reqs if _applies(r)]
        packages[canonicalize_name(name)] = _entry(name, version, extra, depends)
    new = {"info": lock["info"], "packages": dict(sorted(packages.items()))}
    (dest / "pyodide-lock.json").write_text(json.dumps(new, indent=1) + "\n")
    return sorted(packages)


def _requires(whl: Path) -> list[str]:
    with zipfile.ZipFile(whl) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        return [line.split(":", 1)[1].strip() for line in zf.read(meta).decode().splitlines()
                if line.startswith("Requires-Dist:")]


if __name__ == "__main__":
    # `python tools/lite_wheels.py fetch`: what `make setup` runs.
    if sys.argv[1:] != ["fetch"]:
        sys.exit("usage: python tools/lite_wheels.py fetch")
    try:
        got = fetch()
    except LiteBuildError as err:
        sys.exit(f"error: {err}")
    print(f"{len(got)} wheels for the in-browser exercises are in {CACHE.relative_to(ROOT)}/")
