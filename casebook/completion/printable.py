"""The portfolio as a printable page: the same Markdown document, rendered to HTML with print styles,
so the learner saves it as PDF with the browser's own print (nothing to install, nothing fetched)."""
from __future__ import annotations

from html import escape

from casebook.markdown import render_document
from casebook.strings import t


def printable_html(markdown: str, title: str) -> str:
    # The portfolio quotes the learner's words with < and & escaped, and raw HTML is off: what
    # they typed shows as text, never as markup.
    body = render_document(markdown)
    return f"""<!DOCTYPE html>
<html lang="{escape(t('certificate.lang'))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
@page {{ size: A4; margin: 18mm; }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; color: #1f1f1f; max-width: 46rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.5; }}
h1 {{ font-size: 1.6rem; }} h2 {{ font-size: 1.3rem; border-top: 1px solid #767676; padding-top: 0.6rem; }}
h2, h3 {{ break-after: avoid; }}
blockquote {{ border-left: 4px solid #767676; margin: 0.4rem 0; padding: 0.1rem 0 0.1rem 0.9rem; }}
.print {{ font: inherit; padding: 0.5rem 1rem; cursor: pointer; }}
.print:focus-visible {{ outline: 3px solid #1a5fb4; outline-offset: 2px; }}
@media print {{ .print, .howto {{ display: none; }} body {{ margin: 0; max-width: none; }} }}
</style>
</head>
<body>
<main>
<p class="howto">{escape(t('portfolio_pdf.howto'))}</p>
<button class="print" type="button" onclick="window.print()">{escape(t('certificate.print'))}</button>
{body}
</main>
</body>
</html>
"""
