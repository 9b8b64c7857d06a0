"""A local check for details in a reflection that could identify a real client.

It only warns: it never blocks saving and never sends anything anywhere. Each warning names the
kind of detail found (not the detail itself, which may be exactly what should not be repeated)
and why it matters. The patterns lean towards Dutch practice (BSN, postcodes, 06-numbers) and
try hard not to fire on ordinary clinical writing such as "session 3", "in 1985" or a score.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from casebook.strings import t

# The order warnings are reported in.
CATEGORIES = ("email", "phone", "bsn", "postcode", "date_of_birth")


@dataclass(frozen=True)
class PrivacyWarning:
    category: str      # one of CATEGORIES
    found: str         # what kind of detail was found, e.g. "an e-mail address"
    why: str           # why it matters

    @property
    def message(self) -> str:
        return t("journal.privacy.message", found=self.found, why=self.why)

    def __str__(self) -> str:
        return self.message


# -- e-mail --------------------------------------------------------------------------------------
# The lookbehind makes a match start only where a name starts, which keeps long texts fast.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")

# -- phone numbers ----------------------------------------------------------------------------------
# A run of digits with the separators people type in phone numbers (single spaces, dashes, dots,
# brackets); what it is gets decided by counting digits, not by the regex.
_PHONE_RUN = re.compile(
    r"(?<![\w+/.-])(?:\+|\b00)?\(?\d(?:(?:[ \u00a0]?\(|\)[ \u00a0]?|[ \u00a0.-])?\d){7,16}"
    r"(?![\w/]|[.-]\d)")
_DATE_START = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d")   # 01-02-2024 10:30 is not a phone number


def _is_phone(run: str) -> bool:
    if _DATE_START.match(run):
        return False
    digits = re.sub(r"\D", "", run)
    if run.startswith("+") or digits.startswith("00"):
        national = digits[2:] if digits.startswith("00") else digits
        return 8 <= len(national) <= 15           # E.164 allows at most 15 digits
    # Dutch numbers: a 0, an area code or 6 for mobiles, ten digits in all (0800/0900 service
    # numbers such as the 113 line, 0800-0113, are shorter and not personal).
    return digits.startswith("0") and not digits.startswith("00") and len(digits) == 10


# -- BSN (Dutch citizen service number) ------------------------------------------------------------------
_BSN = re.compile(r"(?<![\d.-])(\d{9}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}\.\d{2}\.\d{3})(?![\d]|[.-]\d)")


def passes_eleven_test(number: str) -> bool:
    """The BSN check: 9 digits, weighted 9..2 and -1 for the last, sum divisible by 11."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) != 9 or not any(digits):
        return False
    total = sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return total % 11 == 0


# -- Dutch postcode ----------------------------------------------------------------------------------------
# 1234 AB: capitals only (lowercase "1500 mg" is a dose), and letter pairs that are units or eras
# rather than postcodes are skipped. SA, SD and SS are not used in Dutch postcodes.
_POSTCODE = re.compile(r"(?<![\w.,-])[1-9]\d{3} ?([A-Z]{2})(?![\w-])")
_NOT_POSTCODE_LETTERS = {"SA", "SD", "SS", "MG", "ML", "KG", "KM", "CM", "MM", "GB", "MB", "KB",
                         "HZ", "AM", "PM", "AD", "BC", "CE", "NM", "DB", "UK", "US", "EU", "NL",
                         "MS", "CT", "GP", "ER", "IC", "OT", "PT"}

# -- dates (of birth) ----------------------------------------------------------------------------------------
_MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
    "oktober": 10, "mrt": 3, "okt": 10,
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|e|ste|de)?"
_YEAR4 = r"(\d{4})"
_BIRTH_WORDS = (r"(?:born|birthday|date of birth|d\.?o\.?b\.?|geboren|geb\.|geboortedatum"
                r"|verjaardag|jarig)")
