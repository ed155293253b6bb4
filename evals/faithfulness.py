"""The eval's faithfulness checker is the read path's: :mod:`assistant.faithfulness`.

It lives in ``assistant/`` so the language-model composer can verify what it displays with the
very check the eval scores it by; this module keeps the eval's import path.
"""

from assistant.faithfulness import (  # noqa: F401 - re-exported
    MIN_OVERLAP,
    MONTHS,
    Evidence,
    Facts,
    SentenceVerdict,
    Verdict,
    check_answer,
    check_line,
    collapse,
    evidence_of,
    facts_of,
    invalid_citations,
    missing_facts,
    numbers,
    overlap,
)
