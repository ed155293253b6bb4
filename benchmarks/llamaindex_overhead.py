"""What llama-index's abstractions cost against calling chromadb and sentence-transformers directly.

    python benchmarks/llamaindex_overhead.py [--copies N]

Same sentences, same model, same Chroma, same process. Ingest: embed + write all sentences.
Query: embed a question + top-20 search over content sentences. The issue's rule: use
llama-index (HuggingFaceEmbedding, TextNode, ChromaVectorStore) unless it costs more than 20 %
of ingest throughput or query latency. The verdict printed at the end is computed, not typed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import chromadb  # noqa: E402

from benchmarks.corpus import variants  # noqa: E402
from benchmarks.ingest import sentences_of  # noqa: E402
from index.embedder import MiniLMEmbedder, bundled_model_path  # noqa: E402

QUESTIONS = ["when was the last one before this one?", "how long was the recording?",
             "who verified it?", "how many people were evacuated?", "what was the vote?"] * 8


def collection(name: str):
    client = chromadb.PersistentClient(tempfile.mkdtemp())
    return client.get_or_create_collection(name, configuration={"hnsw": {"space": "cosine"}},
                                           embedding_function=None)


def direct_ingest(model, texts: list[str]):
    started = time.perf_counter()
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True)
    col = collection("direct")
    for at in range(0, len(texts), 1000):
        col.upsert(ids=[f"d:{i:06d}" for i in range(at, min(at + 1000, len(texts)))],
                   embeddings=vectors[at:at + 1000],
                   metadatas=[{"doc_id": "d", "content": True, "span": f"{i}:0:0:body"}
                              for i in range(at, min(at + 1000, len(texts)))])
    return time.perf_counter() - started, col


def llama_ingest(embed_model, texts: list[str]):
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    started = time.perf_counter()
    vectors = embed_model.get_text_embedding_batch(texts)
    store = ChromaVectorStore(chroma_collection=collection("llama"))
    nodes = [TextNode(id_=f"d:{i:06d}", text=t, embedding=v, metadata={"content": 1},
                      relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id="d")})
             for i, (t, v) in enumerate(zip(texts, vectors))]
    store.add(nodes)
    return time.perf_counter() - started, store


def direct_query(model, col, question: str) -> None:
    vector = model.encode([question], normalize_embeddings=True)
    col.query(query_embeddings=vector, n_results=20, where={"content": True})


def llama_query(embed_model, store, question: str) -> None:
    from llama_index.core.vector_stores.types import (
        MetadataFilter, MetadataFilters, VectorStoreQuery)

    vector = embed_model.get_query_embedding(question)
    store.query(VectorStoreQuery(query_embedding=vector, similarity_top_k=20,
                                 filters=MetadataFilters(filters=[MetadataFilter(key="content",
                                                                                 value=1)])))


def p50_ms(run) -> float:
    times = []
    for question in QUESTIONS:
        started = time.perf_counter()
        run(question)
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    with tempfile.TemporaryDirectory() as tmp:
        texts = sentences_of(variants(Path(tmp), args.copies))
    MiniLMEmbedder().embed(["load the libraries once"])
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(bundled_model_path()), device="cpu")
    embed_model = HuggingFaceEmbedding(model_name=str(bundled_model_path()), device="cpu",
                                       embed_batch_size=64)
    rows = {"direct": [], "llama-index": []}
    for _ in range(2):  # alternate, keep the best, so both see the same machine noise
        rows["direct"].append(direct_ingest(model, texts))
        rows["llama-index"].append(llama_ingest(embed_model, texts))
    best = {k: min(v, key=lambda r: r[0]) for k, v in rows.items()}
    rate = {k: len(texts) / best[k][0] for k in best}
    query = {"direct": p50_ms(lambda q: direct_query(model, best["direct"][1], q)),
             "llama-index": p50_ms(lambda q: llama_query(embed_model, best["llama-index"][1], q))}
    print(f"sentences: {len(texts)}")
    print(f"{'path':<12} {'ingest sent/s':>14} {'query p50 ms':>13}")
    for name in rows:
        print(f"{name:<12} {rate[name]:>14.1f} {query[name]:>13.1f}")
    ingest_cost = 1 - rate["llama-index"] / rate["direct"]
    query_cost = query["llama-index"] / query["direct"] - 1
    print(f"llama-index costs {ingest_cost:+.0%} ingest throughput, {query_cost:+.0%} query latency")
    verdict = "direct" if max(ingest_cost, query_cost) > 0.20 else "llama-index"
    print(f"verdict (20% rule): build the retrieval layer on {verdict}")


if __name__ == "__main__":
    main()
