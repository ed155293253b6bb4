"""Whether a document can be about the time a question names ("the August 2022 eruption").

The question's dates (spaCy's DATE entities) are reduced to what any report of that time must
show somewhere: the year written out, and the month by name (the calendar's, from the standard
library) or by number in the publication date. A document that shows none of that speaks of
another time, so its sentences cannot answer for this one.
"""

from __future__ import annotations

import calendar
import re

from assistant.language import Parsed
from assistant.retrieval import Corpus

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_YEAR = re.compile(r"^(?:1[6-9]|20)\d\d$")


def asked_times(parsed: Parsed) -> tuple[tuple[str, int | None], ...]:
    """(year, month or None) for each DATE the question names with a year."""
    found = []
    for entity in parsed.entities_of("DATE"):
        parts = entity.text.replace(",", " ").split()
        years = [p for p in parts if _YEAR.match(p)]
        months = [_MONTHS[p.lower()] for p in parts if p.lower() in _MONTHS]
        if years:
            found.append((years[0], months[0] if months else None))
    return tuple(found)


def fits(times, corpus: Corpus, doc_id: str) -> bool:
    """Whether the document shows each asked (year, month) in its text or publication date."""
    if not times:
        return True
    record = corpus.records.get(doc_id)
    published = (record.published or "") if record else ""
    text = " ".join([record.title if record else ""] + [s.text for s in corpus.by_doc.get(doc_id, [])])
    return all(_shows(text, published, year, month) for year, month in times)


def _shows(text: str, published: str, year: str, month: int | None) -> bool:
    dated = published.startswith(year) and (month is None or published[5:7] == f"{month:02d}")
    named = year in text and (month is None or calendar.month_name[month] in text)
    return dated or named
