"""Reading YAML safely with line numbers: any bytes in, data or FILE:LINE problems out."""
from __future__ import annotations

import os

import pytest
import yaml

from casebook import yamlsource
from casebook.strings import t
from casebook.yamlsource import YamlList, YamlMap, parse, read

# Both parsers must behave alike: libyaml where it is installed, pure Python in the browser.
PARSERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.fixture(params=PARSERS, ids=lambda loader: loader.__name__)
def parser(request, monkeypatch):
    monkeypatch.setattr(yamlsource, "LOADER", request.param)
    return request.param


def write(tmp_path, content: bytes | str, name: str = "v.yml"):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def only_problem(problems):
    assert len(problems) == 1, problems
    return problems[0]


# -- data and lines -------------------------------------------------------------------------

def test_mapping_keeps_the_line_of_every_key_and_item(parser):
    data, problems = parse("# a comment\nid: x\nscenes:\n  - id: a\n    text: hello\n  - id: b\nkey_ideas: [R1, R2]\n")
    assert problems == []
    assert isinstance(data, YamlMap) and data.line == 2
    assert data == {"id": "x", "scenes": [{"id": "a", "text": "hello"}, {"id": "b"}], "key_ideas": ["R1", "R2"]}
    assert data.key_lines == {"id": 2, "scenes": 3, "key_ideas": 7}
    scenes = data["scenes"]
    assert isinstance(scenes, YamlList) and scenes.item_lines == [4, 6]
    assert scenes[0].line == 4 and scenes[0].key_lines == {"id": 4, "text": 5}
    assert data["key_ideas"].item_lines == [7, 7]


def test_folded_text_is_one_string_and_its_key_line_is_kept(parser):
    data, problems = parse("text: >\n  one\n  two\nnext: b\n")
    assert problems == []
    assert data["text"] == "one two\n"
    assert data.key_lines == {"text": 1, "next": 4}


def test_values_read_as_numbers_or_yes_no_keep_the_text_as_written(parser):
    data, problems = parse("title: Yes\nminutes: 10\nratio: 1.50\nnothing: ~\nwhen: 2024-01-01\n")
    assert problems == []
    assert data["title"] is True and data.raw["title"] == "Yes"
    assert data["minutes"] == 10 and data.raw["minutes"] == "10"
    assert data["ratio"] == 1.5 and data.raw["ratio"] == "1.50"
    assert data["nothing"] is None
    assert data["when"] == "2024-01-01"   # kept as text, never a date object


def test_keys_are_kept_as_written(parser):
    data, problems = parse("yes: 1\n1: 2\nnull: 3\n")
    assert problems == []
    assert list(data) == ["yes", "1", "null"]


def test_a_number_too_long_for_python_stays_text(parser):
    digits = "9" * 5000
    data, problems = parse(f"minutes: {digits}\n")
    assert problems == [] and data["minutes"] == digits


# -- what is refused, and where -------------------------------------------------------------

def test_duplicate_key_names_both_lines_and_keeps_the_first(parser):
    data, problems = parse("id: a\ntitle: first\nsetting: x\ntitle: second\n", "f.yml")
    problem = only_problem(problems)
    assert (problem.file, problem.line) == ("f.yml", 4)
    assert problem.message == t("check.duplicate_key", name="title", first=2, line=4)
    assert data["title"] == "first"


def test_duplicate_keys_are_found_at_every_depth(parser):
    _, problems = parse("scenes:\n  - id: a\n    text: x\n    text: y\n")
    assert [p.line for p in problems] == [4]


@pytest.mark.parametrize("tagged, line", [
    ("title: !!python/object/apply:os.system ['echo never']\n", 1),
    ("id: x\ntitle: !!python/name:os.system\n", 2),
    ("id: x\n\nsetting: !foo bar\n", 3),
    ("id: x\nkey_ideas: !!set {R1, R2}\n", 2),
    ("id: x\ndata: !!binary aGVsbG8=\n", 2),
    ("!!python/object:collections.OrderedDict\nid: x\n", 1),
])
def test_tags_are_reported_at_their_line_and_never_constructed(parser, tagged, line):
    data, problems = parse(tagged)
    problem = only_problem(problems)
    assert problem.line == line and "YAML tag" in problem.message
    # whatever came back is plain data: no object was built from the tag
    plain = (str, int, float, bool, type(None), YamlMap, YamlList)

    def walk(value):
        assert isinstance(value, plain), type(value)
        for item in (value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()):
            walk(item)
    walk(data)


def test_standard_tags_for_plain_types_are_fine(parser):
    data, problems = parse("title: !!str 2024\nminutes: !!int '10'\n")
    assert problems == [] and data == {"title": "2024", "minutes": 10}


def test_billion_laughs_is_refused_without_expanding(parser):
    rows = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"{x}: &{x} [{', '.join(['*' + p] * 9)}]" for p, x in zip("abcdefgh", "bcdefghi")]
    data, problems = parse("\n".join(rows) + "\n")
    problem = only_problem(problems)
    assert problem.line == 2 and problem.message == t("check.alias", count=72)
    # each alias stands for nothing: at most 9 items per list, nothing expanded
    assert all(len(value) == 9 and all(v is None for v in value) for key, value in data.items() if key != "a")


def test_an_alias_used_as_a_key_is_refused_too(parser):
    data, problems = parse("a: &k id\n*k : x\n")
    assert [p.line for p in problems] == [2]
    assert list(data) == ["a"]


