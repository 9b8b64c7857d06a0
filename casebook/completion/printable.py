"""Pages the learner saves as PDF with the browser's own print (nothing to install, nothing fetched):
one shell with print styles and a Print button that does not print, used by the certificate and by
the portfolio as a printable page."""
from __future__ import annotations

from html import escape

from casebook.markdown import render_document
from casebook.strings import t

# Shared by every printable page: A4, a readable column on screen, the button and the how-to line
# hidden on paper.
_BASE_STYLE = """
@page { size: A4; margin: 16mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1f1f1f; max-width: 48rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.5; }
.print { font: inherit; padding: 0.5rem 1rem; margin: 0 0 1rem 0; cursor: pointer; }
.print:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
@media print { .print, .howto { display: none; } body { margin: 0; max-width: none; } }
"""

_PORTFOLIO_STYLE = """
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; border-top: 1px solid #767676; padding-top: 0.6rem; }
h2, h3 { break-after: avoid; }
blockquote { border-left: 4px solid #767676; margin: 0.4rem 0; padding: 0.1rem 0 0.1rem 0.9rem; }
"""


def printable_page(title: str, howto: str, body_html: str, style: str = "") -> str:
    """A whole HTML page: `body_html` (already safe HTML) under a how-to line and a Print button."""
    return f"""<!DOCTYPE html>
<html lang="{escape(t('certificate.lang'))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_BASE_STYLE}{style}</style>
</head>
<body>
<main>
<p class="howto">{escape(howto)}</p>
<button class="print" type="button" onclick="window.print()">{escape(t('certificate.print'))}</button>
{body_html}
</main>
</body>
</html>
"""


def printable_html(markdown: str, title: str) -> str:
    """The portfolio as a printable page. It quotes the learner's words with < and & escaped, and
    raw HTML is off: what they typed shows as text, never as markup."""
    return printable_page(title, t("portfolio_pdf.howto"), render_document(markdown), _PORTFOLIO_STYLE)
