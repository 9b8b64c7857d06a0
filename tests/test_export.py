"""The Markdown portfolio made from a journal."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from casebook.export import portfolio
from casebook.journal import Journal
from casebook.strings import t
from casebook.kinds.vignette.walkthrough import Walkthrough
from vignette_factory import small


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "journal.sqlite") as j:
        yield j


def play_two_attempts(journal):
    v = small()
    walk = Walkthrough(v, journal)
    walk.choose("push")
    walk.choose("press-on")                  # ending-closed
    walk.back()
    walk.choose("repair")
    walk.choose("plan-together")             # ending-open
    walk.reflect("I felt the clock.", prompt=v.reflection[0])
    walk.reflect("I felt the clock, and the team.", prompt=v.reflection[0])
    walk.reflect("Breathe first.", prompt=v.reflection[1])
    walk.restart()
    walk.choose("skip")                      # an attempt left unfinished
    return v


def test_header_says_what_it_is_when_and_which_journal(journal):
    text = portfolio(journal)
    assert text.startswith(f"# {t('export.title')}")
    assert t("export.intro").split()[0] in text
    assert f"Journal file: {journal.path.name}" in text and str(journal.path.parent) not in text
    assert "Exported:" in text
    assert t("export.empty") in text
    assert text.rstrip().endswith(t("export.privacy_note").rstrip())


def test_attempts_paths_endings_and_reflections_with_known_vignettes(journal):
    v = play_two_attempts(journal)
    text = portfolio(journal, [v])
    assert f"## {v.title}" in text
    assert "### Attempt 1" in text and "### Attempt 2" in text and "### Attempt 3" not in text
    first, second = text.split("### Attempt 2")
    assert "Decision 1: Insist on the homework." in first
    assert "Decision 2: Press on with the plan." in first
    assert "Went back from decision 2" in first
    assert "Decision 3: Make a smaller plan together." in first
    assert "A closed door" in first and "Room to move" in first
    assert "Decision 1: Move on to something else." in second
    assert t("export.no_ending") in second.split("### Reflections")[0]
    reflections = text.split("### Reflections")[1]
    assert "**What in you wanted to push?**" in reflections
    assert "> I felt the clock, and the team." in reflections
    assert "> I felt the clock.\n" not in reflections           # only the latest version
    assert t("export.edited_once") in reflections
    assert "> Breathe first." in reflections and t("export.never_edited") in reflections
    assert reflections.index("What in you wanted to push?") < reflections.index("What would help")


def test_without_the_vignette_ids_stand_in(journal):
    play_two_attempts(journal)
    text = portfolio(journal)
    assert "## `test-vignette`" in text
    assert "Decision 1: `push`" in text
    assert "`ending-open`" in text


def test_vignettes_may_be_given_as_a_dict(journal):
    v = play_two_attempts(journal)

    def without_export_time(text):
        return [line for line in text.splitlines() if not line.startswith("- Exported:")]

    by_dict = without_export_time(portfolio(journal, {v.id: v}))
    assert by_dict == without_export_time(portfolio(journal, [v]))
    assert f"## {v.title}" in by_dict


def test_edited_many_times_is_counted(journal):
    for n in range(4):
        journal.add_reflection("v1", f"version {n}", prompt="p")
    assert t("export.edited_times", count=3) in portfolio(journal)


def test_learner_text_cannot_become_html_in_the_portfolio(journal):
    journal.add_reflection("v1", "<script>alert(1)</script> & <b>bold</b> &amp;\nsecond line", prompt="p")
    text = portfolio(journal)
    # Rendered by a Markdown tool that lets raw HTML through, the text still shows as typed.
    rendered = MarkdownIt("commonmark", {"html": True}).render(text)
    assert "<script>" not in rendered and "<b>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; &amp;amp;" in rendered
    assert "second line" in rendered


def test_times_are_shown(journal):
    record = journal.add_choice("v1", "run", "opening", "push", 1)
    local = record.created.astimezone()
    assert f"({local:%H:%M})" in portfolio(journal)


def test_nothing_in_the_package_opens_a_network_connection(tmp_path):
    """Play, reflect and export in a fresh interpreter where any socket use fails loudly."""
    script = textwrap.dedent(f"""
        import socket, sys
        def refuse(*args, **kwargs):
            raise AssertionError("network use")
        socket.socket = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        import casebook
        from casebook.journal import Journal
        from casebook.kinds.vignette.walkthrough import Walkthrough
        from casebook.kinds.vignette.player import Player
        from casebook.export import portfolio
        from casebook.journal import privacy
        from casebook import markdown
        from vignette_factory import small
        journal = Journal({str(tmp_path / 'j.sqlite')!r})
        player = Player(small(), journal)
        player.begin_button.click()
        player.choice_buttons[1].click()
        player.continue_button.click()
        player.choice_buttons[0].click()
        player.continue_button.click()
        box = player.reflection_boxes[0]
        box.textarea.value = "call me on 06-12345678"
        assert "Saved" in box.status.value, box.status.value
        print(portfolio(journal, [small()]).count("Decision"))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"
