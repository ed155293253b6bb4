"""Where a sentence's content words stand: what both the value choice (:mod:`.choice`) and the
speaker choice (:mod:`.who_said`) measure from to find the clause holding the question's words."""

from __future__ import annotations

import re

from assistant.text import STOPWORDS, stem


def _word_positions(text: str) -> list[tuple[int, str]]:
    return [(m.start(), stem(m.group().lower())) for m in re.finditer(r"\w+", text)
            if m.group().lower() not in STOPWORDS]
