"""Repairs to what the book theme puts on every page (Sphinx extension, registered as ``theme_fixes``).

Without these, every page of a Jupyter Book 1.x build logs errors in the browser console:
- Sphinx 7.4 writes each inline script that an extension registers late (sphinx-thebe's and
  sphinx-togglebutton's settings) twice; sphinx-thebe's uses ``const``, so the second copy is a
  SyntaxError ("Identifier 'THEBE_JS_URL' has already been declared"). Duplicates are dropped.
- With live code (Thebe) switched off in _config.yml, sphinx-thebe's scripts, which name a CDN,
  have nothing to do: they are left out, with its stylesheet and the inline settings it writes into
  a page's body, so that no page mentions a host other than its own or loads what it cannot use.
And one accessibility error (axe-core: aria-required-children, aria-deprecated-role):
- docutils marks each entry of a bibliography with role="doc-biblioentry", which DPUB-ARIA 1.1
  deprecates, inside a role="list"; assistive technology then finds a list without list items.
  Entries become role="listitem".
(pydata-sphinx-theme's "Got invalid theme mode" error is fixed in _config.yml: html_context.default_mode.)
"""
from __future__ import annotations

import re


def _thebe_on(app) -> bool:
    return bool(app.config.html_theme_options.get("launch_buttons", {}).get("thebe"))


# sphinx-thebe's inline settings in a page's body.
THEBE_SETTINGS = re.compile(r'\s*<script type="text/x-thebe-config">.*?</script>|\s*<script>kernelName = [^<]*</script>', re.S)


def _is_thebe(script) -> bool:
    name = str(script.filename or "")
    body = script.attributes.get("body", "")
    return name.endswith("sphinx-thebe.js") or "THEBE_JS_URL" in body


def _clean_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for script in scripts:
        # The same script registered as filename None and as "" is one script.
        key = (str(script.filename or ""), tuple(sorted(script.attributes.items())))
        if key in seen or (_is_thebe(script) and not _thebe_on(app)):
            continue
        seen.add(key)
        kept.append(script)
    context["script_files"] = kept


def _thebe_stylesheet_and_settings(app, pagename, templatename, context, doctree):
    if _thebe_on(app):
        return
    if "css_files" in context:
        context["css_files"] = [c for c in context["css_files"]
                                if not str(c.filename or "").endswith("sphinx-thebe.css")]
    if context.get("body"):
        context["body"] = THEBE_SETTINGS.sub("", context["body"])


def _bibliography_roles(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    # Late, so that scripts other extensions add to a single page are seen too.
    app.connect("html-page-context", _clean_scripts, priority=900)
    app.connect("html-page-context", _thebe_stylesheet_and_settings, priority=900)
    app.connect("html-page-context", _bibliography_roles)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
