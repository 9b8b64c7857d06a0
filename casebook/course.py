"""What the course declares about itself (casebook/course.yml) and where its content files are.

Read by the progress page, the certificate and the learning-record export, so that all three use
one title, edition, study load, objectives and module list.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from casebook.exercise_file import Reader
from casebook.errors import CourseError
from casebook.strings import t

COURSE_KEYS = ("title", "edition", "study_hours", "activity_base", "objectives", "modules",
               "final_assessment", "evaluation")
MODULE_KEYS = ("id", "title")


class CourseFileError(CourseError):
    """course.yml has problems; the message lists them as FILE:LINE."""


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    line: int = 0


@dataclass(frozen=True)
class Course:
    title: str
    edition: str
    study_hours: float
    activity_base: str
    objectives: tuple[str, ...]
    modules: tuple[Module, ...]
    final_assessment: str
    evaluation: str


def read_course(path) -> Course:
    """Read and check a course file; raises CourseFileError naming every problem with its line."""
    reader = Reader(str(path))
    data = reader.read()
    course = None
    if data is not None:
        what = t("course_file.what")
        fields = reader.mapping(data, 1, what, COURSE_KEYS, COURSE_KEYS)
        if fields is not None:
            def module(entry, entry_what: str, line: int) -> Module:
                return Module(id=reader.ident(entry, "id", entry_what), title=reader.text(entry, "title", entry_what),
                              line=line)
            course = Course(
                title=reader.text(fields, "title", what), edition=reader.text(fields, "edition", what),
                study_hours=reader.number(fields, "study_hours", what, 0.5, 1000) or 0,
                activity_base=reader.text(fields, "activity_base", what),
                objectives=tuple(text for _line, text in reader.texts(fields, "objectives", what)),
                modules=reader.entries(fields, "modules", what, (1, 20), "course_file.what_module", MODULE_KEYS, module),
                final_assessment=reader.ident(fields, "final_assessment", what),
                evaluation=reader.ident(fields, "evaluation", what))
    if reader.problems:
        raise CourseFileError("\n".join(str(p) for p in reader.problems))
    return course


@lru_cache(maxsize=1)
def course() -> Course:
    """The course this package belongs to."""
    with resources.as_file(resources.files("casebook").joinpath("course.yml")) as path:
        return read_course(path)


COURSE_ENV = "CASEBOOK_COURSE"   # the course's content folder, when it is not found by itself


def find_content_folder() -> Path | None:
    """Where the course's content (vignettes/, exercises/) is, wherever the course runs: CASEBOOK_COURSE
    if set; the notebooks/ folder beside the engine (a course folder, JupyterLab); in the browser
    (JupyterLite) the drive's top folder, which holds the notebooks and their YAML; else the current
    folder if it holds them. None when there is none (an installed engine without its course)."""
    from casebook.journal import lite_storage

    candidates = [os.environ.get(COURSE_ENV), Path(__file__).resolve().parents[1] / "notebooks"]
    if lite_storage.IN_BROWSER:
        candidates.append(lite_storage.DRIVE)
    candidates.append(Path.cwd())
    for candidate in candidates:
        if candidate and (Path(candidate) / "vignettes").is_dir():
            return Path(candidate)
    return None


def content_folder(start: Path | None = None) -> Path:
    """`start` (or its notebooks/ folder) when given, else the folder find_content_folder finds;
    CourseError, saying what to do, when there is none."""
    if start is None:
        found = find_content_folder()
        if found is not None:
            return found
        start = Path.cwd()
    for folder in (Path(start), Path(start) / "notebooks"):
        if (folder / "vignettes").is_dir() and (folder / "exercises").is_dir():
            return folder
    raise CourseError(t("course_file.no_content", folder=start))


def module_files(folder: Path, module: str) -> list[Path]:
    """The content files of one module: its vignettes, then its exercises, each by name."""
    return [path for sub in ("vignettes", "exercises") for path in sorted((folder / sub / module).glob("*.yml"))]


def load_content(folder: Path | None = None) -> dict[str, list]:
    """{module id: the module's loaded vignettes and exercises, valid ones only}, in course order."""
    from casebook.kinds.registry import examine
    folder = content_folder(folder)
    loaded = {}
    for module in course().modules:
        items = [examine(path) for path in module_files(folder, module.id)]
        loaded[module.id] = [found.item for found in items if found.item is not None]
    return loaded
