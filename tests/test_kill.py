"""An ingest killed with SIGKILL half-way leaves a store that the next ingest completes, and no
report without its stored analysis or analysis without its report."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from assistant import Assistant
from index.loading import iter_files
from tests.conftest import CORPORA

pytestmark = pytest.mark.slow


def make_corpus(folder, copies=3):
    """Many distinct documents: every bundled report in several versions."""
    files = [p for p in iter_files([CORPORA]) if p.suffix in (".txt", ".md")]
    for n in range(copies):
        for path in files:
            target = folder / f"v{n}" / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text(encoding="utf-8") + f"\n\nVersion note {n}.\n")
    return sorted(str(p) for p in folder.rglob("*") if p.is_file())


def start_ingest(corpus, store):
    # Small groups, so the ingest commits documents many times over its run.
    env = {**os.environ, "CORROBORATE_STORE": str(store), "CORROBORATE_EMBED_GROUP": "120"}
    return subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest", str(corpus),
                             "--quiet"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def state(store):
    assistant = Assistant(store=store)
    return assistant, assistant.documents()


def test_kill_9_mid_ingest_then_rerun_completes_without_duplicates(tmp_path):
    corpus = tmp_path / "corpus"
    sources = make_corpus(corpus)
    started = time.monotonic()
    full = start_ingest(corpus, tmp_path / "timing")
    assert full.wait(timeout=900) == 0, full.stderr.read().decode()
    duration = time.monotonic() - started

    partial_seen = False
    for fraction in (0.4, 0.55, 0.7, 0.85):
        store = tmp_path / f"store-{fraction}"
        victim = start_ingest(corpus, store)
        time.sleep(duration * fraction)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=60)
        killed, records = state(store)
        ready = [r for r in records if r.status == "ready"]
        # no report is ready without its analysis, and no analysis outlives its report
        assert set(killed.store.analyses([r.doc_id for r in ready])) == {r.doc_id for r in ready}
        assert killed.store.analysis_doc_ids() <= {r.doc_id for r in records}
        partial_seen |= 0 < len(ready) < len(sources) or len(ready) < len(records)

        rerun = start_ingest(corpus, store)
        assert rerun.wait(timeout=900) == 0, rerun.stderr.read().decode()
        assistant, records = state(store)
        assert sorted(r.source for r in records) == sources
        assert assistant.check() == []
        assert assistant.store.sentence_count() == sum(r.sentence_count for r in records)
    assert partial_seen, "no kill landed half-way; the corpus is too small for this machine"
