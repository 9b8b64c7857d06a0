"""Group mode, the participant's side: what a participant shares with the group, and nothing more.

A participant who joins gets a random code (never their name). From then on each choice they make
in a vignette and each knowledge-check answer they check is written to one file of their own,
`<folder>/<code>.json`, in the folder the facilitator named (on a JupyterHub, a shared folder). The
file holds, per choice: the vignette's id, the decision (the scene's id), the choice's id and the
time to the minute; per answer: the knowledge check's id, the question's id, the option ids chosen
and whether they fit the course's reading. Reflections and other texts are never in it, unless the
participant shares one with `share_reflection`.

Why one file per participant, rewritten whole: nobody ever writes another's file, so twenty people
at once never wait on or overwrite each other. Each write goes to a temporary file in the same
folder first and then takes the real name with os.replace, which is atomic on one filesystem: a
reader sees the old file or the new one, never half of one.

Why the file is made from the journal each time (not appended to): the journal is the record; the
file is a view of what it holds since the moment of joining. So two notebooks of one participant
(module 1 and module 2 open at once, each with its own GroupMode on the same journal) write the
same content, a choice made where group mode was not shown is shared at the next write, and a
participant who reopens a notebook is back in (the code and folder are kept in the journal's
settings) with nothing lost or doubled.
"""
from __future__ import annotations

import json
import os
import secrets
import sys
import tempfile
import threading
from pathlib import Path

from casebook.errors import CourseError
from casebook.journal.store import AnswerRecord, StepRecord
from casebook.strings import t

ENV_VAR = "CASEBOOK_GROUP_FOLDER"
FORMAT = 1
# Settings kept in the journal while a participant is in group mode ("" once they leave).
CODE_KEY, FOLDER_KEY, SINCE_KEY, REFLECTIONS_KEY = "group_code", "group_folder", "group_since", "group_reflections"
QUIZ_KIND = "quiz"
# Letters and digits that cannot be mistaken for each other when read aloud or off a screen.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_CODE_LENGTH = 8


class GroupError(CourseError):
    """Group mode cannot do what was asked; the message says why in words and what to do."""


def default_folder() -> Path:
    """The group folder to offer: CASEBOOK_GROUP_FOLDER when set (on a hub, the shared folder the
    administrator named), else a folder `group` in the course's user data folder (one computer)."""
    named = os.environ.get(ENV_VAR, "").strip()
    if named:
        return Path(named).expanduser()
    import platformdirs
    return Path(platformdirs.user_data_dir("casebook")) / "group"


def shown_path(path) -> str:
    """A folder as the views show it: the home folder as ~, so that no user name appears on a
    projector or in the book's static preview (join() expands ~ again)."""
    text, home = str(path), str(Path.home())
    if home not in ("", "/") and (text == home or text.startswith(home + os.sep)):
        return "~" + text[len(home):]
    return text


def in_browser() -> bool:
    """True in the browser's Python (JupyterLite): no folder there is shared with anyone."""
    return sys.platform == "emscripten"


def minute(created) -> str:
    """A record's time to the minute, in UTC: enough to follow a session, no finer."""
    return created.strftime("%Y-%m-%dT%H:%MZ")


