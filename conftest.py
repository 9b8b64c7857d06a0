"""Test-wide setup: no test, and no notebook kernel started by nbval, may write the learner's journal;
links to the book are made as in the built book, whatever the shell that started the tests says."""
import os
import tempfile
from pathlib import Path


def pytest_configure(config):
    # Set before any kernel starts: kernels inherit this environment.
    folder = Path(tempfile.mkdtemp(prefix="casebook-test-"))
    os.environ["CASEBOOK_JOURNAL"] = str(folder / "journal.sqlite")
    os.environ.pop("CASEBOOK_BOOK_URL", None)