@pytest.mark.parametrize("text", [
    "a: " + "[" * 20000 + "]" * 20000 + "\n",
    "a: " + "{b: " * 5000 + "1" + "}" * 5000 + "\n",
    "".join(" " * i + f"k{i}:\n" for i in range(0, 3000)) + " " * 3000 + "end: 1\n",
    "- " * 3000 + "x\n",
])
def test_deep_nesting_is_refused_without_recursion(parser, text):
    data, problems = parse(text)
    problem = only_problem(problems)
    assert data is None
    assert problem.message == t("check.too_deep", depth=yamlsource.MAX_DEPTH)


def test_nesting_up_to_the_limit_is_fine(parser):
    depth = yamlsource.MAX_DEPTH
    data, problems = parse("a: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n")
    assert problems == []


def test_second_document_is_reported_where_it_starts(parser):
    data, problems = parse("id: a\ntitle: x\n---\nid: b\n")
    assert only_problem(problems).line == 3
    assert data == {"id": "a", "title": "x"}   # the first document can still be checked


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "--- ~\n", "---\n...\n"])
def test_an_empty_file_says_so(parser, text):
    data, problems = parse(text)
    assert data is None
    assert only_problem(problems).message == t("check.empty_file")


@pytest.mark.parametrize("text, line, hint", [
    ("id: a\ntitle: Homework: a story\n", 2, "colon"),
    ("id: a\nscenes:\n  - id: b\n     text: c\n", 4, "indent"),
    ("id: a\nscenes:\n\t- id: b\n", 3, "tab"),
    ("id: a\nscenes:\n  - id: b\n\ttext: c\n", 4, "tab"),
    ('id: a\ntitle: "never closed\nmodule: x\n', 2, "quote"),
    ("id: a\nkey_ideas: [R1, R2\nmodule: x\n", 2, "brackets"),
    ("id: a\ntitle: `code`\n", 2, "special_start"),
    ("id: a\ntitle: @someone\n", 2, "special_start"),
    ('id: a\ntitle: "C:\\q"\n', 2, "backslash"),
])
def test_broken_layout_gives_a_line_and_a_hint_a_writer_can_act_on(parser, text, line, hint):
    data, problems = parse(text, "f.yml")
    problem = only_problem(problems)
    assert data is None
    assert problem.line == line, problem
    assert t(f"check.yaml_hints.{hint}") in problem.message, problem.message


def test_syntax_error_lines_point_past_comments_and_blank_lines(parser):
    _, problems = parse("# one\n# two\n\nid: a\n\n\ntitle: x: y\n")
    assert only_problem(problems).line == 7


# -- bytes, files, folders ------------------------------------------------------------------

def test_a_utf8_bom_is_accepted_and_lines_still_count_from_one(parser, tmp_path):
    data, problems = read(write(tmp_path, b"\xef\xbb\xbfid: a\ntitle: b\n"))
    assert problems == [] and data == {"id": "a", "title": "b"} and data.key_lines["title"] == 2


def test_invalid_utf8_is_reported_at_its_line(parser, tmp_path):
    path = write(tmp_path, b"id: a\r\ntitle: b\r\nclient: Ren\xe9e\r\n")
    data, problems = read(path)
    problem = only_problem(problems)
    assert data is None and (problem.file, problem.line) == (str(path), 3)
    assert problem.message == t("check.not_utf8", byte="0xE9")


def test_utf16_is_not_utf8(parser, tmp_path):
    _, problems = read(write(tmp_path, "id: a\n".encode("utf-16")))
    assert only_problem(problems).message == t("check.not_utf8", byte="0xFF")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\ufffe"])
def test_control_characters_are_reported_at_their_line(parser, tmp_path, char):
    _, problems = read(write(tmp_path, f"id: a\ntitle: b\nsetting: x{char}y\n"))
    problem = only_problem(problems)
    assert problem.line == 3 and problem.message == t("check.control_char", code=f"U+{ord(char):04X}")


def test_a_file_over_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.yml"
    with open(path, "wb") as handle:
        handle.truncate(5 * 1_000_000)   # a sparse 5 MB file: costs no disk space
    data, problems = read(path)
    assert data is None
    assert only_problem(problems).message == t("check.too_big", size="5.0 MB", limit="1 MB")


def test_a_file_just_under_the_limit_is_read(tmp_path):
    row = "# " + "x" * 97 + "\n"
    text = "id: a\n" + row * ((yamlsource.MAX_BYTES - 10) // len(row))
    data, problems = read(write(tmp_path, text))
    assert problems == [] and data == {"id": "a"}


def test_a_folder_is_not_a_file(tmp_path):
    _, problems = read(tmp_path)
    assert only_problem(problems).message == t("check.is_folder")


def test_a_missing_file(tmp_path):
    path = tmp_path / "nowhere.yml"
    _, problems = read(path)
    assert only_problem(problems) .file == str(path)
    assert problems[0].message == t("check.file_missing")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.yml"
    os.mkfifo(path)
    _, problems = read(path)
    assert only_problem(problems).message == t("check.not_a_file")


def test_an_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, "id: a\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(yamlsource, "open", refuse, raising=False)
    _, problems = read(path)
    assert only_problem(problems).message == t("check.unreadable", reason="Permission denied")


@pytest.mark.parametrize("text, line", [("{", 1), ("id: a\ntitle: [1,", 2), ("id: a\ntitle: {x: 1\n", 2),
                                        ("id: a\n- b", 2), ("id: a\n'\n\n", 2)])
def test_an_error_at_the_end_of_the_file_points_at_a_line_the_file_has(parser, text, line):
    _, problems = parse(text)
    assert only_problem(problems).line == line
