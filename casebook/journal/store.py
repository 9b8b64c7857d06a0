"""The learner's journal: every choice and reflection, in one SQLite file per learner.

Why SQLite and these settings: each write is its own transaction, committed before the call
returns (synchronous=FULL), so a kernel that dies a moment later loses nothing that was
acknowledged. The rollback journal (journal_mode=DELETE) rather than WAL keeps the file usable on
filesystems without shared memory, such as the browser-backed one of Pyodide. A busy timeout lets
two notebooks write to one journal at the same time: the second waits its turn instead of failing.

A file that is not a journal is never written to: we check before touching it, so nothing a
learner wrote can be lost to a wrong path.
"""
from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from casebook.journal import erasure, lite_storage
from casebook.errors import CourseError
from casebook.strings import t

SCHEMA_VERSION = 3
ENV_VAR = "CASEBOOK_JOURNAL"
_SQLITE_HEADER = b"SQLite format 3\x00"
_BUSY_TIMEOUT_MS = 30_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL
);
-- One row per move in a vignette: a choice, a step back, or a restart.
CREATE TABLE IF NOT EXISTS step (
    id             INTEGER PRIMARY KEY,
    vignette_id    TEXT NOT NULL,
    run_id         TEXT NOT NULL,              -- one attempt at the vignette
    kind           TEXT NOT NULL CHECK (kind IN ('choose', 'back', 'restart')),
    decision       INTEGER NOT NULL,           -- 1-based number of the decision concerned
    scene_id       TEXT NOT NULL,              -- where the choice was made / where back led
    choice_id      TEXT,                       -- chosen (or, for 'back', undone) choice
    next_scene_id  TEXT,                       -- where the choice led
    reached_ending INTEGER NOT NULL DEFAULT 0, -- 1 when next_scene_id is an ending
    created        TEXT NOT NULL               -- ISO 8601, UTC
);
CREATE INDEX IF NOT EXISTS step_by_vignette ON step (vignette_id, id);
-- Every saved version of every reflection: an edit adds a row, nothing is overwritten.
CREATE TABLE IF NOT EXISTS reflection (
    id          INTEGER PRIMARY KEY,
    vignette_id TEXT NOT NULL,
    prompt      TEXT NOT NULL,                 -- '' for a reflection without a prompt
    version     INTEGER NOT NULL,              -- 1, 2, ... per (vignette_id, prompt)
    run_id      TEXT,
    text        TEXT NOT NULL,
    created     TEXT NOT NULL,
    UNIQUE (vignette_id, prompt, version)
);
"""

# What each later version adds, run in order by the migration of an older journal (and, for a new
# journal, right after _SCHEMA). Additions only: nothing recorded before is changed.
_MIGRATIONS = {
    2: """