def new_code(folder: Path | None = None) -> str:
    """A random code, not yet used in `folder`."""
    while True:
        code = "".join(secrets.choice(_ALPHABET) for _ in range(_CODE_LENGTH))
        if folder is None or not (folder / f"{code}.json").exists():
            return code


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` as `path`: a temporary file in the same folder, flushed to disk, then renamed.
    The temporary name ends in .tmp, so a reader looking for *.json never picks it up."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file readable by its owner only: the facilitator (on a hub, another
        # user) must be able to read it. Codes are random, so this reveals no one.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def folder_problem(folder: Path) -> str | None:
    """Why `folder` cannot be used for group mode, in words; None when it can."""
    if in_browser():
        return t("group.error_browser")
    if not folder.exists():
        return t("group.error_no_folder", folder=folder)
    if not folder.is_dir():
        return t("group.error_not_folder", folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        return t("group.error_not_writable", folder=folder, reason=t("group.reason_permission"))
    return None


class GroupMode:
    """One participant's group mode over their journal.

    `GroupMode(journal)` shares nothing and reads nothing of the group folder, unless this journal
    joined before and has not left: then it is back in, under the same code and folder.
    """

    def __init__(self, journal):
        self.journal = journal
        self.error: str | None = None      # the words of the last write that failed, None after one that worked
        self.listeners: list = []          # called with this GroupMode after every write (views update)
        self._lock = threading.Lock()
        self._listening = False
        if self.joined:
            self._listen()
            self._refresh_quietly()

    # -- state -----------------------------------------------------------------------------------
    @property
    def code(self) -> str | None:
        return self.journal.setting(CODE_KEY) or None

    @property
    def folder(self) -> Path | None:
        folder = self.journal.setting(FOLDER_KEY)
        return Path(folder) if folder else None

    @property
    def joined(self) -> bool:
        return bool(self.code and self.folder)

    @property
    def path(self) -> Path | None:
        """This participant's file, while they are in group mode."""
        return self.folder / f"{self.code}.json" if self.joined else None

    # -- joining and leaving -------------------------------------------------------------------------
    def join(self, folder=None) -> str:
        """Join the group that uses `folder` (default: default_folder()); returns the new code."""
        folder = Path(folder).expanduser() if folder not in (None, "") else default_folder()
        folder = Path(os.path.abspath(folder))
        if self.joined:
            if self.folder == folder:
                return self.code
            raise GroupError(t("group.error_already", folder=self.folder))
        problem = folder_problem(folder)
        if problem:
            raise GroupError(problem)
        code = new_code(folder)
        since = {"step": max((s.id for s in self.journal.steps()), default=0),
                 "answer": max((a.id for a in self.journal.answers()), default=0)}
        try:
            write_atomically(folder / f"{code}.json", self._content(code, since, []))
        except OSError as error:
            raise GroupError(t("group.error_not_writable", folder=folder, reason=error.strerror or error)) from None
        # Kept only once the file is there: a join that failed leaves nothing behind.
        self.journal.set_setting(SINCE_KEY, json.dumps(since))
        self.journal.set_setting(REFLECTIONS_KEY, "[]")
        self.journal.set_setting(FOLDER_KEY, str(folder))
        self.journal.set_setting(CODE_KEY, code)
        self.error = None
        self._listen()
        self._tell()
        return code

    def leave(self, delete: bool = False) -> None:
        """Stop sharing. With delete=True the participant's file is removed from the folder too;
        without, what they shared so far stays in the group's view."""
        if not self.joined:
            return
        path = self.path
        self._stop_listening()
        self._forget()
        self.error = None
        failure = None
        if delete:
            with self._lock:
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass
                except OSError as error:
                    failure = t("group.error_delete", path=path, reason=error.strerror or error)
        self._tell()
        if failure:
            raise GroupError(failure)

    # -- sharing -------------------------------------------------------------------------------------
    def share_reflection(self, vignette_id: str, text: str, prompt: str | None = None) -> None:
        """Share one text with the group (under the code, like everything else): only ever called
        when the participant asks for it."""
        if not self.joined:
            raise GroupError(t("group.error_not_joined"))
        text = (text or "").strip()
        if not text:
            raise GroupError(t("group.error_empty_reflection"))
        shared = self._reflections()
        entry = {"exercise": vignette_id, "prompt": prompt or "", "text": text}
        if entry not in shared:          # the same text shared twice shows once
            shared.append(entry)
            self.journal.set_setting(REFLECTIONS_KEY, json.dumps(shared, ensure_ascii=False))
        self.refresh()
        if self.error:
            raise GroupError(self.error)

    def shared(self) -> dict:
        """What this participant's file holds now (as the facilitator's dashboard reads it)."""
        if not self.joined:
            return {"choices": [], "answers": [], "reflections": []}
        return json.loads(self._content(self.code, self._since(), self._reflections()))

    def refresh(self) -> None:
        """Write the file again from the journal; a failure is kept in `.error` (in words).

        A file that is gone from a folder that is still there was removed by the facilitator (who
        clears the folder after a session) or by this participant from another notebook: group mode
        ends then, so that nothing done later, at home or in the next session, is shared unasked."""
        if not self.joined:
            return
        ended = False
        with self._lock:
            path = self.path
            try:
                if not path.parent.is_dir():
                    raise FileNotFoundError(2, t("group.reason_folder_gone"))
                if not path.exists():
                    ended = True
                else:
                    write_atomically(path, self._content(self.code, self._since(), self._reflections()))
                    self.error = None
            except OSError as error:
                self.error = t("group.error_write", folder=path.parent, reason=error.strerror or error)
        if ended:
            self._stop_listening()
            self._forget()
            self.error = t("group.ended", folder=path.parent)
        self._tell()

    # -- inside ------------------------------------------------------------------------------------
    def _content(self, code: str, since: dict, reflections: list) -> bytes:
        choices = [{"exercise": s.vignette_id, "scene": s.scene_id, "choice": s.choice_id,
                    "time": minute(s.created)}
                   for s in self.journal.choices() if s.id > since["step"]]
        answers = [{"exercise": a.exercise_id, "question": a.item_id, "options": _option_ids(a.answer),
                    "outcome": a.outcome, "time": minute(a.created)}
                   for a in self.journal.answers(kind=QUIZ_KIND) if a.id > since["answer"]]
        content = {"format": FORMAT, "code": code, "choices": choices, "answers": answers,
                   "reflections": reflections}
        return json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8")

    def _since(self) -> dict:
        try:
            since = json.loads(self.journal.setting(SINCE_KEY) or "{}")
            return {"step": int(since.get("step", 0)), "answer": int(since.get("answer", 0))}
        except (ValueError, TypeError, AttributeError):
            return {"step": 0, "answer": 0}

    def _reflections(self) -> list:
        try:
            shared = json.loads(self.journal.setting(REFLECTIONS_KEY) or "[]")
        except ValueError:
            return []
        return [r for r in shared if isinstance(r, dict)] if isinstance(shared, list) else []

    def _forget(self) -> None:
        for key in (CODE_KEY, FOLDER_KEY, SINCE_KEY, REFLECTIONS_KEY):
            self.journal.set_setting(key, "")

    def _heard(self, record) -> None:
        """The journal's listener: a new choice or knowledge-check answer rewrites the file."""
        if isinstance(record, StepRecord) and record.kind == "choose" or \
                isinstance(record, AnswerRecord) and record.kind == QUIZ_KIND:
            self.refresh()

    def _refresh_quietly(self) -> None:
        try:
            self.refresh()
        except Exception as error:   # noqa: BLE001 - reopening a notebook must never fail on this
            self.error = t("group.error_write", folder=self.folder, reason=error)

    def _listen(self) -> None:
        if not self._listening:
            self.journal.listeners.append(self._heard)
            self._listening = True

    def _stop_listening(self) -> None:
        if self._listening:
            try:
                self.journal.listeners.remove(self._heard)
            except ValueError:
                pass
            self._listening = False

    def _tell(self) -> None:
        for listener in list(self.listeners):
            try:
                listener(self)
            except Exception:   # noqa: BLE001 - a view that fails must not stop sharing
                pass


def _option_ids(answer) -> list[str]:
    """The option ids of a knowledge-check answer, as the journal kept them (a list of ids)."""
    if isinstance(answer, (list, tuple)):
        return [str(a) for a in answer]
    return [str(answer)]
