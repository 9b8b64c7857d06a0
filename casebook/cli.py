"""The command line: `python -m casebook check PATH...` and `python -m casebook export`.

Exit codes: 0 all is well, 1 problems found (or the export failed), 2 the command was not
understood. Arguments are parsed by hand, not with argparse, so that every text the user sees
comes from the strings table (a Dutch edition follows) and no usage error ends in a traceback.
"""
from __future__ import annotations

import os
import sys

from casebook.strings import t

OK, PROBLEMS, USAGE = 0, 1, 2
_HELP = {"-h", "--help", "help"}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    for stream in (sys.stdout, sys.stderr):   # odd file names or a plain console must not crash us
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        if not args:
            return _usage_error(t("check.cli.no_command"))
        command, rest = args[0], args[1:]
        if command in _HELP:
            print(t("check.cli.usage"))
            return OK
        if command == "check":
            return check(rest)
        if command == "export":
            return export(rest)
        return _usage_error(t("check.cli.unknown_command", command=command))
    except KeyboardInterrupt:
        return 130


def check(args: list[str]) -> int:
    from casebook.authoring.checker import examine_paths, problems_of

    if _HELP & set(args):
        print(t("check.cli.usage"))
        return OK
    paths, error = _paths(args)
    if error:
        return _usage_error(error)
    examined = examine_paths(paths)
    if not examined:
        return _usage_error(t("check.cli.nothing_found", path=", ".join(paths)))
    problems = problems_of(examined)
    count = len(examined)
    if not problems:
        print(t("check.cli.valid_one") if count == 1 else t("check.cli.valid_other", count=count))
        return OK
    for problem in problems:
        print(problem)
    bad = len({problem.file for problem in problems})
    print(t("check.cli.summary_one") if count == 1 else t("check.cli.summary_other", count=count, bad=bad))
    return PROBLEMS


def _paths(args: list[str]) -> tuple[list[str], str | None]:
    """The paths to check, or why the arguments cannot be used. `--` ends the options."""
    paths: list[str] = []
    options_done = False
    for arg in args:
        if arg == "--" and not options_done:
            options_done = True
        elif arg.startswith("-") and len(arg) > 1 and not options_done:
            return [], t("check.cli.unknown_option", option=arg)
        elif not os.path.lexists(arg):
            return [], t("check.cli.not_found", path=arg)
        else:
            paths.append(arg)
    if not paths:
        return [], t("check.cli.no_path")
    return paths, None


def export(args: list[str]) -> int:
    if _HELP & set(args):
        print(t("check.cli.usage"))
        return OK
    options = {"--journal": None, "--out": None}
    examples = {"--journal": "PATH", "--out": "FILE"}
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        name, has_value, value = arg.partition("=")
        if name not in options:
            return _usage_error(t("check.cli.unknown_option", option=arg))
        if not has_value:
            if not rest or rest[0].startswith("--"):
                return _usage_error(t("check.cli.missing_value", option=name, example=examples[name]))
            value = rest.pop(0)
        if not value:
            return _usage_error(t("check.cli.missing_value", option=name, example=examples[name]))
        options[name] = value
    journal_path, out = options["--journal"], options["--out"]
    if journal_path is not None and not os.path.isfile(journal_path):
        return _usage_error(t("check.cli.journal_missing", path=journal_path))
    try:   # the export lives in its own modules; imported here so `check` never needs them
        from casebook.export import portfolio
        from casebook.journal import Journal, JournalError
    except ImportError as error:
        print(t("check.cli.export_unavailable", error=error), file=sys.stderr)
        return PROBLEMS
    try:
        with Journal(journal_path) as journal:
            text = portfolio(journal, _course_content())
    except JournalError as error:   # already worded for the learner
        print(error, file=sys.stderr)
        return PROBLEMS
    except Exception as error:   # a damaged journal file: say so, never a traceback
        print(t("check.cli.export_failed", error=f"{type(error).__name__}: {error}"), file=sys.stderr)
        return PROBLEMS
    if out is None:
        print(text)
        return OK
    try:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        print(t("check.cli.write_failed", path=out, reason=error.strerror or error), file=sys.stderr)
        return PROBLEMS
    print(t("check.cli.written", path=out))
    return OK


def _course_content() -> list:
    """The course's valid vignettes and exercises, so the portfolio can show titles and texts."""
    from casebook.export import course_content
    return course_content()


def _usage_error(message: str) -> int:
    print(f"{message}\n\n{t('check.cli.usage')}", file=sys.stderr)
    return USAGE