-- One row per answer given in an exercise other than a vignette (a knowledge-check question
-- checked, ...): every try is kept, grouped by run (one sitting with the exercise).
CREATE TABLE IF NOT EXISTS answer (
    id           INTEGER PRIMARY KEY,
    exercise_id  TEXT NOT NULL,               -- the exercise file's id
    kind         TEXT NOT NULL,               -- the exercise kind ('quiz', ...)
    run_id       TEXT NOT NULL,
    item_id      TEXT NOT NULL,               -- the question (or other item) answered
    answer       TEXT NOT NULL,               -- JSON: what the learner chose
    outcome      TEXT,                        -- the kind's word for it, e.g. 'fits' or 'differs'
    created      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answer_by_exercise ON answer (exercise_id, id);
""",
    3: """
-- A few facts about the journal itself, by name: the random learner code of its learning-record
-- export, the name the learner typed for a certificate. Never a text that must keep its versions.
CREATE TABLE IF NOT EXISTS setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
""",
}


_REFLECTION_SELECT = "SELECT id, vignette_id, prompt, version, run_id, text, created FROM reflection"
_ANSWER_SELECT = "SELECT id, exercise_id, kind, run_id, item_id, answer, outcome, created FROM answer"


class JournalError(CourseError):
    """The journal file cannot be used; the message names the file and says what to do."""


@dataclass(frozen=True)
class StepRecord:
    id: int
    vignette_id: str
    run_id: str
    kind: str                 # 'choose', 'back' or 'restart'
    decision: int
    scene_id: str
    choice_id: str | None
    next_scene_id: str | None
    reached_ending: bool
    created: datetime         # timezone-aware (UTC)


# Journal.choices() returns the 'choose' steps; the name says what most callers look for.
ChoiceRecord = StepRecord


@dataclass(frozen=True)
class ReflectionRecord:
    id: int
    vignette_id: str
    prompt: str | None
    version: int
    run_id: str | None
    text: str
    created: datetime         # timezone-aware (UTC)
    earlier: tuple["ReflectionRecord", ...] = field(default=(), compare=False, repr=False)

    @property
    def edits(self) -> int:
        """How many times this reflection was changed after it was first saved."""
        return self.version - 1

    @property
    def versions(self) -> tuple["ReflectionRecord", ...]:
        """Every version, oldest first, this one last."""
        return self.earlier + (self,)


@dataclass(frozen=True)
class AnswerRecord:
    id: int
    exercise_id: str
    kind: str
    run_id: str
    item_id: str
    answer: object            # as the exercise gave it (JSON: lists, texts, numbers)
    outcome: str | None
    created: datetime         # timezone-aware (UTC)


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of a journal is kept before it is moved on from `version`: beside it, with a
    name that says which format it holds, never over an earlier copy."""
    candidate = path.with_name(f"{path.stem}.v{version}-backup{path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.v{version}-backup-{number}{path.suffix}")
        number += 1
    return candidate


def default_path() -> Path:
    """CASEBOOK_JOURNAL if set, else journal.sqlite in the user's data folder."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    import platformdirs  # imported here: only needed when no path is given
    return Path(platformdirs.user_data_dir("casebook")) / "journal.sqlite"


def new_run_id() -> str:
    # Random, not sequential: two notebooks on one journal must never share a run id.
    return uuid.uuid4().hex


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Journal:
    """A learner's journal file. `Journal()` opens the default one, creating it if needed."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.backup: Path | None = None   # the copy made when an older journal was moved on
        self._lock = threading.Lock()
        # Called with each step or answer record once it is committed (group mode shares some of
        # them); a listener that fails never undoes or hides what the journal kept.
        self.listeners: list = []
        self._check_file()
        # In the browser (JupyterLite) SQLite cannot keep its file on the drive: the database
        # lives in memory and is stored whole after every write (see lite_storage).
        self._drive = None
        if lite_storage.kept_on_drive(self.path):
            try:
                self._drive = lite_storage.DriveCopy(self.path)
            except lite_storage.DriveUnavailable:
                raise JournalError(t("journal.error_no_drive", path=self.path)) from None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise JournalError(t("journal.error_folder", path=self.path, reason=exc)) from None
        self._db = self._open_with_retry()
        if self._drive is not None:
            self._drive.save(self._db)

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r})"

    # -- opening -----------------------------------------------------------------------------
    def _check_file(self) -> None:
        """Refuse anything that is not an SQLite file, before SQLite can touch it."""
        if self.path.is_dir():
            raise JournalError(t("journal.error_is_folder", path=self.path))
        if not self.path.exists():
            return
        try:
            with open(self.path, "rb") as f:
                head = f.read(len(_SQLITE_HEADER))
        except OSError as exc:
            raise JournalError(t("journal.error_unreadable", path=self.path, reason=exc)) from None
        # An empty file is what an interrupted first open leaves behind; SQLite can use it.
        if head and head != _SQLITE_HEADER:
            raise JournalError(t("journal.error_not_sqlite", path=self.path))

    def _open_with_retry(self) -> sqlite3.Connection:
        """Open, retrying twice after a transient I/O error; an error that persists is reported as
        before. (The one such error seen here, two processes migrating one old journal at once,
        came from copying the file with its own handle, which dropped this process's locks; the
        copy now comes through the connection. The retry stays for folders on network drives.)"""
        for pause in (0.2, 0.4):
            try:
                return self._connect()
            except JournalError as error:
                if "disk I/O error" not in str(error):
                    raise
                time.sleep(pause)
        return self._connect()

    def _connect(self) -> sqlite3.Connection:
        try:
            # isolation_level=None: we open and commit every transaction ourselves, one per write.
            connect = self._drive.connect if self._drive is not None else (
                lambda **kw: sqlite3.connect(self.path, **kw))
            db = connect(timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                         check_same_thread=False)
        except sqlite3.Error as exc:
            raise JournalError(t("journal.error_unreadable", path=self.path, reason=exc)) from None
        try:
            db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            # What is deleted is overwritten, not only unlinked: an erased text leaves no bytes behind.
            db.execute("PRAGMA secure_delete = ON")
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and "schema_version" not in tables:
                raise JournalError(t("journal.error_foreign_db", path=self.path))
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "delete":
                db.execute("PRAGMA journal_mode = DELETE")
            db.execute("PRAGMA synchronous = FULL")
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise JournalError(t("journal.error_corrupt", path=self.path))
            self._create_or_check_schema(db)
        except sqlite3.OperationalError as exc:    # locked too long, no permission, disk full
            db.close()
            raise JournalError(t("journal.error_unreadable", path=self.path, reason=exc)) from None
        except sqlite3.DatabaseError as exc:       # "file is not a database", "malformed"
            db.close()
            raise JournalError(t("journal.error_corrupt", path=self.path) + f" ({exc})") from None
        except JournalError:
            db.close()
            raise
        return db

    def _create_or_check_schema(self, db: sqlite3.Connection) -> None:
        """Make a new journal, accept a current one, move an older one on to this version (after a
        copy of the file beside it), or refuse a newer one without writing anything."""
        db.execute("BEGIN IMMEDIATE")   # the write lock first: two notebooks opening at once queue up
        try:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            version = db.execute("SELECT max(version) FROM schema_version").fetchone()[0] \
                if "schema_version" in tables else None
            if version is not None and version > SCHEMA_VERSION:
                raise JournalError(t("journal.error_newer", path=self.path, version=version))
            if version is not None and version < SCHEMA_VERSION and self.path.exists():
                # Nobody else can write while we hold the lock, so the file is whole. Its bytes
                # come through this connection: opening and closing the file from Python would
                # drop every lock this process holds on it, and let a second notebook migrate too.
                self.backup = backup_path(self.path, version)
                self.backup.write_bytes(db.serialize())
            if version is None or version < SCHEMA_VERSION:
                scripts = [_SCHEMA] if version is None else []
                scripts += [_MIGRATIONS[v] for v in sorted(_MIGRATIONS) if v > (version or 1)]
                for script in scripts:
                    # Statement by statement: executescript() would commit first, outside this transaction.
                    for statement in script.split(";\n"):   # no ";" + newline inside the statements
                        if statement.strip():
                            db.execute(statement)
                db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if self.backup is not None:   # the file is as it was: a copy of it would only confuse
                self.backup.unlink(missing_ok=True)
                self.backup = None
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing -------------------------------------------------------------------------------
    def _write(self, work, after_commit=None):
        """Run `work(db)` in its own transaction and commit it before returning; then
        `after_commit(db, result)` (what must run outside a transaction, such as VACUUM), and in the
        browser the file is stored whole."""
        with self._lock:
            db = self._db
            if self._drive is not None:
                self._drive.refresh(db)
            # IMMEDIATE takes the write lock first, so the busy timeout applies and two writers
            # queue up instead of one failing with "database is locked".
            db.execute("BEGIN IMMEDIATE")
            try:
                result = work(db)
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            if after_commit is not None:
                after_commit(db, result)
            if self._drive is not None:
                self._drive.save(db)
            return result

    def add_step(self, *, vignette_id: str, run_id: str, kind: str, decision: int,
                 scene_id: str, choice_id: str | None = None, next_scene_id: str | None = None,
                 reached_ending: bool = False) -> StepRecord:
        """Record a move in a vignette ('choose', 'back' or 'restart')."""
        created = _now()
        values = (vignette_id, run_id, kind, decision, scene_id, choice_id, next_scene_id,
                  int(reached_ending), created)
        row_id = self._write(lambda db: db.execute(
            "INSERT INTO step (vignette_id, run_id, kind, decision, scene_id, choice_id,"
            " next_scene_id, reached_ending, created) VALUES (?,?,?,?,?,?,?,?,?)", values).lastrowid)
        record = StepRecord(row_id, vignette_id, run_id, kind, decision, scene_id, choice_id,
                            next_scene_id, bool(reached_ending), _parse_time(created))
        self._tell(record)
        return record

    def add_choice(self, vignette_id: str, run_id: str, scene_id: str, choice_id: str,
                   decision: int, next_scene_id: str | None = None,
                   reached_ending: bool = False) -> StepRecord:
        return self.add_step(vignette_id=vignette_id, run_id=run_id, kind="choose",
                             decision=decision, scene_id=scene_id, choice_id=choice_id,
                             next_scene_id=next_scene_id, reached_ending=reached_ending)

    def add_reflection(self, vignette_id: str, text: str, prompt: str | None = None,
                       run_id: str | None = None) -> ReflectionRecord:
        """Save a reflection. A changed text becomes a new version; the same text saved again
        (as when a box loses focus and then Save is pressed) returns the version already kept."""
        key = prompt or ""

        def work(db):
            latest = db.execute(
                "SELECT version, text FROM reflection WHERE vignette_id=? AND prompt=?"
                " ORDER BY version DESC LIMIT 1", (vignette_id, key)).fetchone()
            if latest is None and not text.strip():
                raise ValueError(t("journal.error_empty_reflection"))
            if latest is None or latest[1] != text:
                version = 1 if latest is None else latest[0] + 1
                db.execute("INSERT INTO reflection (vignette_id, prompt, version, run_id, text, created)"
                           " VALUES (?,?,?,?,?,?)", (vignette_id, key, version, run_id, text, _now()))
            # Read back in the same transaction: the versions as they stand after this save.
            return db.execute(_REFLECTION_SELECT + " WHERE vignette_id=? AND prompt=? ORDER BY version",
                              (vignette_id, key)).fetchall()

        return self._reflection(self._write(work))

    def keep_draft(self, vignette_id: str, text: str, prompt: str | None = None,
                   run_id: str | None = None, replace: int | None = None) -> ReflectionRecord | None:
        """Keep a text while the learner is still typing it (casebook.autosave).

        `replace` is the id of the version this stretch of typing saved before: while it is still
        the latest version it is overwritten with the new text (so pauses in typing do not each add
        a version); otherwise a new version is added, as by add_reflection. A draft typed back to
        the version before it, or to nothing, is erased. Returns the latest version kept, or None
        when nothing is kept (an empty box with nothing saved before)."""
        key = prompt or ""

        def work(db):
            rows = db.execute("SELECT id, version, text FROM reflection WHERE vignette_id=? AND prompt=?"
                              " ORDER BY version DESC LIMIT 2", (vignette_id, key)).fetchall()
            latest = rows[0] if rows else None
            if replace is not None and latest is not None and latest[0] == replace:
                before = rows[1][2] if len(rows) > 1 else None
                if text == before or (before is None and not text.strip()):
                    db.execute("DELETE FROM reflection WHERE id=?", (replace,))
                else:
                    db.execute("UPDATE reflection SET text=?, created=?, run_id=? WHERE id=?",
                               (text, _now(), run_id, replace))
            elif latest is None and not text.strip():
                return []
            elif latest is None or latest[2] != text:
                version = 1 if latest is None else latest[1] + 1
                db.execute("INSERT INTO reflection (vignette_id, prompt, version, run_id, text, created)"
                           " VALUES (?,?,?,?,?,?)", (vignette_id, key, version, run_id, text, _now()))
            return db.execute(_REFLECTION_SELECT + " WHERE vignette_id=? AND prompt=? ORDER BY version",
                              (vignette_id, key)).fetchall()

        rows = self._write(work)
        return self._reflection(rows) if rows else None

    # -- erasing ----------------------------------------------------------------------------------
    # Kept versions protect against loss; these take things out for good (see erasure.py): the
    # rows' bytes are overwritten, the file is vacuumed, and the copies beside it are cleaned too.
    def _erase(self, operation, everything: bool = False) -> int:
        def vacuum(db, erased):
            if erased:
                db.execute("VACUUM")   # rebuilt from what is kept: no free page keeps old bytes
        erased = self._write(operation, after_commit=vacuum)
        if everything:
            erasure.delete_backups(self.path)
        else:
            erasure.scrub_backups(self.path, operation)
        return erased

    def erase_version(self, version_id: int) -> int:
        """Erase one saved version of a reflection (by its record's id); the later ones stay."""
        rows = self._read("SELECT id, vignette_id, prompt, text FROM reflection WHERE id=?", (version_id,))
        if not rows:
            return 0
        return self._erase(functools.partial(erasure.erase_version, row=rows[0]))

    def erase_reflection(self, exercise_id: str, prompt: str | None = None) -> int:
        """Erase every version of one reflection."""
        return self._erase(functools.partial(erasure.erase_reflection, exercise_id=exercise_id,
                                             prompt=prompt or ""))

    def erase_exercise(self, exercise_id: str) -> int:
        """Erase everything one vignette or exercise left: its moves, answers and texts."""
        return self._erase(functools.partial(erasure.erase_exercise, exercise_id=exercise_id))

    def erase_all(self) -> int:
        """Erase the whole journal (the file stays, empty) and the copies kept beside it."""
        return self._erase(erasure.erase_all, everything=True)

    def backups(self) -> list[Path]:
        """The copies kept beside the journal when it was moved on to a newer format."""
        return erasure.backups(self.path)

    def add_answer(self, *, exercise_id: str, kind: str, run_id: str, item_id: str, answer,
                   outcome: str | None = None) -> AnswerRecord:
        """Record one answer in an exercise (every try is kept); `answer` is anything JSON holds."""
        created = _now()
        encoded = json.dumps(answer, ensure_ascii=False, sort_keys=True)
        values = (exercise_id, kind, run_id, item_id, encoded, outcome, created)
        row_id = self._write(lambda db: db.execute(
            "INSERT INTO answer (exercise_id, kind, run_id, item_id, answer, outcome, created)"
            " VALUES (?,?,?,?,?,?,?)", values).lastrowid)
        record = AnswerRecord(row_id, exercise_id, kind, run_id, item_id, json.loads(encoded), outcome,
                              _parse_time(created))
        self._tell(record)
        return record

    def set_setting(self, key: str, value: str) -> None:
        """Keep one named fact about the journal (replacing what was kept under that name)."""
        self._write(lambda db: db.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value)))

    def _tell(self, record) -> None:
        for listener in list(self.listeners):
            try:
                listener(record)
            except Exception:   # noqa: BLE001 - the listener reports its own trouble; the record is kept
                pass

    # -- reading --------------------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        rows = self._read("SELECT value FROM setting WHERE key=?", (key,))
        return rows[0][0] if rows else default

    def _read(self, sql: str, params=()) -> list[tuple]:
        with self._lock:
            if self._drive is not None:
                self._drive.refresh(self._db)
            return self._db.execute(sql, params).fetchall()

    @staticmethod
    def _step(row) -> StepRecord:
        return StepRecord(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                          bool(row[8]), _parse_time(row[9]))

    def steps(self, vignette_id: str | None = None) -> list[StepRecord]:
        """Every move (choices, steps back, restarts), oldest first."""
        sql = ("SELECT id, vignette_id, run_id, kind, decision, scene_id, choice_id,"
               " next_scene_id, reached_ending, created FROM step")
        if vignette_id is None:
            rows = self._read(sql + " ORDER BY id")
        else:
            rows = self._read(sql + " WHERE vignette_id=? ORDER BY id", (vignette_id,))
        return [self._step(r) for r in rows]

    def choices(self, vignette_id: str | None = None) -> list[StepRecord]:
        """Every choice made (including ones later undone with Back), oldest first."""
        return [s for s in self.steps(vignette_id) if s.kind == "choose"]

    def reflections(self, vignette_id: str | None = None) -> list[ReflectionRecord]:
        """The latest version of each reflection (earlier ones in `.earlier`), oldest first."""
        sql = _REFLECTION_SELECT
        if vignette_id is None:
            rows = self._read(sql + " ORDER BY id")
        else:
            rows = self._read(sql + " WHERE vignette_id=? ORDER BY id", (vignette_id,))
        by_key: dict[tuple[str, str], list[tuple]] = {}
        for row in rows:
            by_key.setdefault((row[1], row[2]), []).append(row)
        records = [self._reflection(sorted(versions, key=lambda r: r[3]))
                   for versions in by_key.values()]
        return sorted(records, key=lambda r: r.earlier[0].id if r.earlier else r.id)

    def reflection(self, vignette_id: str, prompt: str | None = None) -> ReflectionRecord | None:
        """The latest version of the reflection on `prompt` in `vignette_id`, or None."""
        rows = self._read(_REFLECTION_SELECT + " WHERE vignette_id=? AND prompt=? ORDER BY version",
                          (vignette_id, prompt or ""))
        return self._reflection(rows) if rows else None

    @staticmethod
    def _reflection(rows) -> ReflectionRecord:
        """The record of the last row, carrying the earlier rows as its earlier versions."""
        earlier: tuple[ReflectionRecord, ...] = ()
        record = None
        for row in rows:
            record = ReflectionRecord(row[0], row[1], row[2] or None, row[3], row[4], row[5],
                                      _parse_time(row[6]), earlier)
            earlier = earlier + (record,)
        return record

    def answers(self, exercise_id: str | None = None, kind: str | None = None) -> list[AnswerRecord]:
        """Every answer given in exercises (each try), oldest first; of one exercise, of one kind."""
        sql, params = _ANSWER_SELECT + " WHERE 1=1", []
        if exercise_id is not None:
            sql, params = sql + " AND exercise_id=?", params + [exercise_id]
        if kind is not None:
            sql, params = sql + " AND kind=?", params + [kind]
        rows = self._read(sql + " ORDER BY id", params)
        return [AnswerRecord(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], _parse_time(r[7]))
                for r in rows]

    def vignette_ids(self) -> list[str]:
        """Vignettes and exercises with anything in the journal, in the order the learner first
        met them (the name is the first edition's: vignettes were all it held then)."""
        rows = self._read(
            "SELECT vignette_id, min(created) AS first FROM ("
            " SELECT vignette_id, created FROM step UNION ALL"
            " SELECT vignette_id, created FROM reflection UNION ALL"
            " SELECT exercise_id, created FROM answer) GROUP BY vignette_id ORDER BY first")
        return [r[0] for r in rows]
