"""The certificate: a printable page (HTML, saved as PDF with the browser's own print) that records
self-study completion of the course.

It can be made only from the journal, and only when the journal holds what the certificate says: a
passed final assessment and a submitted evaluation. Nothing can be passed in to stand for them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape

from casebook.course import Course
from casebook.errors import CourseError
from casebook.kinds.assessment.data import Result, best_pass
from casebook.kinds.evaluation.data import submitted_at
from casebook.completion.printable import printable_page
from casebook.portfolio_parts import when
from casebook.strings import t

NAME_SETTING = "certificate_name"
_STYLE = """
.frame { border: 3px double #1a5fb4; padding: 1.6rem 2rem; }
h1 { font-size: 1.7rem; margin: 0 0 0.4rem 0; color: #123f7a; }
.name { font-size: 1.6rem; font-weight: 700; margin: 0.8rem 0; }
.facts dt { font-weight: 700; margin-top: 0.5rem; }
.facts dd { margin: 0.1rem 0 0 0; }
.statement { border-top: 1px solid #767676; margin-top: 1rem; padding-top: 0.6rem; font-size: 0.92rem; }
"""
MAX_NAME = 120


class CertificateRefused(CourseError):
    """The journal does not (yet) hold what a certificate requires; the message says what is missing."""


@dataclass(frozen=True)
class Standing:
    """What the journal holds towards a certificate."""
    passed: Result | None
    evaluated: datetime | None

    @property
    def missing(self) -> list[str]:
        gaps = []
        if self.passed is None:
            gaps.append(t("certificate.needs_assessment"))
        if self.evaluated is None:
            gaps.append(t("certificate.needs_evaluation"))
        return gaps

    @property
    def ready(self) -> bool:
        return not self.missing


def standing(journal, course: Course) -> Standing:
    return Standing(passed=best_pass(journal, course.final_assessment),
                    evaluated=submitted_at(journal, course.evaluation))


def clean_name(name: str) -> str:
    """The name as it will be printed, or CertificateRefused saying how to fix it."""
    text = " ".join(unicodedata.normalize("NFC", name or "").split())
    if not text:
        raise CertificateRefused(t("certificate.name_empty"))
    if len(text) > MAX_NAME:
        raise CertificateRefused(t("certificate.name_long", limit=MAX_NAME))
    if any(unicodedata.category(c).startswith("C") for c in text):
        raise CertificateRefused(t("certificate.name_control"))
    return text


def file_name(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower())
    return f"certificate-{slug.strip('-') or 'learner'}.html"


def make_certificate(journal, course: Course, name: str, now: datetime | None = None) -> tuple[str, bytes]:
    """(file name, the certificate page as UTF-8) for `name`; CertificateRefused when the journal does
    not hold a passed final assessment and a submitted evaluation, or the name cannot be printed."""
    name = clean_name(name)
    found = standing(journal, course)
    if not found.ready:
        raise CertificateRefused(t("certificate.not_yet", missing=" ".join(found.missing)))
    journal.set_setting(NAME_SETTING, name)
    page = certificate_html(course, name, found.passed, found.evaluated, now or datetime.now(timezone.utc))
    return file_name(name), page.encode("utf-8")


def certificate_html(course: Course, name: str, passed: Result, evaluated: datetime, made: datetime) -> str:
    objectives = "".join(f"<li>{escape(o)}</li>" for o in course.objectives)
    hours = f"{course.study_hours:g}"
    score = t("certificate.score", score=passed.score, total=passed.total, percent=passed.percent,
              pass_mark=passed.pass_mark, date=when(passed.created))
    body = f"""<div class="frame">
<h1>{escape(t('certificate.heading'))}</h1>
<p>{escape(t('certificate.records'))}</p>
<p class="name">{escape(name)}</p>
<p>{escape(t('certificate.completed'))} <strong>{escape(course.title)}</strong> ({escape(course.edition)}).</p>
<dl class="facts">
<dt>{escape(t('certificate.study_load_label'))}</dt><dd>{escape(t('certificate.study_load', hours=hours))}</dd>
<dt>{escape(t('certificate.assessment_label'))}</dt><dd>{escape(score)}</dd>
<dt>{escape(t('certificate.evaluation_label'))}</dt><dd>{escape(when(evaluated))}</dd>
<dt>{escape(t('certificate.objectives_label'))}</dt><dd><ul>{objectives}</ul></dd>
<dt>{escape(t('certificate.made_label'))}</dt><dd>{escape(when(made))}</dd>
</dl>
<p class="statement">{escape(t('certificate.statement'))}</p>
</div>"""
    return printable_page(t("certificate.page_title", name=name), t("certificate.howto"), body, _STYLE)
