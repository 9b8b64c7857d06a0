"""`python -m casebook ...`: see casebook/cli.py."""
import os
import sys

from casebook.cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:   # e.g. `python -m casebook check book/ | head`: the reader left early
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 1
sys.exit(code)
