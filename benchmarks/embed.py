"""The numpy encoder against sentence-transformers, same process; and a fresh `corroborate ask`.

    python benchmarks/embed.py [--copies N] [--rounds R] [--asks N] [--threads N] [--ask-only]

1. Vectors: the max abs difference between ``NumpyMiniLM`` and ``SentenceTransformer.encode``
   (normalised) over the benchmark sentences.
2. Query latency: one question embedded at a time, numpy and sentence-transformers alternated
   question by question so both share the same noise; median ms of each and their ratio.
3. Batch throughput: every sentence of ``--copies`` variants of the bundled reports embedded in
   one call, alternated round by round; sentences/s of each (best round) and numpy / st.
4. A fresh process: wall time of ``corroborate ask`` on a one-report store (built here with
   ``corroborate ingest``), median and range of --asks runs; then, in one more run, which heavy
   packages it loaded and its import costs (``python -X importtime``), total and top.
   ``--ask-only`` runs only this step.

Other processes on this 2-core machine inflate every figure (multi-threaded BLAS worst of all):
the load average is printed. The numpy encoder runs as the product runs it (one BLAS thread,
batches on one worker thread per CPU); sentence-transformers with torch's default threads, as the
product ran it, unless --threads sets OMP/MKL threads (read at import: the script re-runs itself
with them set).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ask import QUESTIONS  # noqa: E402
from benchmarks.corpus import BUNDLED, variants  # noqa: E402
from benchmarks.ingest import sentences_of  # noqa: E402

REPORT = BUNDLED / "seeds" / "000_1c8997f6c28d3217.txt"
HEAVY = ("torch", "transformers", "sentence_transformers", "sklearn", "thinc", "spacy",
         "chromadb", "onnxruntime")
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class Pair:
    """One measurement of both encoders; ``numpy`` and ``st`` in the same unit."""

    numpy: float
    st: float


def encoders():
    from sentence_transformers import SentenceTransformer

    from index.embedder import bundled_model_path
    from index.minilm_numpy import NumpyMiniLM

    path = bundled_model_path()
    reference = SentenceTransformer(str(path), device="cpu")

    def st(texts: list[str]):
        return reference.encode(texts, batch_size=64, normalize_embeddings=True,
                                convert_to_numpy=True, show_progress_bar=False)

    return NumpyMiniLM(path).encode, st


def seconds(call, *args) -> float:
    started = time.perf_counter()
    call(*args)
    return time.perf_counter() - started


def vectors_and_speed(copies: int, rounds: int) -> None:
    import numpy as np

    mine, st = encoders()
    with tempfile.TemporaryDirectory() as tmp:
        texts = sentences_of(variants(Path(tmp), copies))
    difference = float(np.abs(mine(texts) - st(texts)).max())
    print(f"vectors: {len(texts)} sentences, max abs difference numpy vs st {difference:.2e}")
    queries = [Pair(seconds(mine, [q]) * 1e3, seconds(st, [q]) * 1e3)
               for _ in range(3) for q in QUESTIONS]
    q_numpy = statistics.median(p.numpy for p in queries)
    q_st = statistics.median(p.st for p in queries)
    print(f"query embed: numpy {q_numpy:.1f} ms, st {q_st:.1f} ms (medians of {len(queries)}); "
          f"numpy/st latency {q_numpy / q_st:.2f}")
    batches = [Pair(len(texts) / seconds(mine, texts), len(texts) / seconds(st, texts))
               for _ in range(rounds)]
    b_numpy, b_st = max(p.numpy for p in batches), max(p.st for p in batches)
    print(f"batch of {len(texts)}: numpy {b_numpy:.0f} sent/s, st {b_st:.0f} sent/s (best of "
          f"{rounds}); numpy/st throughput {b_numpy / b_st:.2f} (rounds: "
          f"{', '.join(f'{p.numpy / p.st:.2f}' for p in batches)})")


# `corroborate ASK...` in-process, then the heavy modules really loaded (an import that thinc
# tried and was refused still shows in -X importtime, so sys.modules decides).
PROBE = ("import sys\n"
         "from assistant.cli import main\n"
         "status = main(sys.argv[1:])\n"
         f"print('LOADED', *(m for m in {HEAVY!r} if sys.modules.get(m)))\n"
         "sys.exit(status)\n")


def corroborate(*args: str) -> subprocess.CompletedProcess:
    """Run the installed ``corroborate`` script in a fresh interpreter."""
    script = Path(sys.executable).parent / "corroborate"
    return subprocess.run([sys.executable, str(script), *args], cwd=ROOT, capture_output=True,
                          text=True, check=True, env=os.environ | {"HF_HUB_OFFLINE": "1"})


def profiled(*args: str) -> tuple[set[str], str]:
    """The heavy modules a fresh ``corroborate ARGS`` loads, and its ``-X importtime`` log."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", PROBE, *args], cwd=ROOT,
                          capture_output=True, text=True, check=True,
                          env=os.environ | {"HF_HUB_OFFLINE": "1"})
    loaded = done.stdout.strip().splitlines()[-1].split()[1:]
    return set(loaded), done.stderr


def fresh_ask(asks: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "store")
        corroborate("ingest", str(REPORT), "--store", store, "--quiet")
        question = "How long was the recording?"
        walls = [seconds(corroborate, "ask", question, "--store", store) for _ in range(asks)]
        loaded, profile = profiled("ask", question, "--store", store)
    print(f"fresh `corroborate ask` on a one-report store: median "
          f"{statistics.median(walls):.2f} s wall, range {min(walls):.2f}-{max(walls):.2f} s "
          f"({asks} runs; load average {os.getloadavg()[0]:.2f} after)")
    print("  loaded: " + ", ".join(f"{m} {'yes' if m in loaded else 'no'}" for m in HEAVY))
    costs = import_costs(profile)
    top = sorted(costs.items(), key=lambda kv: -kv[1])[:8]
    print(f"  imports {sum(costs.values()):.2f} s; top (cumulative s): "
          + ", ".join(f"{m} {s:.2f}" for m, s in top))


def import_costs(profile: str) -> dict[str, float]:
    """Seconds per top-level package imported at the outermost level of ``-X importtime``."""
    costs: dict[str, float] = {}
    for line in profile.splitlines():
        found = re.match(r"import time:\s+\d+ \|\s+(\d+) \| ( *)(\S+)", line)
        if found and not found[2]:
            top = found[3].split(".")[0]
            costs[top] = costs.get(top, 0.0) + int(found[1]) / 1e6
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="variants of the bundled reports")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--asks", type=int, default=7)
    parser.add_argument("--threads", type=int, help="torch's threads (OMP/MKL)")
    parser.add_argument("--ask-only", action="store_true",
                        help="only step 4, the fresh `corroborate ask` (no torch in this process)")
    args = parser.parse_args()
    if args.threads and any(os.environ.get(v) != str(args.threads) for v in THREAD_VARIABLES):
        threads = {v: str(args.threads) for v in THREAD_VARIABLES}
        os.execve(sys.executable, [sys.executable, *sys.argv], os.environ | threads)
    print(f"load average {os.getloadavg()[0]:.2f} (other processes inflate every figure)")
    if not args.ask_only:
        vectors_and_speed(args.copies, args.rounds)
    fresh_ask(args.asks)


if __name__ == "__main__":
    main()
