"""Group mode (casebook/group/): what a participant shares and nothing more, joining, leaving and
deleting, the files written atomically while twenty participants write at once and a reader reads,
the facilitator's counts (under 3 never given), a broken file reported, and both widgets."""
from __future__ import annotations

import asyncio
import html
import json
import multiprocessing
import os
import re
import time
from pathlib import Path

import pytest

from casebook import Journal, load
from casebook.group import GroupError, GroupMode, default_folder
from casebook.group.share import shown_path
from casebook.group.aggregate import SUPPRESS_BELOW, shown, summarise
from casebook.group.figure import Bar, bars_svg
from casebook.group.views import GroupDashboard, GroupModeView
from casebook.kinds.quiz.data import Attempt, load_quiz
from casebook.kinds.vignette.walkthrough import Walkthrough
from casebook.strings import t
from casebook.widgets import plain

ROOT = Path(__file__).resolve().parent.parent
VIGNETTE = ROOT / "notebooks" / "vignettes" / "resistance" / "homework-not-done.yml"
QUIZ = ROOT / "notebooks" / "exercises" / "resistance" / "knowledge-check.yml"
CODE = re.compile(r"[a-z2-9]{8}")
# Every key a participant's file may hold: the brief's list, and nothing else.
FILE_KEYS = {"format", "code", "choices", "answers", "reflections"}
CHOICE_KEYS = {"exercise", "scene", "choice", "time"}
ANSWER_KEYS = {"exercise", "question", "options", "outcome", "time"}


@pytest.fixture(scope="module")
def vignette():
    return load(VIGNETTE)


@pytest.fixture(scope="module")
def quiz():
    return load_quiz(QUIZ)


@pytest.fixture
def folder(tmp_path):
    made = tmp_path / "group"
    made.mkdir()
    return made


def _file(group: GroupMode) -> dict:
    return json.loads(group.path.read_text(encoding="utf-8"))


def _participant(tmp_path, folder, name, vignette, quiz, choice=0, option=0, question=0) -> GroupMode:
    """A participant who joins, makes one choice at the first decision and checks one answer."""
    journal = Journal(tmp_path / f"{name}.sqlite")
    group = GroupMode(journal)
    group.join(folder)
    walk = Walkthrough(vignette, journal)
    walk.choose(walk.choices[choice].id)
    asked = quiz.questions[question]
    Attempt(quiz, journal).check(asked.id, [asked.options[option].id])
    return group


# -- the participant's side -------------------------------------------------------------------------
def test_a_new_group_mode_shares_nothing_and_reads_nothing(journal, folder, vignette):
    group = GroupMode(journal)
    assert not group.joined and group.code is None and group.folder is None and group.path is None
    Walkthrough(vignette, journal).choose(vignette.scene(vignette.start).choices[0].id)
    assert list(folder.iterdir()) == []


def test_join_shares_choices_and_answers_under_a_random_code_and_nothing_else(journal, folder, vignette, quiz):
    before = Walkthrough(vignette, journal)
    before.choose(before.choices[1].id)          # before joining: never shared
    group = GroupMode(journal)
    code = group.join(folder)
    assert CODE.fullmatch(code) and group.code == code and group.joined
    assert group.path == folder / f"{code}.json"
    assert [p.name for p in folder.iterdir()] == [f"{code}.json"]

    walk = Walkthrough(vignette, journal)
    walk.choose(walk.choices[0].id)
    first = walk.last_step
    walk.reflect("A private thought about my own pull, with my colleague's name in it.")
    walk.proceed()
    walk.back()                                   # a step back and a restart are not choices
    walk.restart()
    question = quiz.questions[0]
    Attempt(quiz, journal).check(question.id, [question.options[0].id])
    journal.add_answer(exercise_id="reframe-the-note", kind="reframe", run_id="r", item_id="s1",
                       answer={"text": "a rewrite"})   # another kind's answer: never shared

    shared = _file(group)
    assert set(shared) == FILE_KEYS
    assert shared["code"] == code and shared["reflections"] == []
    assert shared["choices"] == [{"exercise": vignette.id, "scene": first.scene.id, "choice": first.choice.id,
                                  "time": shared["choices"][0]["time"]}]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\dZ", shared["choices"][0]["time"])   # to the minute
    assert [set(a) for a in shared["answers"]] == [ANSWER_KEYS]
    answer = shared["answers"][0]
    assert (answer["exercise"], answer["question"], answer["options"]) == (quiz.id, question.id, [question.options[0].id])
    assert answer["outcome"] in ("fits", "differs")
    text = group.path.read_text(encoding="utf-8")
    assert "private thought" not in text and "a rewrite" not in text and str(journal.path) not in text
    assert group.shared() == shared


