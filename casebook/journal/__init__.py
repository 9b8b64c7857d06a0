"""The learner's journal: every choice and text, in one SQLite file per learner (store), kept whole on
the browser's drive when the course runs in JupyterLite (lite_storage), with a local check for
identifying details in what the learner writes (privacy)."""
from casebook.journal.store import (ENV_VAR, SCHEMA_VERSION, AnswerRecord, Journal, JournalError, ReflectionRecord,
                                    StepRecord, default_path)

__all__ = ["ENV_VAR", "SCHEMA_VERSION", "AnswerRecord", "Journal", "JournalError", "ReflectionRecord", "StepRecord", "default_path"]
