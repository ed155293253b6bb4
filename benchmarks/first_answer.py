"""What the first answer in a fresh process costs on an existing store, step by step.

    python benchmarks/first_answer.py STORE [QUESTION]

Run it in a new process (it is one): imports and model loads, then the corpus build (sentences
read, stems, BM25), the event index (read from the store where `corroborate ingest` or an
earlier process stored it, else built and stored), and the answer itself, each timed; the last
line gives the first answer against the loads alone (issue 17's target at 100k sentences: at
most 3 s more).
`benchmarks/scale.py` makes stores of 1k/10k/100k sentences and prints the same two totals.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    question = sys.argv[2] if len(sys.argv) > 2 else "How many workers walked out?"
    started = time.perf_counter()
    from assistant import Assistant

    assistant = Assistant(store=sys.argv[1])
    assistant.embedder.embed(["load"])
    assistant.language.live.parse("Load the language pipeline.")
    marks = {"imports and loads": time.perf_counter()}
    composer = assistant._composer  # a benchmark may look inside to split the first answer
    corpus = composer._retriever.corpus()
    marks["corpus build"] = time.perf_counter()
    composer.events(corpus)
    marks["event index"] = time.perf_counter()
    assistant.ask(question)
    marks["answer"] = time.perf_counter()
    previous = started
    for step, at in marks.items():
        print(f"{step:>18}: {at - previous:6.1f} s")
        previous = at
    loads = marks["imports and loads"] - started
    total = previous - started
    print(f"first answer {total:.1f} s = loads {loads:.1f} s + {total - loads:.1f} s "
          f"({total / loads:.1f} x the loads alone)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
