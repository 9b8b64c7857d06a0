"""Properties of the checker over generated input.

1. Random scene graphs: the checker's verdict (unreachable scenes, loops with no way out,
   choice counts, `next` naming nothing) equals an independent computation made here.
2. Malformed files (random bytes, YAML fragments, random data, mutated vignettes): never an
   exception other than VignetteError, every problem at a line of the file, and for each
   mutation the problem it must cause, at the line where it was made.
"""
from __future__ import annotations

import random
import string

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import vignette_yaml
from casebook import VignetteError
from casebook import load
from casebook.kinds.vignette import rules
from casebook import yamlsource
from casebook.authoring.checker import check_paths
from casebook.errors import Problem
from casebook.strings import t
from vignette_yaml import SceneSpec

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PARSERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])
INTERNAL = t("check.internal", error="@@").split("@@")[0]
NAMES = ["opening", "harbour", "lantern", "tide", "window", "kettle", "bridge", "orchard"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("properties")


def where(scene: str) -> str:
    return t("check.where.scene", scene=scene)


# -- 1. random graphs against an independent reachability computation -----------------------

@st.composite
def graphs(draw):
    count = draw(st.integers(1, len(NAMES)))
    ids = NAMES[:count]
    scenes = []
    for ident in ids:
        if draw(st.booleans()):
            scenes.append(SceneSpec(ident, ending=True))
        else:
            # mostly 3-4 choices; sometimes too few or too many; now and then a `next` to nowhere
            n = draw(st.sampled_from([3, 3, 4, 4, 1, 2, 5]))
            targets = [draw(st.sampled_from(ids + ["nowhere"])) if draw(st.integers(0, 9)) == 0
                       else draw(st.sampled_from(ids)) for _ in range(n)]
            scenes.append(SceneSpec(ident, targets=targets))
    order = draw(st.permutations(range(count)))
    return [scenes[i] for i in order], draw(st.sampled_from(ids)), draw(st.integers(0, 2**32))


def closure(starts, edges):
    seen, todo = set(starts), list(starts)
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


@SETTINGS
@given(graphs())
def test_graph_verdict_matches_an_independent_computation(folder, graph):
    scenes, start, seed = graph
    written = vignette_yaml.vignette("graph", scenes, start, rng=random.Random(seed))
    path = vignette_yaml.write(folder, written, "graph")
    problems = check_paths([path])

    ids = [s.id for s in scenes]
    edges = {s.id: [x for x in s.targets if x in ids] for s in scenes}
    reverse = {i: [s for s in ids if i in edges[s]] for i in ids}
    reached = closure([start], edges)
    can_end = closure([s.id for s in scenes if s.ending], reverse)
    expected = set()
    for index, s in enumerate(scenes):
        line = written.lines[("scene", index)]
        if s.id not in reached:
            expected.add(Problem(str(path), line, t("check.unreachable", where=where(s.id))))
        if s.id not in can_end:
            expected.add(Problem(str(path), line, t("check.no_way_out", where=where(s.id))))
        if not s.ending and not 3 <= len(s.targets) <= 4:
            expected.add(Problem(str(path), written.lines[("scene", index, "choices")], t(
                "check.choice_count", where=where(s.id), count=len(s.targets), low=3, high=4)))
    dangling = {written.lines[("choice", i, j, "next")]
                for i, s in enumerate(scenes) for j, target in enumerate(s.targets) if target == "nowhere"}

    graph_problems = {p for p in problems if p.line not in dangling}
    assert graph_problems == expected
    for line in dangling:
        [problem] = [p for p in problems if p.line == line]
        assert "'nowhere'" in problem.message
    if expected or dangling:
        with pytest.raises(VignetteError):
            load(path)
    else:
        assert [s.id for s in load(path).scenes] == ids


# -- 2. malformed input never breaks the checker ----------------------------------------------

# YAML (1.1, as PyYAML reads it) also ends a line at NEL and at the Unicode line and paragraph
# separators, which yaml.safe_dump writes as they are: the checker's line numbers count them too.
YAML_ONLY_BREAKS = "\x85\u2028\u2029"


def line_breaks(text: str) -> int:
    """At least as many line breaks as YAML sees in `text` (a CR LF counts twice)."""
    return sum(text.count(c) for c in "\n\r" + YAML_ONLY_BREAKS)


def assert_answers_sanely(path, text_lines: int | None = None):
    problems = check_paths([path])   # must not raise
    for p in problems:
        assert p.file == str(path) and p.line >= 1 and p.message
        assert not p.message.startswith(INTERNAL), p
        if text_lines is not None:
            assert p.line <= text_lines + 1, p
    try:
        load(path)
    except VignetteError as error:
        assert error.problems == sorted(problems)
    else:
        assert problems == []
    return problems


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@SETTINGS
@given(data=st.binary(max_size=3000))
def test_random_bytes(folder, parser, data):
    yamlsource.LOADER = parser
    try:
        path = folder / "example" / "bytes.yml"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        problems = assert_answers_sanely(path, line_breaks(data.decode("utf-8", errors="replace")))
        assert problems, "random bytes are never a valid vignette"
    finally:
        yamlsource.LOADER = PARSERS[-1]


TOKENS = ["id: ", "title: ", "scenes:", "choices:", "next: ", "feedback:", "text: ", "- ", "  ", "    ", "\n",
          "\n", ":", ": ", "[", "]", "{", "}", ",", "'", '"', "&a ", "*a", "!!python/object ", "!x ", "# c",
          "---", "...", "|", ">", "?", "\t", "%YAML 1.1\n", "é", "\x00", "\ufeff", "1", "yes", "~", "<<: ",
          "opening", "R4", "\r", "\u2028", "\\", "@", "`"]


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@SETTINGS
@given(pieces=st.lists(st.sampled_from(TOKENS), max_size=60))
def test_random_yaml_fragments(folder, parser, pieces):
    yamlsource.LOADER = parser
    try:
        text = "".join(pieces)
        path = vignette_yaml.write(folder, text, "fragment")
        assert_answers_sanely(path)
    finally:
        yamlsource.LOADER = PARSERS[-1]


KEYS = sorted(set(rules.VIGNETTE) | set(rules.SCENE) | set(rules.CHOICE) | set(rules.FEEDBACK)) + ["x", "<<"]
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
data_trees = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.sampled_from(KEYS), inner, max_size=6), max_leaves=25)


