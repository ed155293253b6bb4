"""Many people on one app: concurrent chat sessions against ``python app.py`` while uploads ingest.

    python benchmarks/load.py [--sessions 20] [--seconds 60] [--copies 10]

Starts the app on a loopback port over a fresh store (it ingests the bundled corpus), then runs
``--sessions`` chat sessions through ``gradio_client`` for ``--seconds``: each session, over and
over, starts a new chat, asks its opener (the corpus's example questions, dealt round) and then
"Who said that?". Meanwhile an uploader keeps adding batches of other-domain reports through the
Documents tab's ``/ingest``. Each follow-up is compared with the same two turns replayed by the
library on its own copy of the corpus before any upload: a follow-up that equals another opener's
replay instead of its own was answered from another session's history. Prints sessions, requests,
errors, mixed-up follow-ups and latency p50/p95; exits 1 on any error or mix-up. Loopback only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.servers import free_port, wait_until_up  # noqa: E402

FOLLOW_UP = "Who said that?"
UPLOADS = [ROOT / "evals" / "corpus" / d for d in ("volcano", "rates")]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    uploads: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, **items) -> None:
        with self.lock:
            for name, value in items.items():
                getattr(self, name).append(value)


def expected_follow_ups(openers: list[str], store: Path) -> dict[str, str]:
    """What the library says to each opener's follow-up, on its own copy of the corpus."""
    from assistant import Assistant

    assistant = Assistant(store=store)
    assistant.ingest([ROOT / "evals" / "corpus" / "seeds"])
    replies = {}
    for opener in openers:
        chat = assistant.chat()
        chat.ask(opener)
        replies[opener] = chat.ask(FOLLOW_UP).text
    return replies


def chat_session(url: str, opener: str, expected: dict[str, str], stop: threading.Event,
                 tally: Tally) -> None:
    """Ask opener + follow-up over and over. A follow-up equal to what another opener's history
    gives (and not to its own) is a mixed-up conversation; one equal to neither is counted as
    changed, since the uploads keep changing the corpus under the conversation."""
    from gradio_client import Client

    client = Client(url, verbose=False)
    while not stop.is_set():
        try:
            client.predict(api_name="/new_chat")
            for question in (opener, FOLLOW_UP):
                start = time.perf_counter()
                answer = client.predict(question, api_name="/ask")[-1]
                tally.add(latencies=(time.perf_counter() - start) * 1000)
            said = answer["answer"]
            if said != expected[opener]:
                others = [o for o, reply in expected.items() if reply == said and o != opener]
                kind = "mismatches" if others else "changed"
                tally.add(**{kind: f"{opener!r} → {said[:80]!r}"})
        except Exception as exc:  # every failure is counted and shown, none stops the run
            tally.add(errors=f"{type(exc).__name__}: {exc}"[:200])


def uploader(url: str, folder: Path, copies: int, stop: threading.Event, tally: Tally) -> None:
    from gradio_client import Client, handle_file

    client, batch = Client(url, verbose=False), 0
    sources = sorted(p for d in UPLOADS for p in d.iterdir())
    while not stop.is_set():
        files = []
        for n in range(copies):
            for source in sources:
                path = folder / f"b{batch}_c{n}_{source.name}"
                path.write_text(source.read_text(encoding="utf-8")
                                + f"\n\nFiled in batch {batch}, copy {n}.\n", encoding="utf-8")
                files.append(handle_file(path))
        try:
            client.predict(files, api_name="/ingest")
            with tally.lock:
                tally.uploads += len(files)
        except Exception as exc:
            tally.add(errors=f"upload: {type(exc).__name__}: {exc}"[:200])
        batch += 1


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--copies", type=int, default=10, help="copies of each upload file per batch")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="corroborate-load-"))
    openers = [q for q in (ROOT / "evals" / "examples" / "seeds.txt").read_text().splitlines()
               if q.strip() and not q.startswith("#") and q != FOLLOW_UP]
    expected = expected_follow_ups(openers, work / "replay")
    port, log = free_port(), work / "app.log"
    env = {**os.environ, "CORROBORATE_STORE": str(work / "store"), "HF_HUB_OFFLINE": "1"}
    with log.open("w") as sink:
        app = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, app, log=log)
        tally = run(url, openers, expected, args, work)
    finally:
        app.terminate()
        app.wait(timeout=30)
    report(tally, args)
    return 0 if not tally.errors and not tally.mismatches else 1


def run(url: str, openers: list[str], expected: dict[str, str], args, work: Path) -> Tally:
    tally, stop = Tally(), threading.Event()
    (work / "uploads").mkdir()
    threads = [threading.Thread(target=chat_session, args=(
        url, openers[i % len(openers)], expected, stop, tally))
        for i in range(args.sessions)]
    threads.append(threading.Thread(target=uploader, args=(url, work / "uploads", args.copies,
                                                           stop, tally)))
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return tally


def report(tally: Tally, args) -> None:
    lat = tally.latencies
    print(f"sessions {args.sessions}, {args.seconds:.0f} s, chat requests {len(lat)}, "
          f"errors {len(tally.errors)}, follow-ups answered from another session's history "
          f"{len(tally.mismatches)}, files uploaded and ingested meanwhile {tally.uploads}")
    print(f"follow-ups that differ from the pre-upload replay because the corpus grew: "
          f"{len(tally.changed)}")
    if lat:
        print(f"ask latency ms: p50 {statistics.median(lat):.0f}, p95 {percentile(lat, 0.95):.0f}, "
              f"max {max(lat):.0f}")
    for line in (tally.errors + tally.mismatches)[:10]:
        print("  " + line)


if __name__ == "__main__":
    sys.exit(main())
