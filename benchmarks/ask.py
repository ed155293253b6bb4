"""Warm ``Assistant.ask`` latency against bare retrieval of the same questions, in the same process.

    python benchmarks/ask.py [--sizes seeds,10k] [--repeats N] [--profile]

For each corpus (``seeds``: the bundled sample corpus; ``10k``: distinct variants of every bundled
report, enough copies for at least 10,000 sentences; any ``Nk`` works the same way): ingest into a
fresh temporary store, time the first ask (cold: the corpus and its BM25 index are built lazily),
warm up, then ask a fixed list of questions --repeats times. Each ask is paired with the bare
retrieval step for the same question (embed the query, vector search, BM25, fusion), so the
ask/retrieval ratio shows what the composer adds on top. Targets: warm ask p50 well under 100 ms
on seeds, under 300 ms on 10k sentences. --profile prints a cProfile of one warm ask on the last
corpus.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import os
import pstats
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant import Assistant  # noqa: E402
from assistant.text import content_stems  # noqa: E402
from benchmarks.corpus import BUNDLED, variants  # noqa: E402
from benchmarks.ingest import sentences_of  # noqa: E402

TARGETS_MS = {"seeds": 100.0, "10k": 300.0}

WARMUP = ["What happened?", "Who said it?", "When was it announced?"]

# Generic on purpose: each makes sense for reports on a message, an eruption or a rate decision.
QUESTIONS = [
    "When did it happen?",                                # date
    "When was the last eruption before this one?",        # date
    "How long was the recording?",                        # duration
    "How long did the meeting last?",                     # duration
    "How much money was offered as a reward?",            # amount
    "How much will the repairs cost?",                    # amount
    "How many people were evacuated?",                    # number
    "What was the vote?",                                 # number
    "By how much were interest rates raised?",            # number
    "Who is the governor?",                               # person
    "Who verified the message?",                          # person
    "Where did it happen?",                               # place
    "Which town was closest?",                            # place
    "Why was the decision taken?",                        # reason
    "Why were residents told to leave?",                  # reason
    "Did the central bank raise interest rates?",         # yes/no
    "Was anyone injured?",                                # yes/no
    "What did the spokesman say?",                        # description
    "What happened after the announcement?",              # description
    "Who won the football match?",                        # unanswerable
]


@dataclass
class Result:
    corpus: str
    sentences: int
    content: int
    documents: int
    ingest_s: float
    cold_ms: float
    asks: list[float]        # ms, every timed ask
    first_pass: list[float]  # ms, the first repeat only (no cached word vectors for new words)
    retrievals: list[float]  # ms, bare retrieval of the same questions


def corpus_paths(size: str, workdir: Path) -> list[Path]:
    """The files (or folder) to ingest for one --sizes entry."""
    if size == "seeds":
        return [BUNDLED / "seeds"]
    if not size.endswith("k"):
        raise SystemExit(f"unknown size {size!r}: use seeds or Nk (e.g. 10k)")
    target = int(float(size[:-1]) * 1000)
    per_copy = len(sentences_of(variants(workdir / "probe", 1)))
    variants(workdir / size, math.ceil(target / per_copy))
    return [workdir / size]


def timed(call, *args) -> float:
    started = time.perf_counter()
    call(*args)
    return (time.perf_counter() - started) * 1000


def measure(size: str, repeats: int, workdir: Path, profile: bool) -> Result:
    paths = corpus_paths(size, workdir)
    assistant = Assistant(store=workdir / f"store-{size}")
    assistant.embedder.embed(["load the model outside the timings"])
    started = time.perf_counter()
    report = assistant.ingest(paths)
    ingest_s = time.perf_counter() - started
    assert report.ok, report.skipped
    records = assistant.documents()
    retriever = assistant._composer._retriever

    def retrieve(question: str) -> None:
        retriever.retrieve(question, content_stems(question), k=30)

    cold_ms = timed(assistant.ask, WARMUP[0])
    for question in WARMUP[1:]:
        assistant.ask(question)
    for question in WARMUP:
        retrieve(question)
    asks, retrievals, first_pass = [], [], []
    for n in range(repeats):
        for question in QUESTIONS:  # alternated so both share the same noise
            asks.append(timed(assistant.ask, question))
            retrievals.append(timed(retrieve, question))
            if n == 0:
                first_pass.append(asks[-1])
    result = Result(size, sum(r.sentence_count for r in records),
                    sum(r.content_count for r in records), len(records), ingest_s, cold_ms,
                    asks, first_pass, retrievals)
    print(f"{size}: ingested {result.documents} documents, {result.sentences:,} sentences "
          f"({result.content:,} content) in {ingest_s:.1f} s; first (cold) ask {cold_ms:.0f} ms; "
          f"load average {os.getloadavg()[0]:.2f} (other processes on the CPU inflate every "
          f"figure)", flush=True)
    if profile:
        print_profile(assistant, size)
    return result


def print_profile(assistant: Assistant, size: str) -> None:
    question = "How many people were evacuated?"
    assistant.ask(question)
    profiler = cProfile.Profile()
    profiler.enable()
    assistant.ask(question)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    print(f"\ncProfile of one warm ask on {size}: {question!r}")
    print(out.getvalue())


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(p) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="seeds,10k")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true",
                        help="print a cProfile of one warm ask on the last corpus")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, size in enumerate(sizes):
            result = measure(size, args.repeats, Path(tmp), args.profile and i == len(sizes) - 1)
            results.append(result)
    print()
    print("| corpus | sentences | content | documents | questions | p50 ms | p95 ms | max ms "
          "| mean ms | retrieval p50 ms | ask/retrieval | 1st-pass p50 ms | cold ask ms |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in results:
        p50, base = statistics.median(r.asks), statistics.median(r.retrievals)
        asked = f"{len(QUESTIONS)}×{len(r.asks) // len(QUESTIONS)}"
        print(f"| {r.corpus} | {r.sentences:,} | {r.content:,} | {r.documents} | {asked} "
              f"| {p50:.1f} | {percentile(r.asks, 95):.1f} | {max(r.asks):.1f} "
              f"| {statistics.fmean(r.asks):.1f} | {base:.1f} | {p50 / base:.2f} "
              f"| {statistics.median(r.first_pass):.1f} | {r.cold_ms:.0f} |")
    print()
    for r in results:
        target = TARGETS_MS.get(r.corpus)
        if target is not None:
            p50 = statistics.median(r.asks)
            verdict = "met" if p50 < target else "MISSED"
            print(f"target {r.corpus}: warm ask p50 < {target:.0f} ms: {p50:.1f} ms, {verdict}")


if __name__ == "__main__":
    main()
