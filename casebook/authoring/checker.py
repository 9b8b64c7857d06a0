"""Check content files and folders: every problem of every file, each as FILE:LINE: message.
Each file is checked as what it is (vignette, knowledge check, rewriting exercise: see
casebook.kinds.registry), so a folder of mixed content checks in one go.

    content_files(paths) -> list[Path]      the files a check covers (folders: every .yml/.yaml below)
    check_paths(paths) -> list[Problem]     all problems, files in order, lines in order
"""
from __future__ import annotations

import os
from pathlib import Path

from casebook.errors import Examined, Problem
from casebook.kinds.registry import examine
from casebook.strings import t

SUFFIXES = (".yml", ".yaml")


def content_files(paths) -> list[Path]:
    """Files named directly are checked whatever their name; folders give their YAML files, sorted.
    Hidden folders and files (.ipynb_checkpoints, editor backups) are skipped: they are not content."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = []
            for folder, subfolders, names in os.walk(path):   # does not follow links: no cycles
                subfolders[:] = [s for s in subfolders if not s.startswith(".")]
                found += [Path(folder, n) for n in names if n.endswith(SUFFIXES) and not n.startswith(".")]
            files += sorted(found)
        else:
            files.append(path)
    unique: dict[str, Path] = {}
    for file in files:   # the same file named twice (a folder and a file in it) is checked once
        unique.setdefault(os.path.abspath(file), file)
    return list(unique.values())


def examine_paths(paths) -> list[Examined]:
    return [examine(file) for file in content_files(paths)]


def check_paths(paths) -> list[Problem]:
    return problems_of(examine_paths(paths))


def problems_of(examined: list[Examined]) -> list[Problem]:
    """The problems of each file, plus one that no single file shows: an id used by two files."""
    extra: dict[Path, list[Problem]] = {}
    first_with: dict[str, Examined] = {}
    for item in examined:
        if item.id is None:
            continue
        other = first_with.setdefault(item.id, item)
        if other is not item and other.path != item.path:
            extra.setdefault(item.path, []).append(
                Problem(str(item.path), item.id_line, t("check.duplicate_vignette", id=item.id, other=str(other.path))))
    found: list[Problem] = []
    for item in examined:
        found += sorted([*item.problems, *extra.pop(item.path, [])])
    return found
