"""What a course of arousal does, derived from its numbers rather than written by hand: where each
point lies against the window, the outcome after the stressor ("within", "above", "above-below"),
and a plain description with its times in minutes, for screen readers and for everyone."""
from __future__ import annotations

from casebook.strings import t

ABOVE, WITHIN, BELOW = "above", "within", "below"


def zone(value: float, window) -> str:
    """Where one point lies; a point on an edge is within the window."""
    lower, upper = window
    return ABOVE if value > upper else BELOW if value < lower else WITHIN


def minute_at(index: int, minutes: int, points: int) -> int:
    """The minute of a point: the points are spread evenly over the session, the first at 0."""
    return round(minutes * index / (points - 1))


def outcome(course, window, arrives: int, carried: str | None = None) -> str:
    """The sides of the window the course goes to from the stressor on, in order: "within" when it
    stays within, else "above", "below", "above-below" (above, then below), "below-above" and so on,
    ending in "-within" when it is back within the window at the end ("above-within")."""
    sides: list[str] = []
    for value in course[arrives:]:
        side = zone(value, window)
        if side != WITHIN and (not sides or sides[-1] != side):
            sides.append(side)
    if sides and zone(course[-1], window) == WITHIN:   # it left, and it is back by the end
        sides.append(WITHIN)
    if carried and sides and sides[0] == carried and zone(course[arrives], window) == carried:
        sides[0] = f"still{carried}"   # outside from the jolt on: it stays there, rather than goes there
    return "-".join(sides) or WITHIN


def outcome_text(found: str) -> str:
    """An outcome as the learner reads it: "goes above the window (hyperarousal), then drops below
    ..."; an id this version does not know (a journal from another version) as it is."""
    sides = found.split("-")
    if not set(sides) <= {ABOVE, WITHIN, BELOW, f"still{ABOVE}", f"still{BELOW}"}:
        return f"`{found}`"
    return t("window.outcome.then").join(t(f"window.outcome.{'back' if side == WITHIN and n else side}")
                                         for n, side in enumerate(sides))


def describe(course, window, arrives: int, minutes: int) -> str:
    """The course in words: where arousal is before the stressor, then each time it leaves or comes
    back within the window, at about which minute, and where it is at the end."""
    def minute(index: int) -> int:
        return minute_at(index, minutes, len(course))

    before = zone(course[arrives - 1], window)
    start = t("window.describe.start", zone=t(f"window.describe.zone_{before}"), minute=minute(arrives))
    clauses, current = [], before
    for index in range(arrives, len(course)):
        side = zone(course[index], window)
        if side != current:
            clauses.append(t(f"window.describe.to_{side}", minute=minute(index)))
            current = side
    if current != WITHIN:
        clauses.append(t("window.describe.still", zone=t(f"window.describe.zone_{current}")))
    if not clauses:
        return f"{start} {t('window.describe.stays_within')}"
    joined = clauses[0] if len(clauses) == 1 else \
        t("window.describe.joiner").join(clauses[:-1]) + t("window.describe.last_joiner") + clauses[-1]
    return f"{start} {t('window.describe.sentence', clauses=joined)}"