def test_every_new_choice_rewrites_the_file(journal, folder, vignette):
    group = GroupMode(journal)
    group.join(folder)
    walk = Walkthrough(vignette, journal)
    for number in range(1, 4):
        walk.choose(walk.choices[0].id)
        walk.proceed()
        assert len(_file(group)["choices"]) == number
        if walk.finished:
            walk.restart()


def test_leave_stops_sharing_and_keeps_the_file(journal, folder, vignette):
    group = GroupMode(journal)
    group.join(folder)
    walk = Walkthrough(vignette, journal)
    walk.choose(walk.choices[0].id)
    kept = group.path
    group.leave()
    assert not group.joined and group.code is None
    walk.proceed()
    walk.back()
    walk.choose(walk.choices[1].id)
    assert len(json.loads(kept.read_text())["choices"]) == 1     # nothing after leaving
    assert journal.setting("group_code") == ""


def test_leave_and_delete_removes_the_file(journal, folder, vignette):
    group = GroupMode(journal)
    group.join(folder)
    Walkthrough(vignette, journal).choose(vignette.scene(vignette.start).choices[0].id)
    path = group.path
    assert path.exists()
    group.leave(delete=True)
    assert not path.exists() and list(folder.iterdir()) == []
    assert summarise(folder).participants == 0


def test_reopening_stays_in_and_can_leave(tmp_path, folder, vignette):
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        code = GroupMode(journal).join(folder)
        Walkthrough(vignette, journal).choose(vignette.scene(vignette.start).choices[0].id)
    with Journal(path) as reopened:                   # the notebook opened again, another day
        group = GroupMode(reopened)
        assert group.joined and group.code == code and group.folder == folder.resolve()
        walk = Walkthrough(vignette, reopened)
        walk.choose(walk.choices[1].id)
        start = vignette.scene(vignette.start)
        assert [c["choice"] for c in _file(group)["choices"]] == [start.choices[0].id, start.choices[1].id]
        group.leave(delete=True)
    with Journal(path) as again:
        assert not GroupMode(again).joined
    assert list(folder.iterdir()) == []


def test_two_notebooks_on_one_journal_write_the_same_file(tmp_path, folder, vignette):
    path = tmp_path / "journal.sqlite"
    with Journal(path) as first, Journal(path) as second:
        one = GroupMode(first)
        one.join(folder)
        two = GroupMode(second)                       # module 2's notebook, opened later
        assert two.code == one.code
        Walkthrough(vignette, first).choose(vignette.scene(vignette.start).choices[0].id)
        Walkthrough(vignette, second).choose(vignette.scene(vignette.start).choices[1].id)
        assert len(_file(one)["choices"]) == 2 and len(list(folder.glob("*.json"))) == 1


