"""The repair that makes the in-browser kernel wait for its drive (tools/lite_patches.py), tried on
the JupyterLite extension installed in this environment, not on a copy of its text."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bookbuild import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from lite_patches import EXTENSION, MARK, is_repaired, wait_for_drive  # noqa: E402
from lite_wheels import LiteBuildError  # noqa: E402

INSTALLED = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / Path(*EXTENSION.parts[1:])


@pytest.fixture
def site(tmp_path):
    """A site folder holding the installed kernel extension's scripts, as the build lays it out."""
    assert INSTALLED.is_dir(), f"jupyterlite-pyodide-kernel is not installed: no {INSTALLED}"
    shutil.copytree(INSTALLED, tmp_path / EXTENSION, ignore=shutil.ignore_patterns("*.map"))
    return tmp_path


def test_the_kernel_waits_for_the_service_worker_and_the_script_still_parses(site):
    assert not is_repaired(site)
    changed = wait_for_drive(site)
    text = changed.read_text(encoding="utf-8")
    assert text.count(MARK) == 1
    assert "navigator.serviceWorker.ready" in text and "crossOriginIsolated" in text
    node = shutil.which("node")
    assert node, "node is needed (it also installs the site's npm packages)"
    parsed = subprocess.run([node, "--check", str(changed)], capture_output=True, text=True)
    assert parsed.returncode == 0, parsed.stderr
    assert is_repaired(site)


def test_repairing_twice_changes_nothing(site):
    first = wait_for_drive(site)
    before = first.read_bytes()
    assert wait_for_drive(site) == first
    assert first.read_bytes() == before


def test_a_jupyterlite_without_the_expression_stops_the_build_and_says_where(tmp_path):
    folder = tmp_path / EXTENSION
    folder.mkdir(parents=True)
    (folder / "716.js").write_text("let mountDrive = await decide();\n", encoding="utf-8")
    with pytest.raises(LiteBuildError, match=r"no file under .*pyodide-kernel-extension.*exactly once"):
        wait_for_drive(tmp_path)


def test_the_expression_found_twice_is_refused(site):
    [original] = [p for p in (site / EXTENSION).glob("*.js") if "crossOriginIsolated" in p.read_text()
                  and ".enabled)||crossOriginIsolated" in p.read_text()]
    shutil.copyfile(original, original.with_name("copy-" + original.name))
    with pytest.raises(LiteBuildError, match=r"exactly once"):
        wait_for_drive(site)
    assert MARK not in original.read_text(encoding="utf-8")
