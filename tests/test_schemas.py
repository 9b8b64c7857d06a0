"""The JSON Schemas for editors: one per kind, valid schemas, published with the book; every course
file fits its schema, and every bad file in tests/bad_vignettes/ is refused by the schema, except
the problems only the checker can see (it reads the whole file as a graph, its name and folder,
the book's pages), which the checker reports."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from casebook.authoring.checker import check_paths
from casebook.kinds.registry import KINDS, kind_of

ROOT = Path(__file__).resolve().parents[1]
COURSE_FILES = sorted((ROOT / "notebooks").glob("*/*/*.yml"))
BAD = sorted((ROOT / "tests" / "bad_vignettes" / "example").glob("*.yml"))
# Problems no schema can express: where a `next` points, what is reachable, ids used twice in a list,
# the file's name and folder, the book's pages and anchors, a key written twice (YAML keeps the last).
ONLY_THE_CHECKER_SEES = {"dangling-next", "dangling-start", "duplicate-ids", "duplicate-key", "id-not-file-name",
                         "loop-no-way-out", "missing-anchor", "missing-page", "module-mismatch",
                         "unreachable-scene"}


def validator(path: Path):
    return jsonschema.Draft202012Validator(kind_of(path).schema())


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_each_kind_has_a_valid_schema_that_refuses_unknown_keys(kind):
    schema = kind.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False and schema["required"]
    assert all(p.get("description") for p in schema["properties"].values())


@pytest.mark.parametrize("path", COURSE_FILES, ids=lambda p: p.stem)
def test_every_course_file_fits_its_schema(path):
    errors = [e.message for e in validator(path).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))]
    assert errors == []


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_every_bad_file_is_refused_by_the_schema_or_by_the_checker_alone(path):
    try:
        data = yaml.safe_load(path.read_bytes())
    except yaml.YAMLError:
        data = None   # not YAML at all: an editor shows the syntax error itself
    refused = data is None or any(True for _ in validator(path).iter_errors(data))
    if path.stem in ONLY_THE_CHECKER_SEES:
        assert not refused, f"{path.name}: the schema now sees this too; move it out of the list"
    else:
        assert refused, f"{path.name} fits the schema"
    assert check_paths([path]), "the checker reports every bad file"


def test_a_misspelt_feedback_key_is_marked_where_it_stands():
    path = ROOT / "tests" / "bad_vignettes" / "example" / "old-feedback-key.yml"
    errors = list(validator(path).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert any("nervous_system" in e.message and list(e.path)[-2:] == [0, "feedback"] for e in errors), \
        [(list(e.path), e.message) for e in errors]


def test_the_built_book_publishes_one_schema_per_kind(built_book):
    folder = built_book.html / "schemas"
    assert sorted(p.name for p in folder.glob("*.json")) == sorted(f"{k.name}.schema.json" for k in KINDS)
    for kind in KINDS:
        assert json.loads((folder / f"{kind.name}.schema.json").read_text(encoding="utf-8")) == kind.schema()