@pytest.mark.parametrize("case", ["missing", "file", "unwritable"])
def test_join_says_in_words_why_a_folder_cannot_be_used(journal, tmp_path, case):
    if case == "missing":
        target = tmp_path / "nowhere"
        expected = t("group.error_no_folder", folder=target)
    elif case == "file":
        target = tmp_path / "a-file"
        target.write_text("x")
        expected = t("group.error_not_folder", folder=target)
    else:
        # root may write anywhere it is allowed to: /sys refuses new files even to root.
        target = Path("/sys") if os.geteuid() == 0 else tmp_path / "read-only"
        if os.geteuid() != 0:
            target.mkdir()
            target.chmod(0o500)
        expected = str(target)
    with pytest.raises(GroupError) as raised:
        GroupMode(journal).join(target)
    message = str(raised.value)
    assert expected in message and "Traceback" not in message
    assert raised.value._render_traceback_()        # shown in a notebook as its message alone
    assert not GroupMode(journal).joined and journal.setting("group_code") in (None, "")


def test_a_folder_that_goes_away_is_said_in_words_and_the_journal_keeps_everything(journal, folder, vignette):
    group = GroupMode(journal)
    group.join(folder)
    group.path.unlink()
    folder.rmdir()
    walk = Walkthrough(vignette, journal)
    walk.choose(walk.choices[0].id)                   # no exception reaches the learner
    assert group.error and str(folder) in group.error and "Traceback" not in group.error
    assert len(journal.choices()) == 1
    # The folder comes back (a share that was away for a moment) with the file in it: sharing goes on.
    folder.mkdir()
    group.path.write_text("{}")
    group.refresh()
    assert group.error is None and len(_file(group)["choices"]) == 1


def test_group_mode_ends_when_the_facilitator_clears_the_folder(tmp_path, folder, vignette):
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        view = GroupModeView(journal, folder=folder)
        view.join()
        walk = Walkthrough(vignette, journal)
        walk.choose(walk.choices[0].id)
        walk.proceed()
        for cleared in folder.glob("*.json"):       # after the session
            cleared.unlink()
        walk.back()
        walk.choose(walk.choices[1].id)             # at home, a week later: not shared
        assert list(folder.iterdir()) == [] and not view.group.joined
        assert html.escape(t("group.ended", folder=folder.resolve())) in view.status.value
        assert t("group.status_out") in view.state.value
    with Journal(path) as reopened:
        assert not GroupMode(reopened).joined
    assert list(folder.iterdir()) == []


def test_a_reflection_is_shared_only_when_the_participant_chooses(journal, folder, vignette):
    group = GroupMode(journal)
    with pytest.raises(GroupError):
        group.share_reflection(vignette.id, "not joined yet")
    group.join(folder)
    walk = Walkthrough(vignette, journal)
    walk.reflect("Kept to myself.")
    walk.reflect("I noticed the pull to push.", prompt="pull")
    assert _file(group)["reflections"] == []
    group.share_reflection(vignette.id, "I noticed the pull to push.", prompt="pull")
    group.share_reflection(vignette.id, "I noticed the pull to push.", prompt="pull")   # once is enough
    assert _file(group)["reflections"] == [{"exercise": vignette.id, "prompt": "pull",
                                            "text": "I noticed the pull to push."}]
    assert "Kept to myself" not in group.path.read_text()
    with pytest.raises(GroupError):
        group.share_reflection(vignette.id, "   ")
    summary = summarise(folder)
    assert [r.text for r in summary.reflections] == ["I noticed the pull to push."]


def test_the_views_show_the_home_folder_as_a_tilde(monkeypatch, tmp_path, journal):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("CASEBOOK_GROUP_FOLDER", raising=False)
    assert shown_path(tmp_path / "casebook" / "group") == os.path.join("~", "casebook", "group")
    assert shown_path("/srv/scratch/group") == "/srv/scratch/group"
    (tmp_path / "group").mkdir()
    view = GroupModeView(journal, folder=tmp_path / "group")
    assert view.folder.value == os.path.join("~", "group") and str(tmp_path) not in view.folder.value
    view.join()                                      # ~ is the home folder again when joining
    assert view.group.folder == tmp_path / "group" and str(tmp_path) not in view.state.value
    assert str(tmp_path) not in GroupDashboard(tmp_path / "group", auto=False).html


