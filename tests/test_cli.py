"""`python -m casebook`, run as a learner or trainer runs it: exit codes 0/1/2 and what it prints."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import vignette_yaml
from casebook.strings import t

ROOT = Path(__file__).resolve().parents[1]
USAGE = t("check.cli.usage")


def run(*args, cwd=None, env=None):
    environment = {**os.environ, **(env or {})}
    result = subprocess.run([sys.executable, "-m", "casebook", *map(str, args)], cwd=cwd or ROOT,
                            capture_output=True, text=True, encoding="utf-8", env=environment, timeout=120)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result


@pytest.fixture
def valid(tmp_path):
    return vignette_yaml.write(tmp_path, vignette_yaml.vignette("valid", vignette_yaml.small_graph(), "opening"), "valid")


def test_check_a_valid_file(valid):
    result = run("check", valid)
    assert (result.returncode, result.stdout, result.stderr) == (0, t("check.cli.valid_one") + "\n", "")


def test_check_a_folder_of_valid_files(tmp_path, valid):
    text = valid.read_text().replace("id: valid", "id: second")
    vignette_yaml.write(tmp_path, text, "second")
    result = run("check", tmp_path)
    assert (result.returncode, result.stdout) == (0, t("check.cli.valid_other", count=2) + "\n")


def test_check_the_course_vignettes_from_the_repository():
    result = run("check", "notebooks/vignettes/")
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("files checked, all valid\n")


def test_problems_go_to_stdout_as_file_line_message_and_exit_1(tmp_path, valid):
    valid.write_text(valid.read_text().replace("next: open", "next: gone").replace("title:", "titel:", 1))
    other = vignette_yaml.write(tmp_path, vignette_yaml.vignette("fine", vignette_yaml.small_graph(), "opening"), "fine")
    result = run("check", "example", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == ""
    *problems, summary = result.stdout.splitlines()
    assert summary == t("check.cli.summary_other", count=2, bad=1)
    assert len(problems) == 3   # titel (the missing title is folded into it), next, and the scene it no longer reaches
    assert all(line.startswith(os.path.join("example", "valid.yml") + ":") for line in problems)
    assert all(line.split(":")[1].isdigit() for line in problems)
    assert other.exists()


def test_one_broken_file_has_its_own_summary(valid):
    valid.write_text("id: valid\n")
    result = run("check", valid)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == t("check.cli.summary_one")


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", b"", b"a: &a [*a]\n", b"x: !!python/object:os.system {}\n"])
def test_any_bytes_give_an_answer_not_a_traceback(tmp_path, content):
    path = tmp_path / "example" / "junk.yml"
    path.parent.mkdir()
    path.write_bytes(content)
    result = run("check", path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{path}:1: ") or f"{path}:" in result.stdout


@pytest.mark.parametrize("args, message", [
    ((), t("check.cli.no_command")),
    (("check",), t("check.cli.no_path")),
    (("check", "no/such/folder"), t("check.cli.not_found", path="no/such/folder")),
    (("check", "--strict", "notebooks"), t("check.cli.unknown_option", option="--strict")),
    (("frobnicate",), t("check.cli.unknown_command", command="frobnicate")),
    (("export", "--journal"), t("check.cli.missing_value", option="--journal", example="PATH")),
    (("export", "--out"), t("check.cli.missing_value", option="--out", example="FILE")),
    (("export", "--colour", "red"), t("check.cli.unknown_option", option="--colour")),
    (("export", "--journal", "no/such/journal.sqlite"), t("check.cli.journal_missing", path="no/such/journal.sqlite")),
])
def test_usage_errors_exit_2_with_a_short_usage(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"{message}\n\n{USAGE}\n"


def test_a_folder_without_vignettes_is_a_usage_error(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing to check")
    result = run("check", tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(t("check.cli.nothing_found", path=str(tmp_path)))


@pytest.mark.parametrize("args", [("help",), ("--help",), ("check", "-h")])
def test_help(args):
    result = run(*args)
    assert (result.returncode, result.stdout) == (0, USAGE + "\n")


def test_a_path_after_double_dash_may_start_with_a_dash(tmp_path, valid):
    target = tmp_path / "example" / "-odd.yml"
    target.write_text(valid.read_text().replace("id: valid", "id: -odd"))
    result = run("check", "--", "-odd.yml", cwd=target.parent)
    assert result.returncode == 1   # checked (and '-odd' is not a valid id), not taken as an option
    assert result.stdout.startswith("-odd.yml:")


# -- export ---------------------------------------------------------------------------------

journal_module = pytest.importorskip("casebook.journal")
pytest.importorskip("casebook.export")


@pytest.fixture
def journal_file(tmp_path):
    path = tmp_path / "journal.sqlite"
    with journal_module.Journal(path) as journal:
        journal.add_reflection("first-session", "I noticed how much I wanted to finish the form.",
                               prompt="Whose expectations were in the room?")
    return path


def test_export_prints_the_portfolio(journal_file):
    result = run("export", "--journal", journal_file)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ")
    assert "I noticed how much I wanted to finish the form." in result.stdout
    assert "Here for the sleep" in result.stdout   # the title, from the course's vignettes


def test_export_writes_a_file(journal_file, tmp_path):
    out = tmp_path / "portfolio.md"
    result = run("export", f"--journal={journal_file}", "--out", out)
    assert (result.returncode, result.stdout) == (0, t("check.cli.written", path=out) + "\n")
    assert "I noticed how much I wanted to finish the form." in out.read_text(encoding="utf-8")


def test_export_uses_the_journal_named_by_the_environment(journal_file):
    result = run("export", env={"CASEBOOK_JOURNAL": str(journal_file)})
    assert result.returncode == 0 and "I noticed how much" in result.stdout


def test_export_to_a_folder_that_does_not_exist_fails_cleanly(journal_file, tmp_path):
    out = tmp_path / "no" / "such" / "folder" / "portfolio.md"
    result = run("export", "--journal", journal_file, "--out", out)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"could not write '{out}'") or str(out) in result.stderr


def test_export_of_a_file_that_is_not_a_journal_fails_cleanly(tmp_path):
    fake = tmp_path / "journal.sqlite"
    fake.write_text("these are my notes, not a database")
    result = run("export", "--journal", fake)
    assert result.returncode == 1 and result.stdout == "" and result.stderr.strip()
