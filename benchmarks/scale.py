"""Corroborate at 1k, 10k and 100k sentences: ingest, disk, memory and ask latency, one table.

    python benchmarks/scale.py [--sizes 1k,10k,100k] [--repeats 3]

For each size, in a fresh child process (so peak memory is that size's own): generate a corpus
of distinct reports (benchmarks/generate.py), run the bare models over a sample of its sentences
(raw encode and raw parse: the baseline of the same run, since ingest does both: it stores each
report's parses, issue 17), ingest the whole corpus into a fresh store (which also embeds each
new word of the corpus once, a third model pass: its count and the bare model's rate on a
sample of those words give a second baseline, "all three passes"), then build what
answering needs, as `corroborate ingest` does after its writes (`Assistant.prepare`: the corpus
+ BM25, then the event index, which is stored for later processes), each timed. Then two fresh
processes over the store: one that only imports and loads the models, one that also answers the
first question (issue 17: what a new `corroborate ask` or an app restart waits for). Last, a
fixed list of questions asked warm in this process. Prints one row per size. Targets on a 2-core machine:
ingest >= 0.8 x raw (encode + parse); at 100k, warm ask p50 <= 300 ms, p95 <= 600 ms, peak RSS <= 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = ["How many workers walked out?", "When was the last storm before this one?",
             "How much was the damage?", "Who said the figures were preliminary?",
             "How long did it last?", "How many people were affected?",
             "How many hectares burned?", "What was the vote?",
             "How long would the response take?", "Who contributed from Oska?"]
SAMPLE = 8000  # sentences embedded for the raw-encode baseline (its rate does not depend on size)
PARSE_SAMPLE = 2000  # sentences parsed for the raw-parse baseline
WORD_SAMPLE = 2000  # stored words embedded again for the raw word-pass baseline


def size_of(label: str) -> int:
    return int(float(label.rstrip("k")) * 1000) if label.endswith("k") else int(label)


def one(label: str, repeats: int) -> dict:
    from assistant import Assistant
    from benchmarks.generate import generate
    from benchmarks.ingest import sentences_of
    from index.embedder import MiniLMEmbedder

    work = Path(tempfile.mkdtemp(prefix=f"corroborate-scale-{label}-"))
    files = generate(work / "corpus", size_of(label))
    embedder = MiniLMEmbedder()
    sample = sentences_of(files)
    count = len(sample)
    sample = sample[:SAMPLE]
    embedder.embed(sample[:64])  # load the model outside the timings
    started = time.perf_counter()
    embedder.embed(sample)
    encode_rate = len(sample) / (time.perf_counter() - started)
    assistant = Assistant(store=work / "store", embedder=embedder)
    parse_rate = _parse_rate(sample[:PARSE_SAMPLE])
    started = time.perf_counter()
    report = assistant.ingest([work / "corpus"])
    ingest_s = time.perf_counter() - started
    words = _word_pass(assistant, embedder)
    built = _prepare(assistant)  # what `corroborate ingest` does next
    fresh = _fresh(work / "store")  # before this process's asks: the store as ingested
    per_sentence = words["words"] / max(report.sentences_written, 1)
    return {"size": label, "documents": len(files), "sentences": report.sentences_written,
            "split": count, "encode_rate": encode_rate, "parse_rate": parse_rate,
            "raw_rate": 1 / (1 / encode_rate + 1 / parse_rate), **words,
            "raw_all_rate": 1 / (1 / encode_rate + 1 / parse_rate
                                 + per_sentence / words["word_rate"]),
            "ingest_rate": report.sentences_written / ingest_s,
            "ingest_s": ingest_s, "disk_mb": _disk(work / "store") / 2**20, **built, **fresh,
            **_asks(assistant, repeats), **_after_upload(assistant, work),
            **_fresh_upload(work), "peak_rss_mb": _peak_rss_mb()}


def _parse_rate(texts: list[str]) -> float:
    """Sentences per second of the bare language pipeline (a fresh one: nothing cached)."""
    from assistant.language import SpacyPipeline

    pipeline = SpacyPipeline()
    pipeline.parse("Load the model outside the timing.")
    started = time.perf_counter()
    pipeline.parse_many(texts)
    return len(texts) / (time.perf_counter() - started)


def _word_pass(assistant, embedder) -> dict:
    """The ingest's third model pass: how many words it embedded (the store's word vectors,
    each new word of the corpus once) and the bare model's rate on a sample of them."""
    collection = assistant.store._words  # a benchmark may look inside the Chroma store
    sample = collection.get(limit=WORD_SAMPLE, include=[])["ids"]
    started = time.perf_counter()
    embedder.embed(sample)
    return {"words": collection.count(),
            "word_rate": len(sample) / max(time.perf_counter() - started, 1e-9)}


# A new process, as `corroborate ask` or an app restart starts: imports, the store opened, both
# models loaded (one vector embedded, one sentence parsed); with ASK, then its first answer.
FRESH = """
import sys
from assistant import Assistant
assistant = Assistant(store=sys.argv[1])
assistant.embedder.embed(["load"])
assistant.language.live.parse("Load the language pipeline.")  # the model, not the store
if sys.argv[2] == "ask":
    assistant.ask(sys.argv[3])
"""


