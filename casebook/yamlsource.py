"""Read a YAML file into plain Python data that remembers the line of every key and item.

One job: turn any bytes at all into data, `Problem`s or both, never an exception.
We walk YAML's event stream ourselves instead of using `yaml.safe_load` because that
  * forgets line numbers, which a trainer needs to find a mistake,
  * silently keeps the last of two equal keys, which hides a mistake,
  * expands aliases (a few hundred bytes can expand to gigabytes: "billion laughs"),
  * recurses once per nesting level, so a deeply nested file raises RecursionError.
Tags other than YAML's plain types are reported, never constructed.
"""
from __future__ import annotations

import codecs
import os
import re
import stat

import yaml
from yaml.events import (
    AliasEvent, CollectionStartEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
    ScalarEvent, SequenceEndEvent, StreamEndEvent,
)
from yaml.nodes import ScalarNode

from casebook.errors import Problem
from casebook.strings import t

MAX_BYTES = 1_000_000   # a long vignette is ~30 kB; anything near this size is the wrong file
MAX_DEPTH = 40          # a vignette nests 6 levels deep; the cap keeps hostile input cheap

# libyaml is ~10x faster; the pure-Python parser is the fallback (e.g. in the browser under Pyodide).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_YAML = "tag:yaml.org,2002:"
# Plain data only. Timestamps and the rest of YAML 1.1's extras are kept as the text written.
_PLAIN_SCALARS = {_YAML + name for name in ("str", "null", "bool", "int", "float", "timestamp", "merge", "value")}
_PLAIN_COLLECTIONS = {None, "!", _YAML + "map", _YAML + "seq"}
# Characters YAML forbids (same set as PyYAML's reader); checked first so both parsers agree.
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")   # what YAML counts as a new line


class YamlMap(dict):
    """A mapping as written: a plain dict, plus `line` (where it starts), `key_lines`
    (key -> line of the key) and `raw` (key -> the text written, for values YAML read as
    numbers or yes/no, so that `title: Yes` can still be read as the text "Yes")."""
    __slots__ = ("line", "key_lines", "raw")

    def __init__(self, line: int):
        super().__init__()
        self.line, self.key_lines, self.raw = line, {}, {}


class YamlList(list):
    """A sequence as written: a plain list, plus `line`, `item_lines` and `raw` (index -> text)."""
    __slots__ = ("line", "item_lines", "raw")

    def __init__(self, line: int):
        super().__init__()
        self.line, self.item_lines, self.raw = line, [], {}


def read(path: str | os.PathLike) -> tuple[object, list[Problem]]:
    """Read the YAML file at `path`: (data, problems).

    Data is None when the file could not be read as YAML at all. Problems that leave the
    structure intact (a duplicate key, a tag, an alias) come with the data, so that the
    format's rules can still report everything else in the same pass."""
    name = str(path)
    raw, problem = _read_bytes(path, name)
    if problem:
        return None, [problem]
    text, problem = _decode(raw, name)
    if problem:
        return None, [problem]
    return parse(text, name)


def parse(text: str, file: str = "<text>") -> tuple[object, list[Problem]]:
    """Parse YAML text: (data, problems), as `read`."""
    problems: list[Problem] = []
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        problems.append(Problem(file, _line_at(text, bad.start()), t(
            "check.control_char", code=f"U+{ord(bad.group()):04X}")))
        return None, problems
    loader = LOADER(text)
    try:
        data = _build(loader, file, problems)
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(error, text, file))
        data = None
    except yaml.YAMLError as error:   # unmarked (rare): say what YAML said, at the top
        problems.append(Problem(file, 1, t("check.yaml_syntax", hint=t("check.yaml_hints.other"), detail=str(error))))
        data = None
    finally:
        loader.dispose()
    if (data is _EMPTY or data is None) and not problems:   # no document, or only `---`
        problems.append(Problem(file, 1, t("check.empty_file")))
    return (None if data is _EMPTY else data), problems


# -- reading bytes -------------------------------------------------------------------------

