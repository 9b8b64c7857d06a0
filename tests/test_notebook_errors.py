"""In a notebook, the course's own errors show as their message, without a traceback; they still
stop the cell. Run in a real Jupyter kernel (nbclient), as JupyterLab and the book build run it."""
from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def run(*cells: str) -> list[dict]:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    client = NotebookClient(notebook, kernel_name="python3", timeout=120, allow_errors=True)
    client.execute()
    return [output for cell in notebook.cells for output in cell.outputs]


def test_a_journal_error_shows_its_message_alone(tmp_path):
    folder = tmp_path / "a-folder.sqlite"
    folder.mkdir()
    [output] = run(f"from casebook import Journal\nJournal({str(folder)!r})")
    assert output["output_type"] == "error" and output["ename"] == "JournalError"
    shown = " ".join(line.strip() for line in output["traceback"])
    assert str(folder) in shown and "is a folder, not a file" in shown
    assert "Traceback" not in shown and "journal.py" not in shown


def test_a_vignette_error_lists_its_problems_and_nothing_else(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    [output] = run(f"from casebook import load\nload({str(bad)!r})")
    assert output["ename"] == "VignetteError"
    lines = output["traceback"]
    assert lines and lines[0].startswith(f"{bad}:")
    # Long problems go on over more lines, indented, broken between words.
    assert all(line.startswith((f"{bad}:", "    ")) and len(line) <= 96 for line in lines)


def test_other_errors_keep_their_traceback_and_a_course_error_still_stops_the_run(tmp_path):
    [output] = run("import casebook\n1 / 0")
    assert output["ename"] == "ZeroDivisionError" and "Traceback" in "\n".join(output["traceback"])
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(f"import casebook\ncasebook.load({str(tmp_path / 'none.yml')!r})"),
        nbformat.v4.new_code_cell("print('ran on')")])
    with pytest.raises(CellExecutionError):
        NotebookClient(notebook, kernel_name="python3", timeout=120).execute()
    assert notebook.cells[1].outputs == []