def _fresh(store: Path) -> dict:
    """Wall seconds of a fresh process that only loads, and of one that answers a question: the
    difference is what the first answer itself costs (corpus, analysis, retrieval, answer)."""
    times = {}
    for mode in ("load", "ask"):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", FRESH, str(store), mode, QUESTIONS[0]],
                       check=True, capture_output=True, cwd=ROOT)
        times[f"fresh_{mode}_s"] = time.perf_counter() - started
    return times


def _prepare(assistant) -> dict:
    """:meth:`Assistant.prepare` split: the corpus (sentences read, stems, BM25), then the
    event index built and stored."""
    composer = assistant._composer  # a benchmark may look inside to split the work
    started = time.perf_counter()
    corpus = composer._retriever.corpus()
    corpus_s = time.perf_counter() - started
    started = time.perf_counter()
    composer.events(corpus)
    return {"corpus_s": corpus_s, "events_s": time.perf_counter() - started}


def _asks(assistant, repeats: int) -> dict:
    started = time.perf_counter()
    assistant.ask(QUESTIONS[0])
    first_s = time.perf_counter() - started
    warm = []
    for _ in range(repeats):
        for question in QUESTIONS:
            started = time.perf_counter()
            assistant.ask(question)
            warm.append((time.perf_counter() - started) * 1000)
    warm.sort()
    return {"first_ask_s": first_s,
            "p50_ms": statistics.median(warm), "p95_ms": warm[round(0.95 * (len(warm) - 1))]}


def _after_upload(assistant, work: Path) -> dict:
    """What the first question after a one-report upload rebuilds: the corpus (only the new
    report's sentences are read) and the event index (only reports whose event words changed
    are analysed again)."""
    return {f"upload_{k}": v for k, v in upload_one(assistant, work / "extra", 99).items()}


def upload_one(assistant, folder: Path, seed: int) -> dict:
    """Ingest one generated report, then time the corpus and the event index rebuilt for the
    next question, and count the reports analysed again."""
    from benchmarks.generate import generate

    assistant.ingest(generate(folder, 12, seed=seed)[:1])
    composer = assistant._composer
    started = time.perf_counter()
    corpus = composer._retriever.corpus()
    corpus_s = time.perf_counter() - started
    started = time.perf_counter()
    composer.events(corpus)
    return {"corpus_s": corpus_s, "events_s": time.perf_counter() - started,
            "analysed": composer._analyses.analysed}


# A new process that adds one report, as `corroborate ingest` does, then builds what answering
# needs: it has none of the reports' analyses that a long-running process keeps in memory.
UPLOAD = """
import json, sys
from pathlib import Path
from assistant import Assistant
from benchmarks.scale import upload_one
print(json.dumps(upload_one(Assistant(store=sys.argv[1]), Path(sys.argv[2]), 98)))
"""


def _fresh_upload(work: Path) -> dict:
    """What the first question after a one-report upload rebuilds in a new process (the
    corpus and the event index; the reports analysed again)."""
    out = subprocess.run([sys.executable, "-c", UPLOAD, str(work / "store"), str(work / "extra2")],
                         check=True, capture_output=True, text=True, cwd=ROOT)
    found = json.loads(out.stdout.strip().splitlines()[-1])
    return {f"fresh_upload_{k}": v for k, v in found.items()}


def _disk(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def table(rows: list[dict]) -> str:
    head = ("| sentences | docs | raw encode /s | raw parse /s | raw both /s | ingest /s "
            "| ratio | words embedded | raw words /s | ratio to all three passes "
            "| disk MB | peak RSS MB "
            "| at ingest: corpus s | event index built and stored s "
            "| fresh process: loads alone s | first answer s "
            "| warm p50 ms | warm p95 ms | after 1 upload: corpus s | events s (reports re-analysed) "
            "| in a new process: corpus s | events s (reports re-analysed) |")
    lines = [head, "|" + "|".join([" ---: "] * (head.count("|") - 1)) + "|"]
    for r in rows:
        lines.append(
            f"| {r['sentences']:,} | {r['documents']:,} | {r['encode_rate']:.0f} | "
            f"{r['parse_rate']:.0f} | {r['raw_rate']:.0f} | "
            f"{r['ingest_rate']:.0f} | {r['ingest_rate'] / r['raw_rate']:.2f} | "
            f"{r['words']:,} | {r['word_rate']:.0f} | {r['ingest_rate'] / r['raw_all_rate']:.2f} | "
            f"{r['disk_mb']:.0f} | {r['peak_rss_mb']:.0f} | {r['corpus_s']:.1f} | "
            f"{r['events_s']:.1f} | {r['fresh_load_s']:.1f} | {r['fresh_ask_s']:.1f} | "
            f"{r['p50_ms']:.0f} | {r['p95_ms']:.0f} | "
            f"{r['upload_corpus_s']:.2f} | {r['upload_events_s']:.2f} "
            f"({r['upload_analysed']:,}) | {r['fresh_upload_corpus_s']:.2f} | "
            f"{r['fresh_upload_events_s']:.2f} ({r['fresh_upload_analysed']:,}) |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k,100k")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.repeats)))
        return 0
    rows = []
    for label in args.sizes.split(","):
        out = subprocess.run([sys.executable, __file__, "--one", label, "--repeats",
                              str(args.repeats)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"{label}: done in {rows[-1]['ingest_s']:.0f} s of ingest", file=sys.stderr)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