def test_default_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CASEBOOK_GROUP_FOLDER", str(tmp_path / "shared"))
    assert default_folder() == tmp_path / "shared"
    monkeypatch.delenv("CASEBOOK_GROUP_FOLDER")
    assert default_folder().name == "group"


# -- twenty at once -----------------------------------------------------------------------------------
PEOPLE, CHOICES = 20, 12


def _play(folder: str, journal_path: str, index: int, start) -> None:
    """One participant's process: join, wait for the others, then make CHOICES choices."""
    journal = Journal(journal_path)
    GroupMode(journal).join(folder)
    walk = Walkthrough(load(VIGNETTE), journal)
    start.wait(60)
    for k in range(CHOICES):
        if walk.finished:
            walk.restart()
        walk.choose(walk.choices[(index + k) % len(walk.choices)].id)
        walk.proceed()
    journal.close()


def test_twenty_participants_write_at_once_and_a_reader_never_sees_half_a_file(tmp_path, folder):
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [context.Process(target=_play, args=(str(folder), str(tmp_path / f"p{i}.sqlite"), i, start))
               for i in range(PEOPLE)]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + 60
    while len(list(folder.glob("*.json"))) < PEOPLE and time.monotonic() < deadline:
        time.sleep(0.01)                              # waiting for the joins, not an assertion
    start.set()
    reads, seen = 0, set()
    while any(w.is_alive() for w in workers):
        summary = summarise(folder)
        assert summary.broken == (), summary.broken
        for path in folder.glob("*.json"):
            try:
                data = json.loads(path.read_bytes())  # a whole file, or the one before it
            except FileNotFoundError:
                continue
            seen.add(len(data["choices"]))
        reads += 1
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0
    files = sorted(folder.glob("*.json"))
    assert len(files) == PEOPLE and not list(folder.glob(".*.tmp"))
    assert all(len(json.loads(p.read_text())["choices"]) == CHOICES for p in files)
    summary = summarise(folder)
    assert summary.participants == PEOPLE and summary.broken == ()
    assert reads >= 3 and len(seen) > 1, (reads, seen)   # the reader read while they wrote


# -- the facilitator's counts ---------------------------------------------------------------------------
def test_counts_under_three_are_never_given():
    assert [shown(n) for n in range(6)] == [0, None, None, 3, 4, 5] and SUPPRESS_BELOW == 3


def test_the_aggregate_counts_people_once_with_their_first_choice(tmp_path, folder, vignette, quiz):
    for name, choice, option in [("a", 0, 0), ("b", 0, 0), ("c", 0, 1), ("d", 1, 1), ("e", 2, 1)]:
        _participant(tmp_path, folder, name, vignette, quiz, choice=choice, option=option)
    # "a" goes back and tries another move: still counted once, with the first.
    with Journal(tmp_path / "a.sqlite") as again:
        GroupMode(again)
        walk = Walkthrough(vignette, again)
        walk.choose(walk.choices[3].id)
    summary = summarise(folder)
    assert summary.participants == 5 and summary.exists and summary.broken == ()
    start = vignette.scene(vignette.start)
    tally = summary.decision(vignette.id, start.id)
    assert tally.count(start.choices[0].id).n == 3
    assert tally.count(start.choices[1].id).n is None and tally.count(start.choices[1].id).suppressed
    assert tally.count(start.choices[2].id).suppressed
    assert tally.count(start.choices[3].id).n == 0
    question = quiz.questions[0]
    answers = summary.question(quiz.id, question.id)
    assert answers.count(question.options[1].id).n == 3 and answers.count(question.options[0].id).suppressed


