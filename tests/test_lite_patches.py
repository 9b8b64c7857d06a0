"""The repair that makes the in-browser kernel wait for its drive (tools/lite_patches.py), tried on
the JupyterLite extension installed in this environment, not on a copy of its text."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bookbuild import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from lite_patches import DECISION, EXTENSION, MARK, WAIT, is_repaired, wait_for_drive  # noqa: E402
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


# Runs one line of the kernel extension, as written into the site, in Node with the browser's
# pieces played by plain objects: `i` is JupyterLite's service worker manager, `navigator` the
# browser's. The sandbox's setTimeout never fires, so a case that would wait for the time limit
# shows up as "waits" (the harness gives up after 3 s of real time) instead of slowing the test.
HARNESS = r"""
const vm = require('vm');
const never = () => new Promise(() => {});
const later = (ms, f) => new Promise(r => setTimeout(() => r(f && f()), ms));
const cases = {
  isolated:        () => ({crossOriginIsolated: true, i: undefined, navigator: {}}),
  no_manager:      () => ({crossOriginIsolated: false, i: undefined,
                           navigator: {serviceWorker: {ready: never()}}}),
  no_workers:      () => ({crossOriginIsolated: false, i: {ready: never(), enabled: false},
                           navigator: {}}),
  refused:         () => ({crossOriginIsolated: false, i: {ready: never(), enabled: false},
                           navigator: {get serviceWorker() { throw new Error('SecurityError'); }}}),
  failed:          () => { const ready = Promise.reject(new Error('no')); ready.catch(() => 0);
                           return {crossOriginIsolated: false, i: {ready, enabled: false},
                                   navigator: {serviceWorker: {ready: never()}}}; },
  registers_late:  () => { const i = {enabled: false};
                           i.ready = later(50, () => { i.enabled = true; });
                           return {crossOriginIsolated: false, i,
                                   navigator: {serviceWorker: {ready: later(80)}}}; },
};
(async () => {
  const results = {};
  for (const [name, make] of Object.entries(cases)) {
    const sandbox = {...make(), Promise, setTimeout: () => 0};
    const code = `(async () => { let l; ${process.argv[1]}; return l; })()`;
    const run = vm.runInNewContext(code, vm.createContext(sandbox));
    results[name] = await Promise.race([
      run.then(v => v, e => 'throws: ' + e.message), later(3000, () => 'waits')]);
  }
  console.log(JSON.stringify(results));
})();
"""


def decide(line: str) -> dict:
    node = shutil.which("node")
    assert node, "node is needed (it also installs the site's npm packages)"
    done = subprocess.run([node, "-e", HARNESS, line], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_repaired_line_mounts_the_drive_once_the_worker_is_there_and_never_hangs():
    assert decide(WAIT.format(flag="l", sw="i")) == {
        "isolated": True,         # isolated pages get the drive without a service worker
        "no_manager": False,
        "no_workers": False,      # at once: nothing to wait for
        "refused": False,         # the browser refuses service workers: start, without the drive
        "failed": False,          # the registration failed: at once, without the drive
        "registers_late": True,   # the race of a return visit: wait, then mount the drive
    }


def test_the_original_line_loses_the_race_of_a_return_visit(site):
    text = "".join(p.read_text(encoding="utf-8") for p in (site / EXTENSION).glob("*.js"))
    [original] = [m.group(0) for m in DECISION.finditer(text)]
    assert decide(original)["registers_late"] is False