_DATE_PATTERNS = (
    # 12 March 1985, 12th of March 1985, 12 maart 1985
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR4}\b", re.I)),
    # March 12, 1985
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR4}\b", re.I)),
    # 12-03-1985, 12/3/85, 12.03.1985 (day or month first)
    ("numeric", re.compile(r"(?<![\w./-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w]|[./-]\d)")),
    # 1985-03-12
    ("iso", re.compile(r"(?<![\w./-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w]|[./-]\d)")),
)
# Without a year a date is only a birth date when the text says so: "born on 12 March".
_BIRTH_DAY_MONTH = re.compile(
    rf"\b{_BIRTH_WORDS}[\s:,]*(?:on\s+|op\s+|is\s+)?(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+{_DAY}"
    r"|(\d{1,2})[-/.](\d{1,2})(?![\d]|[./-]\d))", re.I)


def _valid_day_month(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _plausible_birth_year(year: int) -> bool:
    # A date in the future is an appointment, not a birth date.
    return 1900 <= year <= date.today().year


def _full_date_found(text: str) -> bool:
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if kind == "dmy":
                day, month, year = int(m[1]), _MONTHS[m[2].lower()], int(m[3])
                ok = _valid_day_month(day, month) and _plausible_birth_year(year)
            elif kind == "mdy":
                month, day, year = _MONTHS[m[1].lower()], int(m[2]), int(m[3])
                ok = _valid_day_month(day, month) and _plausible_birth_year(year)
            elif kind == "numeric":
                a, b, year_text = int(m[1]), int(m[3]), m[4]
                year_ok = len(year_text) == 2 or _plausible_birth_year(int(year_text))
                ok = year_ok and (_valid_day_month(a, b) or _valid_day_month(b, a))
            else:
                year, month, day = int(m[1]), int(m[2]), int(m[3])
                ok = _valid_day_month(day, month) and _plausible_birth_year(year)
            if ok:
                return True
    return False


def _birth_day_found(text: str) -> bool:
    for m in _BIRTH_DAY_MONTH.finditer(text):
        if m[1] and m[2]:
            ok = _valid_day_month(int(m[1]), _MONTHS[m[2].lower()])
        elif m[3] and m[4]:
            ok = _valid_day_month(int(m[4]), _MONTHS[m[3].lower()])
        else:
            a, b = int(m[5]), int(m[6])
            ok = _valid_day_month(a, b) or _valid_day_month(b, a)
        if ok:
            return True
    return False


# -- the check ------------------------------------------------------------------------------------------------
def _overlaps(span, spans) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def found_categories(text: str) -> list[str]:
    """The kinds of identifying detail that `text` seems to hold, in CATEGORIES order."""
    found: set[str] = set()
    taken: list[tuple[int, int]] = []    # spans already explained, so one detail warns once

    for m in _EMAIL.finditer(text):
        found.add("email")
        taken.append(m.span())
    for m in _PHONE_RUN.finditer(text):
        if not _overlaps(m.span(), taken) and _is_phone(m[0]):
            found.add("phone")
            taken.append(m.span())
    for m in _BSN.finditer(text):
        if not _overlaps(m.span(), taken) and passes_eleven_test(m[1]):
            found.add("bsn")
            taken.append(m.span())
    for m in _POSTCODE.finditer(text):
        if not _overlaps(m.span(), taken) and m[1] not in _NOT_POSTCODE_LETTERS:
            found.add("postcode")
    if _full_date_found(text) or _birth_day_found(text):
        found.add("date_of_birth")
    return [c for c in CATEGORIES if c in found]


def check(text: str) -> list[PrivacyWarning]:
    """Warnings for identifying details in `text`; an empty list when none are seen."""
    if not text:
        return []
    return [PrivacyWarning(c, t(f"journal.privacy.{c}"), t(f"journal.privacy.why_{c}"))
            for c in found_categories(text)]