def test_a_broken_file_is_reported_and_the_rest_still_counted(tmp_path, folder, vignette, quiz):
    for name in "abc":
        _participant(tmp_path, folder, name, vignette, quiz)
    (folder / "cut-short.json").write_text('{"format": 1, "choices": [{"exercise": "homew')
    (folder / "other.json").write_text('{"something": "else"}')
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    (folder / ".k7m2p9qa.x1.tmp").write_text("{half")          # a write under way: not a participant
    summary = summarise(folder)
    assert summary.participants == 3
    assert {b.name for b in summary.broken} == {"cut-short.json", "other.json", "binary.json"}
    assert all(b.reason for b in summary.broken)
    start = vignette.scene(vignette.start)
    assert summary.decision(vignette.id, start.id).count(start.choices[0].id).n == 3
    dashboard = GroupDashboard(folder, auto=False)
    assert "cut-short.json" in dashboard.body.value and t("group.broken_heading") in dashboard.body.value
    assert t("group.participants_other", count=3) in dashboard.head.value


def test_a_missing_or_empty_folder_has_no_participants_yet(tmp_path):
    missing = summarise(tmp_path / "not-there")
    assert not missing.exists and missing.participants == 0
    dashboard = GroupDashboard(tmp_path / "not-there", auto=False)
    assert "no participants yet" in dashboard.html.lower()
    (tmp_path / "empty").mkdir()
    assert "no participants yet" in GroupDashboard(tmp_path / "empty", auto=False).html.lower()


# -- the figure and the dashboard ----------------------------------------------------------------------
def test_the_figure_names_each_bar_and_hides_counts_under_three():
    svg = bars_svg([Bar("Ask what happened", 4), Bar("Push the protocol", None), Bar("Say nothing", 0)],
                   "A vignette, decision 1: how the group chose", "fig-1")
    assert '<title id="fig-1-title">A vignette, decision 1: how the group chose</title>' in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert "Ask what happened: 4 people." in desc and "Push the protocol: fewer than 3." in desc
    assert 'aria-labelledby="fig-1-title fig-1-desc"' in svg and 'role="img"' in svg
    one = bars_svg([Bar("x", 5), Bar("y", None)], "t", "f")
    assert re.findall(r'width="([\d.]+)" height="34" fill="url', one) == \
        re.findall(r'width="([\d.]+)" height="34" fill="url', bars_svg([Bar("x", 5), Bar("y", None)], "t", "g"))
    fonts = [int(size) for size in re.findall(r'font-size="(\d+)"', svg)]
    assert min(fonts) >= 22                       # readable on a projector


def test_the_dashboard_labels_bars_with_the_course_texts(tmp_path, folder, vignette, quiz):
    for name in "abc":
        _participant(tmp_path, folder, name, vignette, quiz)
    dashboard = GroupDashboard(folder, auto=False)
    body = dashboard.body.value
    start = vignette.scene(vignette.start)
    assert html.escape(vignette.title) in body
    assert html.escape(" ".join(start.choices[0].text.split()[:4])) in body
    assert f">{start.choices[0].id}<" not in body                 # texts, not ids
    assert body.count("<svg") == 2 and body.count("<title") == 2 and body.count("<desc") == 2
    ids = re.findall(r'<title id="([^"]+)"', body)
    assert len(set(ids)) == 2
    dashboard.refresh()
    assert dashboard.body.value == body                              # nothing new: nothing resent
    question = quiz.questions[0]
    fitting = next(o for o in question.options if o.fits)
    assert html.escape(t("group.fits_mark")) not in body
    dashboard.reveal.value = True
    assert html.escape(f'{plain(fitting.text)} {t("group.fits_mark")}') in dashboard.body.value   # in the desc


def test_the_dashboard_shows_one_exercise_when_asked(tmp_path, folder, vignette, quiz):
    for name in "abc":
        _participant(tmp_path, folder, name, vignette, quiz)
    dashboard = GroupDashboard(folder, auto=False)
    assert [value for _label, value in dashboard.only.options] == ["", vignette.id, quiz.id]
    dashboard.only.value = vignette.id
    body = dashboard.body.value
    assert body.count("<svg") == 1 and html.escape(t("group.vignettes_heading")) in body
    assert html.escape(t("group.questions_heading")) not in body
    dashboard.refresh()
    assert dashboard.only.value == vignette.id          # kept across refreshes
    dashboard.only.value = ""
    assert dashboard.body.value.count("<svg") == 2


