"""The vignette format's rules (spec: vignette-format.md), applied to data read by `yamlsource`.

`problems(data, path)` returns every problem of one file at once, each at its line, in words
a clinician who writes vignettes can act on. It never raises and never stops at the first
problem: a trainer should be able to fix a file in one pass.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from casebook import bookpages
from casebook.errors import Problem
from casebook.kinds.vignette.graph import Graph
from casebook.strings import t
from casebook.yamlsource import YamlList, YamlMap, shorten

ID_SHAPE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
BOOK_SECTION_SHAPE = re.compile(r"(book/(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.md)(?:#([A-Za-z0-9_-]+))?\Z")
EXAMPLE_MODULE = "example"   # the authoring page's example lives in its own folder, outside the modules
CHOICES_PER_DECISION = (3, 4)
REFLECTION_PROMPTS = (1, 3)
MINUTES = (1, 240)

# The keys each part of a vignette may have: key -> required?
VIGNETTE = {"id": True, "title": True, "module": True, "key_ideas": True, "book_section": True,
            "minutes": False, "content_note": False, "setting": True, "client": True, "start": True,
            "scenes": True, "reflection": True}
SCENE = {"id": True, "text": True, "pull": False, "choices": False, "ending": False}
# A choice may name its own book page (an integrative vignette draws on every module's chapter).
CHOICE = {"id": True, "text": True, "feedback": True, "key_ideas": False, "next": True, "book_section": False}
FEEDBACK = {"protection": True, "arousal_and_safety": True, "relationship": True}
ENDING = {"title": True, "debrief": True}
# Keys of an earlier edition of the format -> today's name, so an old file gets "rename X to Y".
RENAMED = {"nervous_system": "arousal_and_safety"}   # second edition: what a clinician can observe


@lru_cache(maxsize=1)
def known_key_ideas() -> dict[str, str]:
    """Key-idea ID -> module, from casebook/key_ideas.yml (a trusted package file)."""
    text = resources.files("casebook").joinpath("key_ideas.yml").read_text(encoding="utf-8")
    return {idea: module for module, entry in yaml.safe_load(text).items() for idea in entry["ideas"]}


def known_modules() -> list[str]:
    """The modules with key ideas, the course's other parts (course.yml: the capstone), the example."""
    from casebook.course import course
    return sorted(set(known_key_ideas().values()) | {m.id for m in course().modules}) + [EXAMPLE_MODULE]


def problems(data, path: Path) -> list[Problem]:
    return _Rules(path).run(data)


def _kind(value) -> str:
    """What a value is, in a writer's words (for 'should be X, but it is Y')."""
    if isinstance(value, YamlMap):
        return t("check.kinds.mapping")
    if isinstance(value, YamlList):
        return t("check.kinds.list")
    if isinstance(value, bool):
        return t("check.kinds.yes_no")
    if isinstance(value, (int, float)):
        return t("check.kinds.number")
    return t("check.kinds.text")


_QUOTED = {"name", "value", "module", "idea", "id", "suggestion", "page", "anchor", "target"}


def _colon_in_text(value, line: int) -> bool:
    """A text with ': ' in it, unquoted, reads as a one-line `key: value` group: say so plainly."""
    return isinstance(value, YamlMap) and len(value) == 1 and value.line == line \
        and isinstance(next(iter(value.values())), (str, int, float, bool))


def _tail(text, words: int = 4) -> str:
    """The last few words before the colon: enough to find the spot on the line."""
    parts = str(text).split()
    return " ".join(parts[-words:]) if len(parts) <= words else "…" + " ".join(parts[-words:])


