"""tools/buildstamp.py: an output is current only while it exists and its inputs' contents are
those it was built from."""
from __future__ import annotations

import os
import sys

from bookbuild import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from buildstamp import clear, digest, is_current, record, stamp_path  # noqa: E402


def tree(root):
    """A small source tree (a package, a content folder, a config file) and its built output."""
    (root / "pkg" / "sub").mkdir(parents=True)
    (root / "pkg" / "a.py").write_text("A = 1\n")
    (root / "pkg" / "sub" / "b.yml").write_text("title: b\n")
    (root / "config.yml").write_text("x: 1\n")
    out = root / "out"
    out.mkdir()
    (out / "index.html").write_text("built")
    return [root / "pkg", root / "config.yml"], out


def built(root):
    inputs, out = tree(root)
    record(out, digest(inputs))
    return inputs, out


def test_an_untouched_tree_stays_current(tmp_path):
    inputs, out = built(tmp_path)
    assert is_current(out, digest(inputs))
    # Times alone are no change: a checkout or a copy sets them without changing a byte.
    later = (tmp_path / "pkg" / "a.py").stat().st_mtime + 100
    os.utime(tmp_path / "pkg" / "a.py", (later, later))
    assert is_current(out, digest(inputs))


def test_one_changed_byte_makes_it_stale(tmp_path):
    inputs, out = built(tmp_path)
    deep = tmp_path / "pkg" / "sub" / "b.yml"
    deep.write_bytes(deep.read_bytes().replace(b"b", b"c", 1))
    assert not is_current(out, digest(inputs))
    (tmp_path / "config.yml").write_text("x: 2\n")
    assert not is_current(out, digest(inputs))


def test_a_file_added_removed_or_renamed_makes_it_stale(tmp_path):
    inputs, out = built(tmp_path)
    before = digest(inputs)
    (tmp_path / "pkg" / "c.py").write_text("")
    assert digest(inputs) != before
    (tmp_path / "pkg" / "c.py").unlink()
    assert digest(inputs) == before
    (tmp_path / "pkg" / "a.py").rename(tmp_path / "pkg" / "a2.py")
    assert digest(inputs) != before


def test_a_missing_output_is_stale(tmp_path):
    inputs, out = built(tmp_path)
    (out / "index.html").unlink()
    out.rmdir()
    assert not is_current(out, digest(inputs))


def test_every_output_of_a_list_must_exist(tmp_path):
    inputs, _ = tree(tmp_path)
    outs = [tmp_path / "fig.svg", tmp_path / "fig.png"]
    for p in outs:
        p.write_text("x")
    stamp = tmp_path / ".figures.buildstamp"
    record(outs, digest(inputs), stamp)
    assert is_current(outs, digest(inputs), stamp)
    outs[1].unlink()
    assert not is_current(outs, digest(inputs), stamp)


def test_no_stamp_or_a_cleared_one_is_stale(tmp_path):
    inputs, out = tree(tmp_path)
    assert not is_current(out, digest(inputs))
    record(out, digest(inputs))
    assert stamp_path(out).exists() and not stamp_path(out).is_relative_to(out)
    clear(out)
    assert not is_current(out, digest(inputs))


def test_ignored_caches_and_extra_strings(tmp_path):
    inputs, out = built(tmp_path)
    (tmp_path / "pkg" / "__pycache__").mkdir()
    (tmp_path / "pkg" / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    assert is_current(out, digest(inputs))
    assert digest(inputs, extra=["matplotlib 3.9"]) != digest(inputs, extra=["matplotlib 3.10"])


def test_an_input_that_appears_is_a_change(tmp_path):
    inputs, out = tree(tmp_path)
    later = tmp_path / "later.yml"
    record(out, digest(inputs + [later]))
    later.write_text("")
    assert not is_current(out, digest(inputs + [later]))


def test_the_books_figures_are_drawn_again_only_when_stale(tmp_path, monkeypatch):
    """book/_ext/figures.py: a second build draws nothing; a figure with a file missing is drawn again."""
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    import figures

    drawn = []

    def spy(name, draw):
        def wrapped(stem):
            drawn.append(name)
            return draw(stem)
        return wrapped

    monkeypatch.setattr(figures, "OUT_DIR", tmp_path)
    monkeypatch.setattr(figures, "FIGURES", {name: d._replace(draw=spy(name, d.draw))
                                             for name, d in figures.FIGURES.items()})
    figures.build_figures(None)
    assert sorted(drawn) == sorted(figures.FIGURES) and (tmp_path / "closeness-cycle.png").exists()
    drawn.clear()
    figures.build_figures(None)
    assert drawn == []
    (tmp_path / "closeness-cycle.png").unlink()
    figures.build_figures(None)
    assert drawn == ["closeness-cycle"] and (tmp_path / "closeness-cycle.png").exists()


def test_the_figures_labels_come_from_the_strings_table(tmp_path, monkeypatch):
    """Every label of the two drawn figures is looked up in the strings table (a Dutch edition
    translates them there), and every label the table holds for them is drawn."""
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    import figures
    from casebook.strings import t, table

    asked = []

    def spy(key, **values):
        asked.append(key)
        return t(key, **values)
    monkeypatch.setattr(figures, "words", spy)
    figures.draw_window_of_tolerance(tmp_path / "w")
    figures.draw_closeness_cycle(tmp_path / "c")
    held = {f"figures.{part}.{key}" for part, labels in table()["figures"].items() for key in labels}
    assert set(asked) == held
    assert (tmp_path / "w.svg").exists() and (tmp_path / "c.png").exists()
