"""Corroborate inside llama-index, used as a llama-index user would (real Chroma, real model).

The retriever goes under llama-index's own ``RetrieverQueryEngine`` (with its ``MockLLM``: no
model is reachable here), the query engine inside a ``QueryEngineTool`` and a
``RouterQueryEngine`` whose selector compares meanings with the store's MiniLM.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms import MockLLM
from llama_index.core.query_engine import CustomQueryEngine, RetrieverQueryEngine, RouterQueryEngine
from llama_index.core.selectors import EmbeddingSingleSelector
from llama_index.core.tools import QueryEngineTool
from pydantic import PrivateAttr

from assistant.integrations.llama_index import CorroborateQueryEngine, CorroborateRetriever
from assistant.types import CANNOT_ANSWER, DIFFERENT_EVENTS

pytestmark = pytest.mark.slow

BOUNTY = "How much is the bounty on Baghdadi?"
RECORDING = "How long was the recording?"  # evals/cases/seeds.yaml: seeds-length
UNANSWERABLE = "When did Baghdadi get married?"  # … and seeds' abstain cases


def assert_exact(assistant, nodes):
    """Each node is a sentence of its document at its offsets, with the document's record."""
    assert nodes
    for scored in nodes:
        node = scored.node
        text = assistant.store.document_text(node.ref_doc_id)
        assert text[node.start_char_idx:node.end_char_idx] == node.text
        record = assistant.store.document(node.metadata["doc_id"])
        assert node.ref_doc_id == record.doc_id and node.node_id == node.metadata["sentence_id"]
        assert (node.metadata["source"], node.metadata["title"], node.metadata["outlet"],
                node.metadata["published"]) == (record.source, record.title, record.outlet,
                                                record.published)
        assert isinstance(scored.score, float) and -1.0 <= scored.score <= 1.0


def test_retriever_under_llama_index_query_engine_gives_offset_exact_sentences(seeds):
    retriever = CorroborateRetriever(seeds)
    engine = RetrieverQueryEngine.from_args(retriever, llm=MockLLM())
    response = engine.query(BOUNTY)
    answer = seeds.ask(BOUNTY)
    assert_exact(seeds, response.source_nodes)
    roles = [n.node.metadata["role"] for n in response.source_nodes]
    cited = [n.node.node_id for n in response.source_nodes if n.node.metadata["role"] == "citation"]
    assert cited == [c.sentence.sentence_id for c in answer.citations] and len(cited) >= 2
    assert roles == ["citation"] * len(cited) + ["related"] * len(answer.related)
    assert [n.node.metadata["citation"] for n in response.source_nodes[:len(cited)]] == \
        [c.n for c in answer.citations]
    assert any("25 million" in n.node.text for n in response.source_nodes[:len(cited)])
    # MockLLM echoes its prompt: the sentences reached the synthesizer, the identifiers did not
    assert answer.citations[0].sentence.text in str(response)
    assert "sentence_id" not in str(response) and "title:" in str(response)


def test_retriever_without_related_gives_the_citations_and_abstention_gives_related(seeds):
    only_cited = CorroborateRetriever(seeds, related=False).retrieve(RECORDING)
    assert {n.node.metadata["role"] for n in only_cited} == {"citation"}
    assert_exact(seeds, only_cited)
    nothing_cited = CorroborateRetriever(seeds).retrieve(UNANSWERABLE)
    assert {n.node.metadata["role"] for n in nothing_cited} == {"related"}
    assert_exact(seeds, nothing_cited)


def test_query_engine_as_a_llama_index_tool(seeds):
    tool = QueryEngineTool.from_defaults(
        CorroborateQueryEngine(seeds), name="reports",
        description="News reports about Abu Bakr al-Baghdadi, with exact citations.")
    output = tool.call(input=BOUNTY)
    answer = seeds.ask(BOUNTY)
    assert output.content == answer.text and "25 million" in output.content
    response = output.raw_output
    assert_exact(seeds, response.source_nodes)
    assert [n.node.node_id for n in response.source_nodes] == \
        [c.sentence.sentence_id for c in answer.citations]
    assert response.metadata["abstained"] is False and response.metadata["kind"] == "amount"
    assert json.loads(json.dumps(response.metadata)) == response.metadata


