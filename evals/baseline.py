"""The baseline every eval table shows beside the product: dense top-3 sentence quoting.

What a plain sentence-level RAG demo returns: the question embedded with the same bundled
all-MiniLM-L6-v2, the three nearest content sentences of the store quoted and cited in order,
no abstention, no conversation history (earlier turns are ignored), no disagreements. It is
scored by exactly the rules the product is scored by, so a row where the product is not above
it shows rules that cost more than they bring.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant import Assistant
from assistant.types import Answer, Citation

TOP = 3


def baseline_target(assistant: Assistant):
    """A target factory (see :mod:`evals.runner`): ``(turns, question) -> Answer``."""

    def answer(turns: Sequence[str], question: str) -> Answer:
        return quote_top(assistant, question)

    return answer


def quote_top(assistant: Assistant, question: str, k: int = TOP) -> Answer:
    """The ``k`` content sentences nearest the question, quoted verbatim with ``[n]`` markers."""
    hits = assistant.store.search(assistant.embedder.embed_query(question), k)
    records = {r.doc_id: r for r in assistant.store.documents()}
    citations = tuple(_citation(n, hit.sentence, records) for n, hit in enumerate(hits, 1))
    text = "\n".join(f"“{' '.join(c.sentence.text.split())}” [{c.n}]" for c in citations)
    return Answer(question, text, False, "description", citations)


def _citation(n: int, sentence, records) -> Citation:
    record = records.get(sentence.doc_id)
    return Citation(n, sentence, record.source if record else sentence.doc_id,
                    record.title if record else "", record.outlet if record else None)
