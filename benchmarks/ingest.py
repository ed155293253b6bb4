"""Ingest throughput against raw ``model.encode`` of the same sentences, in the same process.

    python benchmarks/ingest.py [--copies N]

Prints sentences per second for (a) encoding the sentences alone with the model and (b) the
whole ingest (load, clean, segment, embed, write to an embedded Chroma store), and b/a.
Target: ratio >= 0.8. Each figure is the best of --rounds runs, alternated to share noise.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import variants  # noqa: E402
from index.chroma_store import open_persistent  # noqa: E402
from index.embedder import MiniLMEmbedder  # noqa: E402
from index.ingest import Ingestor  # noqa: E402
from index.loading import load_file  # noqa: E402
from index.sentences import split_document  # noqa: E402


def sentences_of(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        loaded = load_file(path, 10**8)
        texts += [s.text for s in split_document(loaded.document, loaded.furniture)]
    return texts


def raw_encode(embedder: MiniLMEmbedder, texts: list[str]) -> float:
    started = time.perf_counter()
    embedder.embed(texts)
    return time.perf_counter() - started


def full_ingest(embedder: MiniLMEmbedder, corpus: Path, workdir: Path, n: int) -> float:
    store = open_persistent(workdir / f"store-{n}", embedder.name, embedder.dimension)
    started = time.perf_counter()
    report = Ingestor(store, embedder).ingest([corpus])
    elapsed = time.perf_counter() - started
    assert not report.skipped, report.skipped
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        paths = variants(workdir / "corpus", args.copies)
        texts = sentences_of(paths)
        embedder = MiniLMEmbedder()
        embedder.embed(texts[:64])  # load the model outside the timings
        raw, ingest = [], []
        for n in range(args.rounds):
            raw.append(raw_encode(embedder, texts))
            ingest.append(full_ingest(embedder, workdir / "corpus", workdir, n))
    raw_rate, ingest_rate = len(texts) / min(raw), len(texts) / min(ingest)
    print(f"documents                 {len(paths)}")
    print(f"sentences                 {len(texts)}")
    print(f"raw model.encode          {raw_rate:8.1f} sentences/s")
    print(f"whole ingest              {ingest_rate:8.1f} sentences/s")
    print(f"ratio ingest / raw        {ingest_rate / raw_rate:8.2f}   (target >= 0.80)")


if __name__ == "__main__":
    main()
