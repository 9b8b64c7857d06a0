"""The standard consulting room of "Where shall we sit?": its seats, what an arrangement of two
people in it is (how far apart, opposite or at an angle, who is nearer the door), that arrangement
in words, and a top-down drawing of it as SVG.

One room for every file, so that a trainer writes seat names, not coordinates, and the words and
the drawing always agree. Sizes are centimetres; the drawing is plain SVG (no fonts or images to
fetch, fast in the browser's Python too). Every word comes from the strings table.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from casebook.markdown import escape
from casebook.strings import t

WIDTH, DEPTH = 420, 380
DOOR = (40, 130)            # the door's opening in the bottom wall, from x to x
WINDOW = (190, 390)         # the window in the top wall, from x to x
TABLE = (230, 195, 38)      # a low round table: centre and radius
DESK = (14, 14, 150, 56)    # x, y, width, depth, in the top-left corner

# Seats: where a person sits (centre of the chair). Each faces the table, as chairs in a consulting
# room usually do; the desk chair is turned from the desk towards the room.
SEATS: dict[str, tuple[float, float]] = {
    "by-the-door": (130, 285),
    "by-the-window": (330, 105),
    "side-wall": (370, 262),
    "at-the-desk": (85, 105),
    "beside-the-window": (255, 100),   # a small chair at the window armchair's side
}
STANDING = "standing"
STANDING_AT = (80, 340)     # just inside the door
PLACES = (*SEATS, STANDING)  # where a client may end up


@dataclass(frozen=True)
class Arrangement:
    """Two people in the room: the clinician's seat, and the client's seat or `standing`."""
    you: str
    client: str

    @property
    def metres(self) -> float:
        """The distance between the two, to the nearest half metre."""
        (ax, ay), (bx, by) = _at(self.you), _at(self.client)
        return round(math.hypot(ax - bx, ay - by) / 50) / 2

    @property
    def relation(self) -> str:
        """'opposite', 'angle' or 'beside' (both seated, by the angle between the ways they face),
        or 'standing'."""
        if STANDING in (self.you, self.client):
            return STANDING
        (ax, ay), (bx, by) = _facing(self.you), _facing(self.client)
        cosine = (ax * bx + ay * by) / (math.hypot(ax, ay) * math.hypot(bx, by))
        if cosine < math.cos(math.radians(135)):
            return "opposite"
        return "beside" if cosine > math.cos(math.radians(45)) else "angle"

    @property
    def you_between_client_and_door(self) -> bool:
        """Whether the clinician sits on the client's way out: nearer the door, and close to the
        straight line from the client to it."""
        door = _door_centre()
        you, client = _at(self.you), _at(self.client)
        return _distance(you, door) < _distance(client, door) and _to_segment(you, client, door) < 80

    @property
    def client_nearer_door(self) -> bool:
        door = _door_centre()
        return _distance(_at(self.client), door) < _distance(_at(self.you), door)


def describe(arrangement: Arrangement, name: str) -> str:
    """The arrangement in words, for everyone and for screen readers: the drawing says no more."""
    you = t(f"seating.seats.{arrangement.you}")
    parts = [t("seating.describe.you", seat=you)]
    if arrangement.client == STANDING:   # standing near the door says where the door is
        return " ".join([*parts, t("seating.describe.standing", name=name)])
    parts.append(t("seating.describe.client", name=name, seat=t(f"seating.seats.{arrangement.client}")))
    parts.append(t(f"seating.describe.{arrangement.relation}", metres=_metres(arrangement.metres)))
    if arrangement.you_between_client_and_door:
        parts.append(t("seating.describe.you_block_door", name=name))
    elif arrangement.client_nearer_door:
        parts.append(t("seating.describe.client_near_door", name=name))
    return " ".join(parts)


def _metres(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


# -- the drawing ------------------------------------------------------------------------------------

INK = "#1a1a1a"
WALL = "#4d4d4d"
FURNITURE = "#f1efe9"
YOU_FILL = "#1a4f8b"        # white text on it: contrast 8.4:1
CLIENT_FILL = "#8a3b12"     # white text on it: contrast 7.9:1
PAD = 28                    # room for the labels around the walls


def drawing(arrangement: Arrangement | None, name: str, title: str, uid: str = "room") -> str:
    """The room from above as an SVG element, with the two people placed when `arrangement` is
    given. Labelled in words (Door, Window, You, the client's name), never by colour alone; the
    element is an image whose title and description are the arrangement in words; `uid` keeps
    their ids unique when a page shows more than one room."""
    desc = describe(arrangement, name) if arrangement else t("seating.describe.empty_room")
    w, h = WIDTH + 2 * PAD, DEPTH + 2 * PAD
    body = [_walls(), _furniture()]
    for seat, (x, y) in SEATS.items():
        body.append(_chair(x, y, seat))
    if arrangement is not None:
        if arrangement.relation != STANDING:   # the words give no distance to someone standing
            body.append(_distance_line(arrangement))
        body.append(_person(_at(arrangement.you), t("seating.you_marker"), YOU_FILL))
        body.append(_person(_at(arrangement.client), name, CLIENT_FILL))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{-PAD} {-PAD} {w} {h}" role="img" '
            f'aria-labelledby="cb-{uid}-title cb-{uid}-desc" class="cb-room-drawing" '
            f'style="width:100%;max-width:26rem;height:auto;font-family:inherit">'
            f'<title id="cb-{uid}-title">{escape(title)}</title><desc id="cb-{uid}-desc">{escape(desc)}</desc>'
            f'{"".join(body)}</svg>')


def _walls() -> str:
    (d0, d1), (w0, w1) = DOOR, WINDOW
    door_label, window_label = escape(t("seating.door")), escape(t("seating.window"))
    return (f'<rect x="0" y="0" width="{WIDTH}" height="{DEPTH}" fill="#ffffff" stroke="{WALL}" stroke-width="6"/>'
            # the door: a gap in the bottom wall, its leaf and swing drawn thin
            f'<line x1="{d0}" y1="{DEPTH}" x2="{d1}" y2="{DEPTH}" stroke="#ffffff" stroke-width="8"/>'
            f'<line x1="{d0}" y1="{DEPTH}" x2="{d0}" y2="{DEPTH - (d1 - d0)}" stroke="{WALL}" stroke-width="2"/>'
            f'<path d="M {d0} {DEPTH - (d1 - d0)} A {d1 - d0} {d1 - d0} 0 0 1 {d1} {DEPTH}" fill="none" '
            f'stroke="{WALL}" stroke-width="1.5" stroke-dasharray="4 4"/>'
            f'<text x="{(d0 + d1) / 2}" y="{DEPTH + 21}" text-anchor="middle" font-size="15" fill="{INK}">{door_label}</text>'
            # the window: a double line in the top wall
            f'<rect x="{w0}" y="-4" width="{w1 - w0}" height="8" fill="#ffffff" stroke="{WALL}" stroke-width="2"/>'
            f'<text x="{(w0 + w1) / 2}" y="-10" text-anchor="middle" font-size="15" fill="{INK}">{window_label}</text>')


def _furniture() -> str:
    cx, cy, r = TABLE
    x, y, dw, dd = DESK
    return (f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{FURNITURE}" stroke="{WALL}" stroke-width="2"/>'
            f'<text x="{cx}" y="{cy + 5}" text-anchor="middle" font-size="13" fill="{INK}">'
            f'{escape(t("seating.table"))}</text>'
            f'<rect x="{x}" y="{y}" width="{dw}" height="{dd}" fill="{FURNITURE}" stroke="{WALL}" stroke-width="2"/>'
            f'<text x="{x + dw / 2}" y="{y + dd / 2 + 5}" text-anchor="middle" font-size="13" fill="{INK}">'
            f'{escape(t("seating.desk"))}</text>')


def _chair(x: float, y: float, seat: str) -> str:
    return (f'<rect x="{x - 24}" y="{y - 24}" width="48" height="48" rx="8" fill="{FURNITURE}" '
            f'stroke="{WALL}" stroke-width="2"><title>{escape(t(f"seating.seats.{seat}"))}</title></rect>')


def _person(at: tuple[float, float], name: str, fill: str) -> str:
    """A person: a disc with the name in it, or, for a longer name, its initial in the disc and
    the whole name on a label below."""
    x, y = at
    short = len(name) <= 4
    inside = name if short else name[:1]
    below = "" if short else (
        f'<rect x="{x - 4.5 * len(name) - 6}" y="{y + 25}" width="{9 * len(name) + 12}" height="20" rx="4" '
        f'fill="#ffffff" stroke="{fill}" stroke-width="1.5"/>'
        f'<text x="{x}" y="{y + 40}" text-anchor="middle" font-size="14" fill="{INK}">{escape(name)}</text>')
    return (f'<circle cx="{x}" cy="{y}" r="22" fill="{fill}" stroke="#ffffff" stroke-width="2"/>'
            f'<text x="{x}" y="{y + 5}" text-anchor="middle" font-size="14" '
            f'font-weight="700" fill="#ffffff">{escape(inside)}</text>{below}')


def _distance_line(arrangement: Arrangement) -> str:
    (ax, ay), (bx, by) = _at(arrangement.you), _at(arrangement.client)
    # The label sits a third of the way from the clinician, clear of the table's own label; between
    # two chairs side by side there is no room, so it goes above them.
    mx, my = ax + (bx - ax) / 3, ay + (by - ay) / 3
    if math.hypot(bx - ax, by - ay) < 120:
        mx, my = (ax + bx) / 2, min(ay, by) - 40
    label = escape(t("seating.metres", metres=_metres(arrangement.metres)))
    return (f'<line x1="{ax}" y1="{ay}" x2="{bx}" y2="{by}" stroke="{INK}" stroke-width="1.5" '
            f'stroke-dasharray="6 5"/>'
            f'<rect x="{mx - 30}" y="{my - 12}" width="60" height="22" rx="4" fill="#ffffff" opacity="0.92"/>'
            f'<text x="{mx}" y="{my + 5}" text-anchor="middle" font-size="14" fill="{INK}">{label}</text>')


# -- geometry ---------------------------------------------------------------------------------------

def _at(place: str) -> tuple[float, float]:
    return STANDING_AT if place == STANDING else SEATS[place]


def _facing(seat: str) -> tuple[float, float]:
    (x, y), (cx, cy) = SEATS[seat], TABLE[:2]
    return cx - x, cy - y


def _door_centre() -> tuple[float, float]:
    return (DOOR[0] + DOOR[1]) / 2, DEPTH


def _distance(a, b) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _to_segment(p, a, b) -> float:
    """The distance from point p to the segment a-b."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    along = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + along * dx), py - (ay + along * dy))