def test_the_dashboard_refreshes_itself_until_closed(tmp_path, folder, vignette, quiz):
    async def session():
        dashboard = GroupDashboard(folder, interval=0.05)
        assert dashboard.running and "no participants yet" in dashboard.html.lower()
        _participant(tmp_path, folder, "late", vignette, quiz)
        for _ in range(200):                          # at most 10 s: the refresh comes within 0.05 s
            if t("group.participants_one") in dashboard.head.value:
                break
            await asyncio.sleep(0.05)
        assert t("group.participants_one") in dashboard.head.value
        dashboard.close()
        assert not dashboard.running
        done = dashboard.refreshes
        await asyncio.sleep(0.3)
        assert dashboard.refreshes == done            # closed: no more reading of the folder

    asyncio.run(session())


# -- the participant's widget ---------------------------------------------------------------------------
def test_the_view_says_what_is_shared_before_joining(journal, folder):
    view = GroupModeView(journal, folder=folder)
    intro = view.widget.children[1].value
    for heading in t("group.shared_heading"), t("group.never_heading"):
        assert heading in intro
    assert "reflections" in intro and "name" in intro
    assert view.join_button.layout.display != "none" and view.leave_button.layout.display == "none"
    assert t("group.status_out") in view.state.value and not list(folder.iterdir())
    assert 'role="status"' not in view.state.value        # the standing state is not announced


def test_the_view_joins_leaves_and_deletes_after_a_confirmation(journal, folder, vignette):
    view = GroupModeView(journal, folder=folder)
    view.join()
    code = view.group.code
    assert code and 'role="status"' in view.status.value and code in view.status.value and code in view.state.value
    assert view.folder.disabled and view.leave_button.layout.display != "none"
    Walkthrough(vignette, journal).choose(vignette.scene(vignette.start).choices[0].id)
    assert "1 choice(s)" in view.state.value
    view.ask_delete()
    assert view.confirm_row.layout.display != "none" and (folder / f"{code}.json").exists()
    view.cancel_delete()
    assert (folder / f"{code}.json").exists() and view.group.joined
    view.ask_delete()
    view.leave(delete=True)
    assert not (folder / f"{code}.json").exists() and not view.group.joined
    assert t("group.status_deleted") in view.status.value and t("group.status_out") in view.state.value


def test_without_a_journal_or_in_the_browser_the_view_says_why_and_offers_nothing(monkeypatch, journal):
    alone = GroupModeView(None)
    assert html.escape(t("group.error_no_journal")) in alone.status.value and alone.group is None
    monkeypatch.setattr("sys.platform", "emscripten")
    browser = GroupModeView(journal)
    assert html.escape(t("group.error_browser")) in browser.status.value and browser.group is None
    assert not hasattr(browser, "join_button")


def test_the_view_says_a_bad_folder_in_words(journal, tmp_path):
    view = GroupModeView(journal, folder=tmp_path / "nowhere")
    view.join()
    assert html.escape(t("group.error_no_folder", folder=tmp_path / "nowhere")) in view.status.value
    assert 'role="status"' in view.status.value and not view.group.joined


def test_the_view_shares_a_chosen_reflection(journal, folder, vignette):
    view = GroupModeView(journal, folder=folder)
    view.join()
    Walkthrough(vignette, journal).reflect("What I noticed in myself.")
    view.open_share()
    assert view.pick.value is not None and "What I noticed in myself." in view.preview.value
    assert view.group.shared()["reflections"] == []
    view.share()
    assert view.group.shared()["reflections"][0]["text"] == "What I noticed in myself."
    assert html.escape(t("group.share_done")) in view.share_status.value
