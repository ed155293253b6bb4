"""What the web app adds to an answer: ``/ask`` over HTTP against ``Assistant.ask``, same process.

    python benchmarks/app.py [--repeats N]

Ingests the bundled sample corpus into a fresh temporary store, serves the app on a loopback
port, then for each question times a library ask and a ``gradio_client`` call of ``/ask`` (which
also renders the chat, the evidence panel with full documents, the cards and the timeline), and
prints p50/p95 of both and their ratio. Each question starts a new chat (untimed), so both paths
answer the same question without history.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant import Assistant  # noqa: E402
from assistant.web import serve  # noqa: E402
from benchmarks.ask import QUESTIONS  # noqa: E402
from benchmarks.corpus import BUNDLED  # noqa: E402
from tests.support.servers import free_port  # noqa: E402


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    from gradio_client import Client

    folder = Path(tempfile.mkdtemp(prefix="corroborate-bench-app-"))
    assistant = Assistant(store=folder / "store")
    assistant.ingest([BUNDLED])
    demo, url = serve(assistant, host="127.0.0.1", port=free_port(),
                      uploads=folder / "uploads", max_bytes=5_000_000)
    client = Client(url, verbose=False)
    for q in QUESTIONS:  # warm both paths
        assistant.ask(q)
        client.predict(q, api_name="/ask")
    library, page = [], []
    for _ in range(args.repeats):
        for q in QUESTIONS:
            library.append(timed(lambda: assistant.ask(q)))
            client.predict(api_name="/new_chat")  # untimed: each question starts a conversation
            page.append(timed(lambda: client.predict(q, api_name="/ask")))
    demo.close()
    print(f"{len(library)} asks of {len(QUESTIONS)} questions")
    print(f"{'path':<28}{'p50 ms':>10}{'p95 ms':>10}")
    for name, values in (("Assistant.ask", library), ("app /ask over HTTP", page)):
        print(f"{name:<28}{statistics.median(values):>10.1f}{percentile(values, 0.95):>10.1f}")
    print(f"ratio app/library p50: {statistics.median(page) / statistics.median(library):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
