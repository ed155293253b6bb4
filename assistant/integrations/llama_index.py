"""Corroborate inside llama-index: its evidence as a retriever, its answers as a query engine.

``CorroborateRetriever(assistant)`` gives, for a query, the sentences Corroborate's answer rests
on (its citations) and then those it lists as related, as ``NodeWithScore`` of ``TextNode``: one
node per sentence, at exact offsets into the stored document text, so that
``document_text[node.start_char_idx:node.end_char_idx] == node.text``.

``CorroborateQueryEngine(assistant)`` gives Corroborate's answer as a llama-index ``Response``:
``response`` is the answer text, ``source_nodes`` its citations (the same nodes), ``metadata``
whether it abstained, where the sources disagree and which instances it speaks of.

Both go through :meth:`assistant.Assistant.ask` (the composer's own retrieval and evidence; no
other index, no llama-index language model). This is the only product module that imports
llama-index; nothing else needs it installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from llama_index.core.base.base_query_engine import BaseQueryEngine
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.response.schema import Response
from llama_index.core.callbacks import CallbackManager
from llama_index.core.schema import (
    NodeRelationship,
    NodeWithScore,
    ObjectType,
    QueryBundle,
    RelatedNodeInfo,
    TextNode,
)

from assistant.types import Answer, Disagreement, Position
from index.types import Sentence

if TYPE_CHECKING:
    from assistant.assistant import Assistant
    from index.embedder import Embedder
    from index.store import DocumentRecord

CITATION = "citation"
RELATED = "related"
# identifiers serve programs; they are kept out of the text a language model or embedding sees
_IDENTIFIERS = ("doc_id", "sentence_id", "role", "citation")


class CorroborateRetriever(BaseRetriever):
    """Corroborate's evidence for a query, one ``TextNode`` per sentence.

    ``retrieve(query)`` asks ``assistant`` the query and returns the answer's citations in
    citation order (``metadata["role"] == "citation"``, ``metadata["citation"]`` its number),
    then, unless ``related=False``, the sentences the answer lists as related but does not rest
    on (role ``"related"``). An abstention cites nothing, so it gives only related sentences.
    Each node is made by :func:`sentence_node` and scored by :func:`similarities`.
    """

    def __init__(self, assistant: Assistant, *, related: bool = True,
                 callback_manager: CallbackManager | None = None) -> None:
        super().__init__(callback_manager=callback_manager)
        self._assistant = assistant
        self._related = related

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        answer = self._assistant.ask(query_bundle.query_str)
        return evidence_nodes(self._assistant, answer, related=self._related)


class CorroborateQueryEngine(BaseQueryEngine):
    """Corroborate's answer to a query as a llama-index ``Response``.

    ``response`` is the answer text (with its ``[n]`` markers); ``source_nodes`` are the
    citations, as :class:`CorroborateRetriever` gives them (none when it abstains);
    ``metadata`` is :func:`answer_metadata`. The async path runs the same synchronous ask.
    """

    def __init__(self, assistant: Assistant, *,
                 callback_manager: CallbackManager | None = None) -> None:
        super().__init__(callback_manager=callback_manager)
        self._assistant = assistant

    def _get_prompt_modules(self) -> dict:
        return {}  # no prompts: the answer is composed without llama-index's language models

    def _query(self, query_bundle: QueryBundle) -> Response:
        answer = self._assistant.ask(query_bundle.query_str)
        return Response(response=answer.text,
                        source_nodes=evidence_nodes(self._assistant, answer, related=False),
                        metadata=answer_metadata(self._assistant, answer))

    async def _aquery(self, query_bundle: QueryBundle) -> Response:
        return self._query(query_bundle)


def evidence_nodes(assistant: Assistant, answer: Answer, *, related: bool = True
                   ) -> list[NodeWithScore]:
    """The answer's cited sentences in citation order, then (with ``related``) its related
    sentences, each as a scored :func:`sentence_node`."""
    items = [(c.sentence, c.source, {"role": CITATION, "citation": c.n})
             for c in answer.citations]
    if related:
        items += [(r.sentence, r.source, {"role": RELATED}) for r in answer.related]
    if not items:
        return []
    scores = similarities(assistant.embedder, answer.resolved_question or answer.question,
                          [sentence for sentence, _, _ in items])
    records = {d: assistant.store.document(d) for d in {s.doc_id for s, _, _ in items}}
    return [NodeWithScore(node=sentence_node(sentence, source, records[sentence.doc_id], extra),
                          score=score)
            for (sentence, source, extra), score in zip(items, scores)]


def similarities(embedder: Embedder, question: str, sentences: Sequence[Sentence]
                 ) -> list[float]:
    """Cosine similarity of ``question`` and each sentence under the store's embedding model
    (the dense score the composer's retrieval uses), rounded to 4 places."""
    vectors = embedder.embed([s.text for s in sentences])
    return [round(float(v), 4) for v in vectors @ embedder.embed_query(question)]


def sentence_node(sentence: Sentence, source: str, record: DocumentRecord | None, extra: dict
                  ) -> TextNode:
    """One sentence as a node: id the sentence id, text the sentence exactly as its document has
    it at ``[start_char_idx, end_char_idx)``, the document as its SOURCE relationship (so
    ``ref_doc_id`` is the document id), and flat metadata: doc_id, source (the file as ingested),
    title, outlet, published (ISO date or None), sentence_id, and ``extra``. ``record`` is the
    document's manifest entry (None, for a document removed meanwhile, leaves those empty)."""
    title, outlet, published = (record.title, record.outlet, record.published) if record else (
        "", None, None)
    metadata = {"doc_id": sentence.doc_id, "source": source, "title": title, "outlet": outlet,
                "published": published, "sentence_id": sentence.sentence_id, **extra}
    document = RelatedNodeInfo(node_id=sentence.doc_id, node_type=ObjectType.DOCUMENT,
                               metadata={"source": source})
    return TextNode(id_=sentence.sentence_id, text=sentence.text, metadata=metadata,
                    start_char_idx=sentence.start, end_char_idx=sentence.end,
                    relationships={NodeRelationship.SOURCE: document},
                    excluded_llm_metadata_keys=list(_IDENTIFIERS),
                    excluded_embed_metadata_keys=list(_IDENTIFIERS))


def answer_metadata(assistant: Assistant, answer: Answer) -> dict:
    """Plain JSON-able data from the answer's fields: ``abstained``; ``kind`` (of value asked
    for); ``disagreements`` (topic, kind, positions with their claim, citation numbers, the
    ``node_ids`` of those citations among ``source_nodes``, sources and source_count);
    ``instances`` (event_id, date, label, description, reports of each instance the citations
    speak of); ``notes``; ``related`` (sentences near the question, not cited)."""
    node_ids = {c.n: c.sentence.sentence_id for c in answer.citations}
    return {"question": answer.question, "abstained": answer.abstained, "kind": answer.kind,
            "disagreements": [_disagreement(d, node_ids) for d in answer.disagreements],
            "instances": instances(assistant, answer.events), "notes": list(answer.notes),
            "related": [r.to_dict() for r in answer.related]}


def _disagreement(disagreement: Disagreement, node_ids: dict[int, str]) -> dict:
    return {"topic": disagreement.topic, "kind": disagreement.kind,
            "positions": [_position(p, node_ids) for p in disagreement.positions]}


def _position(position: Position, node_ids: dict[int, str]) -> dict:
    return position.to_dict() | {"node_ids": [node_ids[n] for n in position.citations
                                              if n in node_ids]}


def instances(assistant: Assistant, event_ids: Sequence[str]) -> list[dict]:
    """The timeline entries of ``event_ids``, in that order; an id the timeline no longer
    holds keeps only its ``event_id``."""
    if not event_ids:
        return []
    entries = {e.event_id: e for e in assistant.timeline()}
    return [_instance(entries[e]) if e in entries else {"event_id": e} for e in event_ids]


def _instance(entry) -> dict:
    return {"event_id": entry.event_id, "date": entry.date, "label": entry.label,
            "description": entry.description, "reports": list(entry.reports)}