@SETTINGS
@given(tree=st.dictionaries(st.sampled_from(KEYS), data_trees, max_size=12))
@example(tree={"arousal_and_safety": None, "reflection": ["\x85", "\x85", None]})   # found in CI
def test_random_data_in_the_shape_of_a_vignette(folder, tree):
    text = yaml.safe_dump(tree, sort_keys=False, allow_unicode=True)
    path = vignette_yaml.write(folder, text, "tree")
    assert_answers_sanely(path, line_breaks(text))


# -- 2b. mutations of a valid vignette: the expected problem, at the right line ------------------

def base_vignette(seed: int):
    return vignette_yaml.vignette("mutant", vignette_yaml.small_graph(), "opening", rng=random.Random(seed))


def rows(written):
    return written.text.splitlines(keepends=True)


def where_of(key: tuple) -> str:
    """The `where` text of the mapping a recorded key belongs to (graph of small_graph)."""
    ids = [s.id for s in vignette_yaml.small_graph()]
    kind = key[0]
    if kind == "vignette":
        return t("check.where.vignette")
    scene = where(ids[key[1]])
    if kind == "scene":
        return scene
    if kind == "ending":
        return t("check.where.ending", scene=scene)
    choice = t("check.where.choice", choice=f"move-{key[2]}", scene=scene)
    return choice if kind == "choice" else t("check.where.feedback", choice=choice)


PART = {"vignette": "vignette", "scene": "scene", "choice": "choice", "feedback": "feedback", "ending": "ending"}
ALLOWED = {"vignette": rules.VIGNETTE, "scene": rules.SCENE, "choice": rules.CHOICE,
           "feedback": rules.FEEDBACK, "ending": rules.ENDING}


def key_entries(written):
    """(record key, line) for every `key: value` written, e.g. (("choice", 0, 1, "next"), 27)."""
    return [(k, line) for k, line in written.lines.items()
            if len(k) > 1 and k[0] in ALLOWED and k[-1] in ALLOWED[k[0]]]


@SETTINGS
@given(seed=st.integers(0, 2**32), pick=st.integers(0, 10**6))
def test_deleting_a_required_key_is_reported_where_its_group_starts(folder, seed, pick):
    written = base_vignette(seed)
    group_lines = {k: line for k, line in written.lines.items() if k[-1] not in ALLOWED.get(k[0], ())}
    # a required key whose value is on its own line, and which does not open its list item
    candidates = [(k, line) for k, line in key_entries(written)
                  if ALLOWED[k[0]][k[-1]] and k[-1] not in ("scenes", "reflection", "feedback", "ending")
                  and line != group_lines[k[:-1]]]
    key, line = candidates[pick % len(candidates)]
    lines = rows(written)
    del lines[line - 1]
    path = vignette_yaml.write(folder, "".join(lines), "mutant")
    problems = assert_answers_sanely(path)
    part, name = PART[key[0]], key[-1]
    place = where_of(key[:-1])
    if key[0] == "scene" and name == "id":
        place = t("check.where.scene_number", number=key[1] + 1)
    if key[0] == "choice" and name == "id":
        place = t("check.where.choice_number", number=key[2] + 1, scene=where_of(("scene", key[1])))
    expected = Problem(str(path), group_lines[key[:-1]], t("check.missing", name=name, where=place,
                                                            what=t(f"check.fields.{part}.{name}")))
    assert expected in problems


def misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    kind = rng.choice(["drop", "swap", "double", "upper", "letter"])
    if kind == "drop" and len(word) > 2:
        return word[:i] + word[i + 1:]
    if kind == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "upper":
        return word[0].upper() + word[1:]
    return word[:i] + rng.choice(string.ascii_lowercase) + word[i + 1:]


@SETTINGS
@given(seed=st.integers(0, 2**32), pick=st.integers(0, 10**6))
def test_a_misspelt_key_is_reported_at_its_line(folder, seed, pick):
    written = base_vignette(seed)
    rng = random.Random(pick)
    key, line = key_entries(written)[pick % len(key_entries(written))]
    name = key[-1]
    wrong = misspell(name, rng)
    assume(wrong not in ALLOWED[key[0]])
    lines = rows(written)
    lines[line - 1] = lines[line - 1].replace(f"{name}:", f"{wrong}:", 1)
    path = vignette_yaml.write(folder, "".join(lines), "mutant")
    problems = assert_answers_sanely(path)
    place = where_of(key[:-1])
    if name == "id" and key[0] == "scene":
        place = t("check.where.scene_number", number=key[1] + 1)
    if name == "id" and key[0] == "choice":
        place = t("check.where.choice_number", number=key[2] + 1, scene=where_of(("scene", key[1])))
    allowed = ALLOWED[key[0]]
    acceptable = {t("check.unknown_key", name=wrong, where=place, allowed=", ".join(allowed))}
    acceptable |= {t("check.unknown_key_suggest", name=wrong, where=place, suggestion=s) for s in allowed}
    at_line = [p.message for p in problems if p.line == line]
    assert acceptable & set(at_line), at_line
    if wrong.lower() == name:   # only the case differs: the intent is clear
        assert t("check.unknown_key_suggest", name=wrong, where=place, suggestion=name) in at_line


@SETTINGS
@given(seed=st.integers(0, 2**32), scenes=st.booleans(), pair=st.sampled_from([(0, 1), (0, 2), (1, 2)]))
def test_an_id_used_twice_is_reported_at_the_second(folder, seed, scenes, pair):
    written = base_vignette(seed)
    first, second = pair
    lines = rows(written)
    if scenes:
        ids = [s.id for s in vignette_yaml.small_graph()]
        at, was = written.lines[("scene", second, "id")], ids[second]
        lines[at - 1] = lines[at - 1].replace(f"id: {was}", f"id: {ids[first]}")
        expected = t("check.duplicate_scene", id=ids[first], first=written.lines[("scene", first, "id")])
    else:
        at = written.lines[("choice", 0, second, "id")]
        lines[at - 1] = lines[at - 1].replace(f"id: move-{second}", f"id: move-{first}")
        expected = t("check.duplicate_choice", id=f"move-{first}", where=where("opening"),
                     first=written.lines[("choice", 0, first, "id")])
    path = vignette_yaml.write(folder, "".join(lines), "mutant")
    problems = assert_answers_sanely(path)
    assert Problem(str(path), at, expected) in problems


@SETTINGS
@given(seed=st.integers(0, 2**32), which=st.integers(0, 2),
       target=st.text(string.ascii_lowercase + "-", min_size=1, max_size=15))
def test_a_next_to_nowhere_is_reported_at_its_line(folder, seed, which, target):
    ids = [s.id for s in vignette_yaml.small_graph()]
    assume(target not in ids and not target.startswith("-") and "--" not in target and not target.endswith("-"))
    assume(target not in ("y", "n", "yes", "no", "on", "off", "true", "false", "null"))
    written = base_vignette(seed)
    at = written.lines[("choice", 0, which, "next")]
    lines = rows(written)
    lines[at - 1] = lines[at - 1].split("next:")[0] + f"next: {target}\n"
    path = vignette_yaml.write(folder, "".join(lines), "mutant")
    problems = assert_answers_sanely(path)
    acceptable = {t("check.unknown_target", target=target, field="next", scenes=", ".join(ids))}
    acceptable |= {t("check.unknown_target_suggest", target=target, field="next", suggestion=s) for s in ids}
    assert acceptable & {p.message for p in problems if p.line == at}