def _nearest(word: str, candidates) -> str | None:
    candidates = list(candidates)
    folded = {c.lower().replace("-", "_").replace(" ", "_"): c for c in candidates}
    plain = word.lower().replace("-", "_").replace(" ", "_")
    if plain in folded:   # Title, nervous system, nervous-system: the intent is clear
        return folded[plain]
    match = difflib.get_close_matches(plain, list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


class _Rules:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.file = str(path)
        self.found: list[Problem] = []
        self.graph = Graph()

    def add(self, line: int, message: str, **values) -> None:
        # What the writer wrote is quoted back shortened: a whole paragraph would bury the message.
        for name in _QUOTED & values.keys():
            values[name] = shorten(values[name])
        self.found.append(Problem(self.file, max(1, line), t(f"check.{message}", **values)))

    # -- the whole file ------------------------------------------------------------------

    def run(self, data) -> list[Problem]:
        if not isinstance(data, YamlMap):
            self.add(getattr(data, "line", 1), "not_mapping", actual=_kind(data))
            return self.found
        if not data:
            self.add(data.line, "empty_file")
            return self.found
        if not data.keys() & VIGNETTE.keys():   # some other YAML file: one message, not twelve
            self.add(data.line, "not_a_vignette", keys=", ".join(shorten(k, 20) for k in list(data)[:5]))
            return self.found
        where = t("check.where.vignette")
        self.keys(data, VIGNETTE, where, "vignette")
        ident = self.ident(data, "id", where, "vignette", suggestion=self.path.stem)
        if ident is not None and ID_SHAPE.match(ident):   # a bad id already says what to change
            self.file_name(ident, data.key_lines["id"])
        module = self.text(data, "module", where, "vignette")
        if module is not None:
            self.module(module, data.key_lines["module"])
        self.text(data, "title", where, "vignette")
        self.key_ideas(data, where, required=True)
        section = self.text(data, "book_section", where, "vignette")
        if section is not None:
            self.book_section(section, data.key_lines["book_section"])
        self.minutes(data, where)
        for key in ("content_note", "setting", "client"):
            self.text(data, key, where, "vignette")
        self.reflection(data, where)
        scenes = self.items(data, "scenes", where, "vignette", "scene_list")
        if scenes is not None and not scenes:
            self.empty(data, "scenes", where, "vignette")
        for number, scene in enumerate(scenes or (), start=1):
            self.scene(scenes, number, scene)
        start = self.ident(data, "start", where, "vignette")
        self.found += self.graph.problems(self.file, start, data.key_lines.get("start", data.line))
        return self.found

    # -- building blocks -----------------------------------------------------------------

    def keys(self, mapping: YamlMap, allowed: dict[str, bool], where: str, part: str) -> None:
        """Unknown keys (with the nearest known key) and missing required keys, at once."""
        suggested = set()
        for key in mapping:
            if key in allowed:
                continue
            line = mapping.key_lines[key]
            if RENAMED.get(key) in allowed and RENAMED[key] not in mapping:
                suggested.add(RENAMED[key])
                self.add(line, "renamed_key", name=key, where=where, suggestion=RENAMED[key])
                continue
            guess = _nearest(key, [k for k in allowed if k not in mapping])
            if guess:
                suggested.add(guess)
                self.add(line, "unknown_key_suggest", name=key, where=where, suggestion=guess)
            else:
                self.add(line, "unknown_key", name=key, where=where, allowed=", ".join(allowed))
        for key, required in allowed.items():
            # a misspelt key already points here ("did you mean ..."); one message is enough
            if required and key not in mapping and key not in suggested:
                self.add(mapping.line, "missing", name=key, where=where, what=t(f"check.fields.{part}.{key}"))

    def text(self, mapping: YamlMap, key: str, where: str, part: str):
        """The text at `key`, or None (with a problem when it is wrong, not when it is absent)."""
        if key not in mapping:
            return None
        value, line = mapping[key], mapping.key_lines[key]
        if isinstance(value, (bool, int, float)) and key in mapping.raw:
            value = mapping.raw[key]   # `title: Yes` means the text "Yes"
        if value is None or (isinstance(value, str) and not value.strip()):
            self.empty(mapping, key, where, part)
            return None
        if _colon_in_text(value, line):
            self.add(line, "colon_in_text", where=f"'{key}:' in {where}", before=_tail(next(iter(value))))
            return None
        if not isinstance(value, str):
            self.add(line, "wrong_type", name=key, where=where, expected=t("check.kinds.text"), actual=_kind(value))
            return None
        return value.strip()

    def empty(self, mapping: YamlMap, key: str, where: str, part: str) -> None:
        required = {"vignette": VIGNETTE, "scene": SCENE, "choice": CHOICE,
                    "feedback": FEEDBACK, "ending": ENDING}[part][key]
        self.add(mapping.key_lines[key], "empty" if required else "empty_optional", name=key, where=where,
                 what=t(f"check.fields.{part}.{key}"))

    def ident(self, mapping: YamlMap, key: str, where: str, part: str, suggestion: str = ""):
        value = self.text(mapping, key, where, part)
        if value is not None and not ID_SHAPE.match(value):
            if not ID_SHAPE.match(suggestion):
                suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "opening"
            self.add(mapping.key_lines[key], "bad_id", name=key, value=value, suggestion=suggestion)
        return value

    def items(self, mapping: YamlMap, key: str, where: str, part: str, expected: str):
        """The list at `key`, or None (with a problem when it is not a list)."""
        if key not in mapping:
            return None
        value = mapping[key]
        if value is None:
            self.empty(mapping, key, where, part)
            return None
        if not isinstance(value, YamlList):
            self.add(mapping.key_lines[key], "wrong_type", name=key, where=where,
                     expected=t(f"check.kinds.{expected}"), actual=_kind(value))
            return None
        return value

    def group(self, mapping: YamlMap, key: str, where: str, part: str, expected: str):
        """The `key: value` group at `key`, or None (with a problem when it is something else)."""
        if key not in mapping:
            return None
        value = mapping[key]
        if not isinstance(value, YamlMap):
            if value is None:
                self.empty(mapping, key, where, part)
            else:
                self.add(mapping.key_lines[key], "wrong_type", name=key, where=where,
                         expected=t(f"check.kinds.{expected}"), actual=_kind(value))
            return None
        return value

    # -- vignette fields -----------------------------------------------------------------

    def file_name(self, ident: str, line: int) -> None:
        stem = self.path.stem
        if ident != stem:
            self.add(line, "id_not_file", id=ident, name=self.path.name, stem=stem)

    def module(self, module: str, line: int) -> None:
        modules = known_modules()
        folder = self.path.parent.name
        if module not in modules:
            guess = _nearest(module, modules)
            if guess:
                self.add(line, "unknown_module_suggest", module=module, suggestion=guess)
            else:
                self.add(line, "unknown_module", module=module, modules=", ".join(modules))
        elif module != folder:
            self.add(line, "module_not_folder", module=module, folder=folder)

    def key_ideas(self, mapping: YamlMap, where: str, required: bool) -> None:
        part = "vignette" if required else "choice"
        ideas = self.items(mapping, "key_ideas", where, part, "idea_list")
        if ideas is None:
            return
        if required and not ideas:
            self.empty(mapping, "key_ideas", where, part)
        known = known_key_ideas()
        for index, idea in enumerate(ideas):
            line = ideas.item_lines[index]
            idea = ideas.raw.get(index, idea)
            if not isinstance(idea, str):
                self.add(line, "wrong_item", where=t("check.where.key_idea", number=index + 1),
                         expected=t("check.kinds.idea"), actual=_kind(idea))
            elif idea.strip().upper() in known and idea.strip() != idea.strip().upper():
                self.add(line, "unknown_idea_suggest", idea=idea, suggestion=idea.strip().upper())
            elif idea.strip() not in known:
                self.add(line, "unknown_idea", idea=idea, ranges=self.idea_ranges())

    @staticmethod
    def idea_ranges() -> str:
        by_module: dict[str, list[str]] = {}
        for idea, module in known_key_ideas().items():
            by_module.setdefault(module, []).append(idea)
        return ", ".join(f"{ids[0]}-{ids[-1]} ({module})" for module, ids in by_module.items())

    def book_section(self, section: str, line: int) -> None:
        shape = BOOK_SECTION_SHAPE.match(section)
        if not shape:
            self.add(line, "book_shape", value=section)
            return
        root = bookpages.repository_root(self.path)
        if root is None:   # a file outside the course (e.g. a draft in Downloads): shape only
            return
        page, anchor = shape.group(1), shape.group(2)
        if not (root / page).is_file():
            pages = sorted(str(p.relative_to(root).as_posix()) for p in (root / "book").rglob("*.md")) \
                if (root / "book").is_dir() else []
            guess = difflib.get_close_matches(page, pages, n=1, cutoff=0.6)
            if guess:
                self.add(line, "book_missing_suggest", page=page, suggestion=guess[0])
            else:
                self.add(line, "book_missing", page=page)
        elif anchor and anchor not in bookpages.anchors(root / page):
            offered = sorted(bookpages.anchors(root / page))
            guess = difflib.get_close_matches(anchor, offered, n=1, cutoff=0.6)
            if guess:
                self.add(line, "book_anchor_suggest", page=page, anchor=anchor, suggestion=guess[0])
            else:
                self.add(line, "book_anchor_missing", page=page, anchor=anchor)

    def minutes(self, mapping: YamlMap, where: str) -> None:
        if "minutes" not in mapping:
            return
        value, line = mapping["minutes"], mapping.key_lines["minutes"]
        low, high = MINUTES
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.add(line, "minutes", value=mapping.raw.get("minutes", value), low=low, high=high)

    def reflection(self, mapping: YamlMap, where: str) -> None:
        prompts = self.items(mapping, "reflection", where, "vignette", "prompt_list")
        if prompts is None:
            return
        low, high = REFLECTION_PROMPTS
        if not low <= len(prompts) <= high:
            self.add(mapping.key_lines["reflection"], "reflection_count", count=len(prompts), low=low, high=high)
        for index, prompt in enumerate(prompts):
            prompt = prompts.raw.get(index, prompt)
            place = t("check.where.reflection", number=index + 1)
            if prompt is None or (isinstance(prompt, str) and not prompt.strip()):
                self.add(prompts.item_lines[index], "empty_item", where=place)
            elif _colon_in_text(prompt, prompts.item_lines[index]):
                self.add(prompts.item_lines[index], "colon_in_text", where=place, before=_tail(next(iter(prompt))))
            elif not isinstance(prompt, str):
                self.add(prompts.item_lines[index], "wrong_item", where=place,
                         expected=t("check.kinds.text"), actual=_kind(prompt))

    # -- scenes and choices --------------------------------------------------------------

    def scene(self, scenes: YamlList, number: int, scene) -> None:
        line = scenes.item_lines[number - 1]
        if not isinstance(scene, YamlMap):
            self.add(line, "wrong_item", where=t("check.where.scene_number", number=number),
                     expected=t("check.kinds.scene"), actual=_kind(scene) if scene is not None else t("check.kinds.nothing"))
            return
        numbered = t("check.where.scene_number", number=number)
        ident = self.ident(scene, "id", numbered, "scene")
        where = t("check.where.scene", scene=shorten(ident)) if ident else numbered
        self.keys(scene, SCENE, where, "scene")
        self.text(scene, "text", where, "scene")
        self.text(scene, "pull", where, "scene")
        has_choices, has_ending = "choices" in scene, "ending" in scene
        if has_choices and has_ending:
            self.add(line, "choices_and_ending", where=where)
        elif not has_choices and not has_ending:
            self.add(line, "no_choices_no_ending", where=where)
        node = self.graph.add_scene(ident, where, scene.key_lines.get("id", line), line,
                                    is_ending=has_ending, is_dead_end=not (has_choices or has_ending))
        ending = self.group(scene, "ending", where, "scene", "ending")
        if ending is not None:
            ending_where = t("check.where.ending", scene=where)
            self.keys(ending, ENDING, ending_where, "ending")
            self.text(ending, "title", ending_where, "ending")
            self.text(ending, "debrief", ending_where, "ending")
        choices = self.items(scene, "choices", where, "scene", "choice_list")
        if choices is None:
            return
        low, high = CHOICES_PER_DECISION
        if not low <= len(choices) <= high:
            self.add(scene.key_lines["choices"], "choice_count", where=where, count=len(choices), low=low, high=high)
        for index, choice in enumerate(choices):
            self.choice(choices, index, choice, where, node)

    def choice(self, choices: YamlList, index: int, choice, scene_where: str, node) -> None:
        line = choices.item_lines[index]
        numbered = t("check.where.choice_number", number=index + 1, scene=scene_where)
        if not isinstance(choice, YamlMap):
            self.add(line, "wrong_item", where=numbered, expected=t("check.kinds.choice"),
                     actual=_kind(choice) if choice is not None else t("check.kinds.nothing"))
            return
        ident = self.ident(choice, "id", numbered, "choice")
        where = t("check.where.choice", choice=shorten(ident), scene=scene_where) if ident else numbered
        if ident is not None:
            node.add_choice_id(ident, choice.key_lines["id"])
        self.keys(choice, CHOICE, where, "choice")
        self.text(choice, "text", where, "choice")
        self.key_ideas(choice, where, required=False)
        if "book_section" in choice:
            section = self.text(choice, "book_section", where, "choice")
            if section is not None:
                self.book_section(section, choice.key_lines["book_section"])
        target = self.text(choice, "next", where, "choice")
        if target is not None:
            node.add_edge(target, choice.key_lines["next"])
        feedback = self.group(choice, "feedback", where, "choice", "feedback")
        if feedback is not None:
            feedback_where = t("check.where.feedback", choice=where)
            self.keys(feedback, FEEDBACK, feedback_where, "feedback")
            for key in FEEDBACK:
                self.text(feedback, key, feedback_where, "feedback")
