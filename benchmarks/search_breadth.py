"""The store's vector search at the graph breadth Chroma defaults to and at the one the store sets.

    python benchmarks/search_breadth.py --store DIR [--repeats N]

``index.chroma_store.SEARCH_BREADTH`` (HNSW's ef_search) is set on every store so that two
ingests of the same reports give the same neighbours; this prints what it costs: the median and
the worst of ``ChromaStore.search`` (k = 40, as the retriever asks) over a fixed list of
questions, at ef_search 100 (Chroma's default: the baseline) and at SEARCH_BREADTH, alternating
in the same process so that both see the same caches, and the ratio. The store is left at
SEARCH_BREADTH, as the product leaves it. Point it at any store, e.g. one of 100k sentences:
``python benchmarks/generate.py /tmp/c100k --sentences 100000`` then ``corroborate ingest
/tmp/c100k --store /tmp/s100k``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.chroma_store import SEARCH_BREADTH, SENTENCES, open_persistent  # noqa: E402
from index.embedder import MiniLMEmbedder  # noqa: E402

QUESTIONS = ["When was the last eruption?", "How much is the bounty?", "Who is the governor?",
             "What did the mayor say about the flood?", "How many people died?",
             "Where did the storm hit?", "Why was the launch delayed?",
             "What is the interest rate now?"]
K = 40
DEFAULT_BREADTH = 100


def timed(store, collection, vectors, breadth: int) -> list[float]:
    """Milliseconds per search of each vector at ``breadth``, after one untimed search."""
    collection.modify(configuration={"hnsw": {"ef_search": breadth}})
    store.search(vectors[0], K)
    times = []
    for vector in vectors:
        started = time.perf_counter()
        store.search(vector, K)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store directory")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    embedder = MiniLMEmbedder()
    store = open_persistent(args.store, embedder.name, embedder.dimension)
    collection = store._client.get_collection(SENTENCES)
    vectors = [embedder.embed_query(q) for q in QUESTIONS]
    runs: dict[int, list[float]] = {DEFAULT_BREADTH: [], SEARCH_BREADTH: []}
    for _ in range(args.repeats):
        for breadth in runs:
            runs[breadth] += timed(store, collection, vectors, breadth)
    collection.modify(configuration={"hnsw": {"ef_search": SEARCH_BREADTH}})
    base = statistics.median(runs[DEFAULT_BREADTH])
    print(f"{collection.count():,} sentences, k={K}, {len(vectors) * args.repeats} searches each")
    print("| ef_search | median ms | max ms | ratio to 100 |\n| ---: | ---: | ---: | ---: |")
    for breadth, times in runs.items():
        median = statistics.median(times)
        print(f"| {breadth} | {median:.1f} | {max(times):.1f} | {median / base:.2f} |")


if __name__ == "__main__":
    main()