def _read_bytes(path, name: str) -> tuple[bytes | None, Problem | None]:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return None, Problem(name, 1, t("check.is_folder"))
        if not stat.S_ISREG(info.st_mode):   # a pipe or device would block or never end
            return None, Problem(name, 1, t("check.not_a_file"))
        if info.st_size > MAX_BYTES:
            return None, Problem(name, 1, _too_big(info.st_size))
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)   # the size can change between stat and read
    except FileNotFoundError:
        return None, Problem(name, 1, t("check.file_missing"))
    except OSError as error:
        return None, Problem(name, 1, t("check.unreadable", reason=error.strerror or type(error).__name__))
    except ValueError:   # e.g. a NUL byte in the path itself
        return None, Problem(name, 1, t("check.file_missing"))
    if len(raw) > MAX_BYTES:
        return None, Problem(name, 1, _too_big(len(raw)))
    return raw, None


def _too_big(size: int) -> str:
    return t("check.too_big", size=f"{size / 1e6:.1f} MB", limit=f"{MAX_BYTES / 1e6:g} MB")


def _decode(raw: bytes, name: str) -> tuple[str | None, Problem | None]:
    if raw.startswith(codecs.BOM_UTF8):   # harmless marker some editors write
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = len(re.findall(rb"\r\n|[\n\r]", raw[:error.start])) + 1
        return None, Problem(name, line, t("check.not_utf8", byte=f"0x{raw[error.start]:02X}"))


def _line_at(text: str, position: int) -> int:
    return len(_LINE_BREAK.findall(text, 0, position)) + 1


# -- building data from events -------------------------------------------------------------

_EMPTY = object()     # the stream held no document at all
_SKIP = object()      # placeholder for a key that cannot be used (e.g. a list as a key)


class _Frame:
    """A mapping or list being filled; for a mapping, whether the next value is a key."""
    __slots__ = ("container", "key", "key_line", "want_key")

    def __init__(self, container):
        self.container, self.key, self.key_line, self.want_key = container, None, 0, True


def _build(loader, file: str, problems: list[Problem]):
    """Turn the event stream into YamlMap/YamlList/scalars without recursion."""
    stack: list[_Frame] = []
    root = _EMPTY
    documents = 0
    aliases: list[int] = []

    def wants_key() -> bool:
        return bool(stack) and isinstance(stack[-1].container, YamlMap) and stack[-1].want_key

    def put(value, line: int, raw: str | None = None, key_problem: str | None = None):
        """Place a finished value; `key_problem` says why it cannot serve as a key, if it is one."""
        nonlocal root
        if not stack:
            root = value
            return
        frame = stack[-1]
        box = frame.container
        if isinstance(box, YamlList):
            if raw is not None:
                box.raw[len(box)] = raw
            box.append(value)
            box.item_lines.append(line)
        elif frame.want_key:
            frame.want_key = False
            frame.key_line = line
            if key_problem:
                if key_problem != "reported":
                    problems.append(Problem(file, line, t(key_problem)))
                frame.key = _SKIP
            elif value in box:
                problems.append(Problem(file, line, t(
                    "check.duplicate_key", name=shorten(value), first=box.key_lines[value], line=line)))
                frame.key = _SKIP   # keep the first; the message names both lines
            else:
                frame.key = value
        else:
            frame.want_key = True
            if frame.key is not _SKIP:
                box[frame.key] = value
                box.key_lines[frame.key] = frame.key_line
                if raw is not None:
                    box.raw[frame.key] = raw

    while True:
        event = loader.get_event()
        line = event.start_mark.line + 1
        if isinstance(event, ScalarEvent):
            value, raw = _scalar(loader, event, file, problems)
            if wants_key():   # keys are kept as written (so `yes:` is the key "yes", not True)
                put(event.value, line)
            else:
                put(value, line, raw)
        elif isinstance(event, CollectionStartEvent):
            if event.tag not in _PLAIN_COLLECTIONS:
                problems.append(Problem(file, line, t("check.tag", tag=shorten(_as_written(event.tag)))))
            if len(stack) >= MAX_DEPTH:
                problems.append(Problem(file, line, t("check.too_deep", depth=MAX_DEPTH)))
                return None
            box = YamlMap(line) if isinstance(event, MappingStartEvent) else YamlList(line)
            stack.append(_Frame(box))
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            frame = stack.pop()
            box = frame.container
            put(box, box.line, key_problem="check.bad_key")
        elif isinstance(event, AliasEvent):
            # Never expanded: that is what makes "billion laughs" files harmless.
            aliases.append(line)
            put(None, line, key_problem="reported")
        elif isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                problems.append(Problem(file, line, t("check.second_document")))
                break
        elif isinstance(event, StreamEndEvent):
            break
    if aliases:
        problems.append(Problem(file, aliases[0], t("check.alias", count=len(aliases))))
    return root