class MiniLM(BaseEmbedding):
    """The store's embedding model behind llama-index's embedding interface."""

    _embedder: object = PrivateAttr()

    def __init__(self, embedder) -> None:
        super().__init__(model_name=embedder.name)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_query(query).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed([text])[0].tolist()


class Weather(CustomQueryEngine):
    """Another knowledge source for the router to choose between."""

    def custom_query(self, query_str: str) -> str:
        return "Sunny."


def test_router_chooses_corroborate_by_meaning_and_keeps_its_answer(seeds):
    tools = [QueryEngineTool.from_defaults(Weather(), name="weather",
                                           description="Weather forecasts: rain, wind and "
                                                       "temperatures in cities tomorrow."),
             QueryEngineTool.from_defaults(CorroborateQueryEngine(seeds), name="reports",
                                           description="News reports about the Islamic State "
                                                       "leader Baghdadi and his audio recordings.")]
    router = RouterQueryEngine(EmbeddingSingleSelector(MiniLM(seeds.embedder)), tools,
                               llm=MockLLM())
    assert str(router.query("Will it rain in Paris tomorrow?")) == "Sunny."
    response = asyncio.run(router.aquery(RECORDING))  # the async path too
    assert response.response == seeds.ask(RECORDING).text
    assert response.metadata["selector_result"].ind == 1
    assert response.metadata["disagreements"] and response.source_nodes


def test_unanswerable_question_abstains_with_no_source_nodes(seeds):
    response = CorroborateQueryEngine(seeds).query(UNANSWERABLE)
    assert response.response.startswith(CANNOT_ANSWER)
    assert response.response == seeds.ask(UNANSWERABLE).text
    assert response.source_nodes == []
    metadata = response.metadata
    assert metadata["abstained"] is True
    assert metadata["disagreements"] == [] and metadata["instances"] == []
    assert metadata["related"] and all(r["text"] for r in metadata["related"])
    assert json.loads(json.dumps(metadata)) == metadata


def test_disagreeing_sources_put_each_position_in_metadata(seeds):
    response = CorroborateQueryEngine(seeds).query(RECORDING)
    answer = seeds.ask(RECORDING)
    metadata = response.metadata
    assert metadata["abstained"] is False and json.loads(json.dumps(metadata)) == metadata
    (disagreement,) = metadata["disagreements"]
    assert disagreement["kind"] == DIFFERENT_EVENTS
    positions = {p["claim"]: p for p in disagreement["positions"]}
    assert set(positions) == {"about 55 minutes", "46 minutes"}
    nodes = {n.node.node_id: n.node for n in response.source_nodes}
    assert_exact(seeds, response.source_nodes)
    for claim, position in positions.items():
        assert position["node_ids"] and set(position["node_ids"]) <= set(nodes)
        minutes = claim.split()[-2]
        assert all(minutes in nodes[i].text for i in position["node_ids"])
        assert set(position["sources"]) == {nodes[i].metadata["source"]
                                            for i in position["node_ids"]}
    assert positions["46 minutes"]["sources"] != positions["about 55 minutes"]["sources"]
    instances = metadata["instances"]
    assert [i["event_id"] for i in instances] == list(answer.events) and len(instances) >= 2
    labels = [i["label"] for i in instances]
    assert all(any(p["event"].startswith(label) for label in labels) for p in positions.values())
    assert all(i["date"] and i["reports"] for i in instances)


def test_the_rest_of_the_product_imports_without_llama_index():
    code = ("import sys, assistant, assistant.cli, assistant.integrations\n"
            "print([m for m in sys.modules if m.startswith('llama_index')])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
