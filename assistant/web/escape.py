"""Turning source text into page text that cannot become markup.

Everything a document says reaches the page through these two functions, so a report that
contains ``<script>``, an ``onerror=`` attribute or Markdown syntax is shown exactly as written.
"""

from __future__ import annotations

import html
import re

# Markdown (and the chat's LaTeX) would otherwise turn "*", "_", "[", "$" … into formatting.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$>])")


# Characters the page's template layer ("${…}", "{{…}}", backticks) could read as code.
_TEMPLATE = str.maketrans({"$": "&#36;", "{": "&#123;", "}": "&#125;", "`": "&#96;"})


def text(value: str) -> str:
    """``value`` as HTML text: ``& < > " '`` become entities, so it can sit in an element or an
    attribute, and so do dollar signs, braces and backticks, so no template layer can evaluate
    it."""
    return html.escape(value, quote=True).translate(_TEMPLATE)


def markdown_text(value: str) -> str:
    """``value`` as Markdown that renders to exactly ``value``: HTML is escaped first, then every
    Markdown punctuation mark is backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", html.escape(value, quote=False))
