"""The checker: every rule of the vignette format, each problem at its line, all at once.

The corpus in tests/bad_vignettes/example/ declares what each file must produce, in
`# expect: line N: text` comments at its end (or in tests/bad_vignettes/expected.yml for files
that cannot hold a comment); the checker must report exactly those problems, no more.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import vignette_yaml
from casebook import yamlsource
from casebook.authoring.checker import check_paths, content_files
from casebook.errors import Problem
from casebook.strings import t
from vignette_yaml import SceneSpec

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "bad_vignettes" / "example"
MANIFEST = ROOT / "tests" / "bad_vignettes" / "expected.yml"
PARSERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


def scene_where(scene: str) -> str:
    return t("check.where.scene", scene=scene)


def choice_where(choice: str, scene: str) -> str:
    return t("check.where.choice", choice=choice, scene=scene_where(scene))


def check_text(tmp_path, text: str, name: str = "tiny", module: str = "example") -> list[Problem]:
    return check_paths([vignette_yaml.write(tmp_path, text, name, module)])


@pytest.fixture
def tiny():
    return vignette_yaml.vignette("tiny", vignette_yaml.small_graph(), "opening")


def messages_at(problems, line):
    return [p.message for p in problems if p.line == line]


# -- the corpus of bad files ----------------------------------------------------------------

def expectations(path: Path) -> list[tuple[int, str]]:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    declared = manifest.get(path.name)
    if declared is None:   # from the file's own comments, read as bytes: the file may not be UTF-8
        declared = [m.decode("utf-8") for m in re.findall(rb"^# expect: (.*?)\r?$", path.read_bytes(), re.M)]
    found = []
    for item in declared:
        line, text = re.fullmatch(r"line (\d+): (.+)", item).groups()
        found.append((int(line), text))
    return found


CORPUS_FILES = sorted(CORPUS.glob("*.yml"))


def test_the_corpus_covers_what_it_must():
    names = {p.stem for p in CORPUS_FILES}
    for must in ("binary-junk", "billion-laughs", "python-object-tag", "invalid-utf8", "bom", "empty",
                 "list-document", "loop-no-way-out", "misspelled-key", "old-feedback-key", "dangling-next", "duplicate-ids"):
        assert must in names
    assert all(expectations(p) for p in CORPUS_FILES), "every bad file declares what it must produce"


@pytest.mark.parametrize("parser", PARSERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_each_bad_file_gives_exactly_the_problems_it_declares(path, parser, monkeypatch):
    monkeypatch.setattr(yamlsource, "LOADER", parser)
    problems = check_paths([path])
    unmatched = list(problems)
    for line, text in expectations(path):
        match = next((p for p in unmatched if p.line == line and text in p.message), None)
        assert match is not None, f"expected at line {line}: {text}\ngot:\n" + "\n".join(map(str, problems))
        unmatched.remove(match)
    assert unmatched == [], "not declared:\n" + "\n".join(map(str, unmatched))
    assert all(p.file == str(path) for p in problems)


def test_a_5_mb_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "example" / "huge.yml"
    path.parent.mkdir()
    row = b"  - What did you notice in yourself in this moment, and what did it want you to do?\n"
    path.write_bytes(b"id: huge\nreflection:\n" + row * (5_000_000 // len(row) + 1))
    [problem] = check_paths([path])
    assert problem.line == 1 and problem.message == t("check.too_big", size="5.0 MB", limit="1 MB")


# -- valid files ----------------------------------------------------------------------------

def test_the_course_vignettes_are_all_valid():
    folder = ROOT / "notebooks" / "vignettes"
    assert content_files([folder]), "the course has vignettes"
    assert check_paths([folder]) == []


def test_a_small_valid_vignette_has_no_problems(tmp_path, tiny):
    assert check_text(tmp_path, tiny.text) == []


# -- keys -----------------------------------------------------------------------------------

def test_unknown_keys_suggest_the_nearest_known_key_at_that_place(tmp_path, tiny):
    text = tiny.text.replace("        next: open", "        nxet: open").replace("    pull:", "    Pull:", 1)
    problems = check_text(tmp_path, text)
    assert t("check.unknown_key_suggest", name="nxet", where=choice_where("move-1", "opening"),
             suggestion="next") in messages_at(problems, tiny.lines[("choice", 0, 1, "next")])
    assert t("check.unknown_key_suggest", name="Pull", where=scene_where("opening"),
             suggestion="pull") in messages_at(problems, tiny.lines[("scene", 0, "pull")])
    assert not any("has no 'next:'" in p.message for p in problems), "one message per typo"


def test_unknown_keys_without_a_near_one_list_the_keys_allowed(tmp_path, tiny):
    problems = check_text(tmp_path, tiny.text.replace("start: opening\n", "start: opening\nauthor: me\n"))
    line = tiny.lines[("vignette", "start")] + 1
    assert messages_at(problems, line) == [t(
        "check.unknown_key", name="author", where=t("check.where.vignette"),
        allowed="id, title, module, key_ideas, book_section, minutes, content_note, setting, client, "
                "start, scenes, reflection")]


def test_missing_required_keys_are_reported_where_their_group_starts(tmp_path, tiny):
    text = tiny.text.replace("setting:", "# setting:").replace("          relationship:", "          # relationship:")
    problems = check_text(tmp_path, text)
    assert t("check.missing", name="setting", where=t("check.where.vignette"),
             what=t("check.fields.vignette.setting")) in messages_at(problems, 1)
    feedback_where = t("check.where.feedback", choice=choice_where("move-0", "opening"))
    assert t("check.missing", name="relationship", where=feedback_where,
             what=t("check.fields.feedback.relationship")) in messages_at(problems, tiny.lines[("feedback", 0, 0)])
    assert len(problems) == 4   # setting, and relationship in the three feedbacks


@pytest.mark.parametrize("empty", ['""', "''", "", "~", '"   "'])
def test_empty_texts_count_as_missing(tmp_path, tiny, empty):
    problems = check_text(tmp_path, tiny.text.replace("title: A test of the checker", f"title: {empty}"))
    assert [p.message for p in problems] == [t("check.empty", name="title", where=t("check.where.vignette"),
                                                what=t("check.fields.vignette.title"))]
    assert problems[0].line == tiny.lines[("vignette", "title")]


def test_an_empty_optional_text_asks_to_write_it_or_delete_the_line(tmp_path, tiny):
    problems = check_text(tmp_path, tiny.text.replace("    pull: ", "    pull: ''\n    x: ", 1).replace("    x: ", "    #"))
    assert [p.message for p in problems] == [t("check.empty_optional", name="pull", where=scene_where("opening"),
                                                what=t("check.fields.scene.pull"))]


# -- types ----------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, key, expected, actual", [
    ("key_ideas: [R4, R10]", "key_ideas: R4", "key_ideas", "idea_list", "text"),
    ("title: A test of the checker", "title: [A, list]", "title", "text", "list"),
    ("client: ", "client:\n  name: x\n  age: 3\n#", "client", "text", "mapping"),
])
def test_wrong_types_say_what_was_expected_and_what_was_found(tmp_path, tiny, old, new, key, expected, actual):
    problems = check_text(tmp_path, tiny.text.replace(old, new))
    assert [p.message for p in problems] == [t("check.wrong_type", name=key, where=t("check.where.vignette"),
                                                expected=t(f"check.kinds.{expected}"), actual=t(f"check.kinds.{actual}"))]
    assert problems[0].line == tiny.lines[("vignette", key)]


def test_feedback_written_as_one_text_is_a_type_problem(tmp_path):
    text = ("id: flat\ntitle: x\nmodule: example\nkey_ideas: [R1]\nbook_section: book/x.md\nsetting: s\n"
            "client: c\nstart: a\nscenes:\n  - id: a\n    text: t\n    choices:\n"
            + "".join(f"      - id: c{i}\n        text: t\n        feedback: it helps\n        next: e\n" for i in range(3))
            + "  - id: e\n    text: t\n    ending: {title: x, debrief: y}\nreflection: [What now?]\n")
    problems = check_text(tmp_path, text, "flat")
    assert [p.line for p in problems] == [15, 19, 23]
    assert problems[0].message == t("check.wrong_type", name="feedback", where=choice_where("c0", "a"),
                                    expected=t("check.kinds.feedback"), actual=t("check.kinds.text"))


@pytest.mark.parametrize("value, ok", [("10", True), ("1", True), ("240", True), ("0", False), ("241", False),
                                       ("ten", False), ("yes", False), ("7.5", False), ("-3", False)])
def test_minutes_is_a_whole_number_in_a_sensible_range(tmp_path, tiny, value, ok):
    problems = check_text(tmp_path, tiny.text.replace("minutes: 10", f"minutes: {value}"))
    if ok:
        assert problems == []
    else:
        assert [p.message for p in problems] == [t("check.minutes", value=value, low=1, high=240)]


@pytest.mark.parametrize("count", [0, 4])
def test_reflection_holds_one_to_three_prompts(tmp_path, tiny, count):
    prompts = "".join(f"  - Prompt {i}?\n" for i in range(count)) or "  []\n"
    text = re.sub(r"reflection:\n(  - .*\n)+", "reflection:\n" + prompts, tiny.text)
    problems = check_text(tmp_path, text)
    assert [p.message for p in problems] == [t("check.reflection_count", count=count, low=1, high=3)]


def test_a_colon_in_a_text_is_explained(tmp_path, tiny):
    text = tiny.text.replace("  - What did you notice in yourself at moment 2?",
                             "  - Whose voice was it: yours, or the protocol's?")
    [problem] = check_text(tmp_path, text)
    assert problem.line == tiny.lines[("reflection", 1)]
    assert problem.message == t("check.colon_in_text", where=t("check.where.reflection", number=2),
                                before="Whose voice was it")


# -- ids, module, key ideas, book ---------------------------------------------------------------

def test_id_must_match_the_file_name(tmp_path, tiny):
    [problem] = check_text(tmp_path, tiny.text, name="other-name")
    assert problem.line == tiny.lines[("vignette", "id")]
    assert problem.message == t("check.id_not_file", id="tiny", name="other-name.yml", stem="other-name")


@pytest.mark.parametrize("bad", ["Tiny", "tiny_one", "tiny one", "-tiny", "tiny--one", "tïny"])
def test_ids_are_lowercase_letters_digits_and_hyphens(tmp_path, tiny, bad):
    problems = check_text(tmp_path, tiny.text.replace("id: tiny", f"id: '{bad}'"))
    assert problems[0].message == t("check.bad_id", value=bad, suggestion="tiny")
    assert len(problems) == 1   # the bad shape already says what to change


def test_scene_and_choice_ids_have_the_same_shape(tmp_path, tiny):
    problems = check_text(tmp_path, tiny.text.replace("id: move-2", "id: Move_2"))
    assert [(p.line, p.message) for p in problems] == [
        (tiny.lines[("choice", 0, 2, "id")], t("check.bad_id", value="Move_2", suggestion="move-2"))]


def test_module_must_be_known_and_match_the_folder(tmp_path, tiny):
    [problem] = check_text(tmp_path, tiny.text, module="resistance")
    assert problem.message == t("check.module_not_folder", module="example", folder="resistance")
    [problem] = check_text(tmp_path, tiny.text.replace("module: example", "module: regulaton"), module="regulaton")
    assert problem.message == t("check.unknown_module_suggest", module="regulaton", suggestion="regulation")
    [problem] = check_text(tmp_path, tiny.text.replace("module: example", "module: cooking"), module="cooking")
    assert problem.message == t("check.unknown_module", module="cooking",
                                modules="capstone, closeness, regulation, resistance, example")


def test_key_ideas_must_be_known(tmp_path, tiny):
    text = tiny.text.replace("key_ideas: [R4, R10]", "key_ideas: [R4, X1, e3]").replace("key_ideas: [R10]", "key_ideas: []", 1)
    problems = check_text(tmp_path, text)
    line = tiny.lines[("vignette", "key_ideas")]
    assert sorted(messages_at(problems, line)) == sorted([
        t("check.unknown_idea", idea="X1", ranges="R1-R12 (resistance), C1-C10 (closeness), E1-E9 (regulation)"),
        t("check.unknown_idea_suggest", idea="e3", suggestion="E3")])
    assert len(problems) == 2   # an empty list on a choice is allowed


def test_the_vignette_needs_at_least_one_key_idea(tmp_path, tiny):
    [problem] = check_text(tmp_path, tiny.text.replace("key_ideas: [R4, R10]", "key_ideas: []"))
    assert problem.message == t("check.empty", name="key_ideas", where=t("check.where.vignette"),
                                what=t("check.fields.vignette.key_ideas"))


@pytest.mark.parametrize("section, ok", [
    ("book/resistance/in-the-room.md", True), ("book/a.md#what-helps", True), ("book/a_b/c-d.md#x_y-2", True),
    ("in-the-room.md", False), ("/book/a.md", False), ("book/a.html", False), ("book/../a.md", False),
    ("https://example.org/book/a.md", False), ("book/a.md#What Helps", False), ("book/a.md#", False),
])
def test_book_section_shape(tmp_path, tiny, section, ok):
    problems = check_text(tmp_path, tiny.text.replace("book/facilitators/write-a-vignette.md", section))
    assert problems == ([] if ok else [Problem(problems[0].file, tiny.lines[("vignette", "book_section")],
                                               t("check.book_shape", value=section))])


@pytest.fixture
def repo(tmp_path):
    """A small course folder: _toc.yml marks it as the repository."""
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/intro\n")
    page = tmp_path / "book" / "module" / "page.md"
    page.parent.mkdir(parents=True)
    page.write_text("# The page\n\n(a-label)=\n## What helps: *small* steps\n\n```text\n## not a heading\n```\n"
                    "### Don't push\n#### Deep {term}`pacing` here\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("section, problem", [
    ("book/module/page.md", None),
    ("book/module/page.md#what-helps-small-steps", None),
    ("book/module/page.md#dont-push", None),             # as MyST makes it
    ("book/module/page.md#don-t-push", None),            # as Sphinx makes it
    ("book/module/page.md#deep-pacing-here", None),
    ("book/module/page.md#a-label", None),
    ("book/module/page.md#not-a-heading", "book_anchor_missing"),
    ("book/module/page.md#what-help-small-steps", "book_anchor_suggest"),
    ("book/module/pgae.md", "book_missing_suggest"),
    ("book/elsewhere/nothing-like-it.md", "book_missing"),
])
def test_inside_the_repository_the_page_and_heading_must_exist(repo, tiny, section, problem):
    text = tiny.text.replace("book/facilitators/write-a-vignette.md", section)
    problems = check_paths([vignette_yaml.write(repo / "notebooks" / "vignettes", text, "tiny")])
    if problem is None:
        assert problems == []
    else:
        [found] = problems
        assert found.line == tiny.lines[("vignette", "book_section")]
        assert found.message.startswith(t(f"check.{problem}", page="PAGE", anchor="A", suggestion="S").split("PAGE")[0])


def test_outside_a_repository_only_the_shape_of_book_section_is_checked(tmp_path, tiny):
    text = tiny.text.replace("book/facilitators/write-a-vignette.md", "book/not/here.md")
    assert check_text(tmp_path, text) == []


# -- the scene graph --------------------------------------------------------------------------

def graph_text(specs, start="opening"):
    return vignette_yaml.vignette("graph", specs, start)


def test_scene_and_choice_ids_used_twice(tmp_path):
    w = graph_text([SceneSpec("opening", targets=["end", "end", "end"]), SceneSpec("end", ending=True),
                    SceneSpec("end", ending=True)])
    text = w.text.replace("id: move-2", "id: move-0")
    problems = check_paths([vignette_yaml.write(tmp_path, text, "graph")])
    assert sorted((p.line, p.message) for p in problems) == sorted([
        (w.lines[("scene", 2, "id")], t("check.duplicate_scene", id="end", first=w.lines[("scene", 1, "id")])),
        (w.lines[("choice", 0, 2, "id")], t("check.duplicate_choice", id="move-0", where=scene_where("opening"),
                                            first=w.lines[("choice", 0, 0, "id")])),
    ])


def test_next_and_start_naming_no_scene(tmp_path):
    w = graph_text([SceneSpec("opening", targets=["ending", "endign", "zzz"]), SceneSpec("ending", ending=True)])
    text = w.text.replace("start: opening", "start: opneing")
    problems = check_paths([vignette_yaml.write(tmp_path, text, "graph")])
    assert sorted((p.line, p.message) for p in problems) == sorted([
        (w.lines[("vignette", "start")], t("check.unknown_target_suggest", target="opneing", field="start",
                                           suggestion="opening")),
        (w.lines[("choice", 0, 1, "next")], t("check.unknown_target_suggest", target="endign", field="next",
                                              suggestion="ending")),
        (w.lines[("choice", 0, 2, "next")], t("check.unknown_target", target="zzz", field="next",
                                              scenes="opening, ending")),
    ])


def test_unreachable_scenes_and_loops_with_no_way_out(tmp_path):
    w = graph_text([SceneSpec("opening", targets=["a", "b", "end"]),
                    SceneSpec("a", targets=["b", "b", "a"]), SceneSpec("b", targets=["a", "a", "b"]),
                    SceneSpec("end", ending=True), SceneSpec("island", targets=["end", "end", "end"])])
    problems = check_paths([vignette_yaml.write(tmp_path, w.text, "graph")])
    assert sorted((p.line, p.message) for p in problems) == sorted([
        (w.lines[("scene", 1)], t("check.no_way_out", where=scene_where("a"))),
        (w.lines[("scene", 2)], t("check.no_way_out", where=scene_where("b"))),
        (w.lines[("scene", 4)], t("check.unreachable", where=scene_where("island"))),
    ])


def test_choices_and_endings_one_or_the_other(tmp_path):
    w = graph_text([SceneSpec("opening", targets=["end", "middle", "end"]),
                    SceneSpec("middle", targets=["end", "end", "end"]), SceneSpec("end", ending=True)])
    lines = w.text.splitlines(keepends=True)
    both = w.lines[("scene", 1)] - 1
    lines.insert(both + 1, "    ending: {title: Both, debrief: A scene cannot be both.}\n")
    text = "".join(lines).replace("    ending:\n      title: How it ends", "    nothing:\n      title: How it ends")
    problems = check_paths([vignette_yaml.write(tmp_path, text, "graph")])
    messages = {p.message for p in problems}
    assert t("check.choices_and_ending", where=scene_where("middle")) in messages
    assert t("check.no_choices_no_ending", where=scene_where("end")) in messages
    assert not any(p.message == t("check.no_way_out", where=scene_where("end")) for p in problems), \
        "a scene without choices or ending is reported once"


@pytest.mark.parametrize("count", [1, 2, 5, 6])
def test_a_decision_offers_three_or_four_choices(tmp_path, count):
    w = graph_text([SceneSpec("opening", targets=["end"] * count), SceneSpec("end", ending=True)])
    problems = check_paths([vignette_yaml.write(tmp_path, w.text, "graph")])
    assert [(p.line, p.message) for p in problems] == [(w.lines[("scene", 0, "choices")], t(
        "check.choice_count", where=scene_where("opening"), count=count, low=3, high=4))]


def test_a_long_chain_of_scenes_needs_no_recursion(tmp_path):
    specs = [SceneSpec(f"s{i}", targets=[f"s{i + 1}"] * 3) for i in range(400)] + [SceneSpec("s400", ending=True)]
    problems = check_paths([vignette_yaml.write(tmp_path, graph_text(specs, start="s0").text, "graph")])
    assert problems == []


# -- files and folders -------------------------------------------------------------------------

def test_folders_give_their_yaml_files_sorted_and_skip_hidden_ones(tmp_path, tiny):
    for name in ("b", "a"):
        vignette_yaml.write(tmp_path / "m", tiny.text.replace("id: tiny", f"id: {name}"), name)
    (tmp_path / "m" / "example" / "notes.txt").write_text("not a vignette")
    (tmp_path / "m" / "example" / "c.yaml").write_text(tiny.text.replace("id: tiny", "id: c"))
    hidden = tmp_path / "m" / "example" / ".ipynb_checkpoints"
    hidden.mkdir()
    (hidden / "a-checkpoint.yml").write_text("broken: [")
    (tmp_path / "m" / "example" / ".#a.yml").write_text("broken: [")
    files = content_files([tmp_path / "m"])
    assert [f.name for f in files] == ["a.yml", "b.yml", "c.yaml"]
    assert check_paths([tmp_path / "m"]) == []


def test_a_file_named_twice_is_checked_once(tmp_path, tiny):
    path = vignette_yaml.write(tmp_path, tiny.text.replace("next: open", "next: gone"), "tiny")
    assert len(check_paths([path, tmp_path, path])) == len(check_paths([path])) > 0


def test_an_id_used_by_two_files_is_reported_at_the_second(tmp_path, tiny):
    first = vignette_yaml.write(tmp_path, tiny.text, "tiny", module="example")
    second = vignette_yaml.write(tmp_path, tiny.text.replace("module: example", "module: regulation"), "tiny",
                                 module="regulation")
    problems = check_paths([tmp_path])
    assert problems == [Problem(str(second), tiny.lines[("vignette", "id")],
                                t("check.duplicate_vignette", id="tiny", other=str(first)))]


def test_problems_come_file_by_file_and_line_by_line(tmp_path, tiny):
    broken = tiny.text.replace("next: open", "next: gone").replace("title: A test", "titel: A test")
    for name in ("b-file", "a-file"):
        vignette_yaml.write(tmp_path, broken.replace("id: tiny", f"id: {name}"), name)
    problems = check_paths([tmp_path])
    assert [Path(p.file).name for p in problems] == ["a-file.yml"] * 3 + ["b-file.yml"] * 3
    assert problems == sorted(problems)


# -- the strings table ------------------------------------------------------------------------

def test_every_message_the_checker_names_is_in_the_strings_table():
    """Messages for rare cases are easy to mistype; every one must exist, with its placeholders."""
    from casebook.kinds.vignette import rules
    from casebook.strings import table
    section = table("en")["check"]
    names = set()
    for module in ("yamlsource", "kinds/vignette/rules", "kinds/vignette/graph", "kinds/vignette/loader",
                   "authoring/checker", "cli"):
        source = (ROOT / "casebook" / f"{module}.py").read_text(encoding="utf-8")
        names |= set(re.findall(r'\bt\(f?"check\.([\w.]+)"', source))
        first_argument = r'(?:getattr\([^)]*\)|[\w.]+(?:\[[^\]]*\])?)'   # line, scene.key_lines["choices"], ...
        for first, second in re.findall(r'\badd\(' + first_argument + r', "(\w+)"(?: if [^"\n]* else "(\w+)")?', source):
            names |= {first, second} - {""}
    names |= {f"yaml_hints.{hint}" for _, hint in yamlsource._HINTS} | {"yaml_hints.tab", "yaml_hints.other"}
    names |= {f"fields.{part}.{key}" for part, keys in [("vignette", rules.VIGNETTE), ("scene", rules.SCENE),
              ("choice", rules.CHOICE), ("feedback", rules.FEEDBACK), ("ending", rules.ENDING)] for key in keys}
    assert len(names) > 60
    for name in sorted(names):
        node = section
        for part in name.split("."):
            if "{" in part:   # a template such as fields.{part}.{key}: covered by the lines above
                break
            assert isinstance(node, dict) and part in node, f"check.{name} is missing from casebook/strings/en.yml"
            node = node[part]


def test_a_choice_may_name_its_own_book_page_which_must_exist_and_shows_under_its_feedback(repo, tiny):
    """The capstone vignettes point each choice at the module chapter that fits it."""
    from casebook import Player, load
    text = tiny.text.replace("book/facilitators/write-a-vignette.md", "book/module/page.md")
    text = text.replace("next: closed", "next: closed\n        book_section: book/module/page.md#dont-push", 1)
    path = vignette_yaml.write(repo / "notebooks" / "vignettes", text, "tiny")
    assert check_paths([path]) == []
    vignette = load(path)
    choice = vignette.scene("opening").choices[0]
    assert choice.book_section == "book/module/page.md#dont-push"
    player = Player(vignette)
    player.walkthrough.begin()
    player._choose(0)     # the first choice's button, as a click would
    assert "page.html#dont-push" in player.feedback_html.value and "The page" in player.feedback_html.value
    missing = text.replace("book/module/page.md#dont-push", "book/module/nowhere.md")
    [problem] = check_paths([vignette_yaml.write(repo / "notebooks" / "vignettes", missing, "tiny")])
    assert "nowhere.md" in problem.message
