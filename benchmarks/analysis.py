"""Throughput of the text analysers, and their time on adversarial input against ordinary text.

    python benchmarks/analysis.py

Prints sentences/s of entity finding, time-expression finding and sentence splitting over the
bundled corpora; for each adversarial input (megabyte lines, runs that could make a regular
expression backtrack) its time against ordinary prose of the same length (a ratio far above 1
means something is worse than linear); and the event index over the bundled corpora and ten
copies of them (a ratio near 10 is linear). Targets: entities > 2,000 sentences/s, time
expressions > 3,000 sentences/s; no adversarial ratio above about 10.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.entities import find_entities  # noqa: E402
from index.boilerplate import find_furniture  # noqa: E402
from index.segment import split_sentences  # noqa: E402
from index.temporal import find_time_expressions  # noqa: E402

PROSE = "The council met on Tuesday and approved the budget after a long debate. "
ADVERSARIAL = {
    "time: about... years": "about " * 3000 + "years",
    "time: long number": "1" * 20_000 + " years",
    "time: and a half": "and a half " * 2000,
    "time: in in in": "in " * 5000 + "2019",
    "time: May 1 runs": "May 1 " * 3000,
    "split: no space (1 MB)": "x" * 1_000_000,
    "split: initials (1 MB)": "A. " * 333_000,
    "split: dots (1 MB)": "." * 1_000_000,
    "split: zero-width (1 MB)": "\u200b" * 1_000_000,
    "split: dates (1 MB)": "on 5 March 2020 and " * 50_000,
}


def corpus_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "evals" / "corpus").glob("*/*")):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = re.sub(r"<[^>]+>", "", text)
        sentences += [text[s:e] for s, e in split_sentences(text)]
    return sentences


def best_rate(function, items, runs: int = 3) -> float:
    best = 0.0
    for _ in range(runs):
        started = time.perf_counter()
        for item in items:
            function(item)
        best = max(best, len(items) / (time.perf_counter() - started))
    return best


def seconds(function, text: str) -> float:
    started = time.perf_counter()
    function(text)
    return time.perf_counter() - started


def adversarial() -> list[tuple[str, float, float]]:
    rows = []
    for name, text in ADVERSARIAL.items():
        function = find_time_expressions if name.startswith("time") else _split
        ordinary = (PROSE * (len(text) // len(PROSE) + 1))[: len(text)]
        rows.append((name, seconds(function, text), seconds(function, ordinary)))
    return rows


def _split(text: str) -> None:
    find_furniture(text)
    split_sentences(text)


def events() -> tuple[float, float]:
    from assistant.events import build_events
    from assistant.retrieval import Corpus
    from tests.test_events import load_corpus

    corpus, _ = load_corpus(sorted(p for p in (ROOT / "evals" / "corpus").glob("*/*")))
    copies = Corpus(*_copies(corpus, 10))
    return seconds(lambda _: build_events(corpus), ""), seconds(lambda _: build_events(copies), "")


def _copies(corpus, n: int):
    records, sentences = [], []
    for k in range(n):
        records += [replace(r, doc_id=f"{r.doc_id[:12]}c{k:03d}") for r in corpus.records.values()]
        for s in corpus.sentences:
            doc_id = f"{s.doc_id[:12]}c{k:03d}"
            sentences.append(replace(s, doc_id=doc_id, sentence_id=f"{doc_id}:{s.index:05d}"))
    return records, sentences


def main() -> int:
    sentences = corpus_sentences()
    long = [s for s in sentences if len(s) >= 60] * 10
    print(f"entities:         {best_rate(find_entities, sentences):8,.0f} sentences/s "
          f"({len(sentences)} sentences)")
    print(f"time expressions: {best_rate(find_time_expressions, long):8,.0f} sentences/s "
          f"({len(long)} sentences of 60+ characters)")
    print("\n| adversarial input | s | same length of prose, s | ratio |\n|---|---:|---:|---:|")
    for name, hostile, ordinary in adversarial():
        print(f"| {name} | {hostile:.3f} | {ordinary:.3f} | {hostile / ordinary:.1f} |")
    one, ten = events()
    print(f"\nevent index: bundled corpora {one:.2f} s, ten copies {ten:.2f} s "
          f"(ratio {ten / one:.1f} for 10x the reports)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