def _scalar(loader, event: ScalarEvent, file: str, problems: list[Problem]) -> tuple[object, str | None]:
    """The value of a scalar, and the text as written when YAML read it as something else."""
    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(ScalarNode, event.value, event.implicit)
    if tag not in _PLAIN_SCALARS:
        problems.append(Problem(file, event.start_mark.line + 1, t("check.tag", tag=shorten(_as_written(event.tag)))))
        return event.value, None
    if tag == _YAML + "str":
        return event.value, None
    if tag == _YAML + "null":
        return None, None
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        if tag == _YAML + "bool":
            return loader.construct_yaml_bool(node), event.value
        if tag == _YAML + "int":
            return loader.construct_yaml_int(node), event.value
        if tag == _YAML + "float":
            return loader.construct_yaml_float(node), event.value
    except (ValueError, OverflowError):   # e.g. an integer with more digits than Python converts
        pass
    return event.value, None


def shorten(text, limit: int = 60) -> str:
    """A value quoted back in a message: long enough to find, short enough to read."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_colon(line: str) -> int:
    """Column of the first `: ` of a line, after any `- ` (where its key ends)."""
    found = re.search(r":(?:\s|$)", line)
    return found.start() if found else -1


def _as_written(tag: str) -> str:
    """`tag:yaml.org,2002:python/object` is what the writer typed as `!!python/object`."""
    return "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag


# -- syntax errors, in words a trainer can act on --------------------------------------------

# (what the parser says, which hint to give); the first match wins. libyaml and PyYAML word
# their messages differently, so both spellings are listed.
_HINTS = (
    ("unknown escape", "backslash"),
    ("mapping values are not allowed", "colon"),
    ("while scanning a quoted scalar", "quote"),
    ("while scanning a double-quoted scalar", "quote"),
    ("while scanning a simple key", "no_colon"),
    ("could not find expected ':'", "no_colon"),
    ("while parsing a flow", "brackets"),
    ("while scanning an alias", "special_start"),
    ("while scanning an anchor", "special_start"),
    ("while scanning a tag", "special_start"),
    ("block end", "indent"),
    ("did not find expected key", "indent"),
    ("expected '-' indicator", "indent"),
    ("expected <document start>", "indent"),
    ("did not find expected <document start>", "indent"),
)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    said = " ".join(filter(None, (error.context, error.problem)))
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    if "nesting depth" in said:   # libyaml's own depth limit, met before ours
        return Problem(file, line, t("check.too_deep", depth=MAX_DEPTH))
    hint = next((h for phrase, h in _HINTS if phrase in said), "other")
    lines = _LINE_BREAK.split(text)
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if hint in ("quote", "brackets") and error.context_mark:   # point at what was opened, not closed
        line = error.context_mark.line + 1
    elif hint == "colon" and mark and _first_colon(here) == mark.column:
        hint = "indent"   # the line's own `key:` is the surprise: it is indented too far
    elif "\t" in here[: len(here) - len(here.lstrip())] or "'\\t'" in said:
        hint = "tab"
    elif hint == "other" and "cannot start any token" in said:
        hint = "special_start"
    # At the end of the file the reader may point one line past the last: an editor has no such line.
    last = len(lines) - (1 if len(lines) > 1 and lines[-1] == "" else 0)
    return Problem(file, max(1, min(line, last)), t("check.yaml_syntax", hint=t(f"check.yaml_hints.{hint}"), detail=said))
