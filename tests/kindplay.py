"""Playing the exercise kinds besides vignettes in a real browser, from the keyboard alone, as a
learner who does not use a mouse would: shared by the JupyterLab and the in-browser tests.

ipywidgets draws each radio button as its own group (no shared name), so a learner moves between
options with Tab and chooses one with Space; buttons take Enter."""
from __future__ import annotations

from playwright.sync_api import expect

MAX_TABS = 40


def tab_until(page, predicate, what: str) -> None:
    """Press Tab until `predicate()` holds; fail after MAX_TABS presses."""
    for _ in range(MAX_TABS):
        if predicate():
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{MAX_TABS} presses of Tab did not reach {what}")


def focused_label(page) -> str:
    return page.evaluate("() => (document.activeElement.closest('label') || document.activeElement).textContent.trim()")


def offer_seats_by_keyboard(page, view, exercise, client_number: int, offer_number: int, timeout: int):
    """In a "Where shall we sit?" view: choose the client and the offer with Tab and Space, press
    Offer this with Enter, and wait for that client's reaction. Returns (client, offer)."""
    client, offer = exercise.clients[client_number], exercise.offers[offer_number]
    reaction = client.reaction(offer.id)
    groups = view.locator(".widget-radio-box")
    clients, offers = groups.nth(0), groups.nth(1)
    clients.locator("input").first.focus()
    tab_until(page, lambda: focused_label(page) == client.name, f"the client {client.name}")
    page.keyboard.press("Space")
    expect(view.locator(".cb-note").first).to_contain_text(" ".join(client.about.split()[:4]), timeout=timeout)
    choose_and_press(page, offers, offer.text, view.locator(".cb-check"))
    expect(view.locator(".cb-result")).to_contain_text(" ".join(reaction.reaction.split()[:6]), timeout=timeout)
    expect(view.locator(".cb-room svg[role=img]")).to_have_count(1)
    return client, offer


def _label_start(text: str) -> str:
    """The first words of an option as its radio button's label shows it (no Markdown marks)."""
    return " ".join(text.replace("*", "").split())[:40]


def choose_and_press(page, group, option_text: str, button) -> None:
    """From the first radio button of `group`: Tab to the option, Space, Tab to `button`, Enter."""
    group.locator("input").first.focus()
    wanted = _label_start(option_text)
    tab_until(page, lambda: focused_label(page).startswith(wanted), f"the option {wanted!r}")
    page.keyboard.press("Space")
    tab_until(page, lambda: button.evaluate("(b) => b === document.activeElement"), "the button")
    page.keyboard.press("Enter")


def match_by_keyboard(page, view, exercise, timeout: int):
    """In a "Then and now" view: match the first pattern with its own 'then' from the keyboard,
    press Check, and wait for the explanation. Returns the pattern."""
    pattern = exercise.patterns[0]
    first = view.locator(".widget-radio-box").first
    check = view.locator(".cb-check").first
    choose_and_press(page, first, pattern.then, check)
    expect(view.locator(".cb-result").first).to_contain_text(" ".join(pattern.need.split()[:5]), timeout=timeout)
    return pattern


def window_by_keyboard(page, view, exercise, move_number: int, timeout: int):
    """In a "Window of tolerance" view: choose a move from the keyboard, show its course, and wait
    for the figure and its feedback. Returns the move."""
    move = exercise.moves[move_number]
    choose_and_press(page, view.locator(".widget-radio-box").first, move.text, view.locator(".cb-check").first)
    expect(view.locator(".cb-window-figure svg[role=img]")).to_have_count(1, timeout=timeout)
    expect(view.locator(".cb-result")).to_contain_text(" ".join(move.feedback.split()[:5]), timeout=timeout)
    return move


def quiz_by_keyboard(page, view, quiz, timeout: int):
    """In a knowledge check: the first question's fitting option chosen with Tab and Space, Check
    pressed with Enter; waits for its explanation. Returns (question, option)."""
    question = quiz.questions[0]
    option = next(o for o in question.options if o.fits)
    choose_and_press(page, view.locator(".widget-radio-box").first, option.text, view.locator(".cb-check").first)
    expect(view.locator(".cb-result").first).to_contain_text(" ".join(option.explanation.split()[:5]),
                                                            timeout=timeout)
    return question, option


def write_by_keyboard(page, view, text: str, button_class: str, timeout: int) -> None:
    """In a writing exercise (rewrite, repair, protection map): type into the first box, Tab to
    the button, Enter; waits for the status line."""
    box = view.locator("textarea").first
    box.focus()
    page.keyboard.insert_text(text)
    button = view.locator(f".{button_class}").first
    tab_until(page, lambda: button.evaluate("(b) => b === document.activeElement"), button_class)
    page.keyboard.press("Enter")
    expect(view.locator(".cb-status [role=status]").first).not_to_be_empty(timeout=timeout)


def play_module_3_exercises(page, matching, window, move_number: int, timeout: int):
    """Module 3's notebook, run: a match checked and a move's course shown, each from the keyboard,
    each exercise scrolled into view first as a learner would. Returns (pattern, move)."""
    view = page.locator(".casebook-player", has_text=matching.title).first
    view.scroll_into_view_if_needed()
    pattern = match_by_keyboard(page, view, matching, timeout)
    view = page.locator(".casebook-player", has=page.locator(".cb-window-figure")).first
    view.scroll_into_view_if_needed()
    return pattern, window_by_keyboard(page, view, window, move_number, timeout)
