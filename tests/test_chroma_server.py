"""The store over a real Chroma server (``chroma run``): the same contract as the embedded
store, an ingest + ask round trip, and clear errors when the server is down or goes away."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

import pytest

from assistant import Assistant, StoreError
from index.chroma_store import open_http
from index.errors import IncompatibleStoreError
from tests.conftest import CORPORA, ROOT, SEEDS
from tests.contracts.store_contract import DIM, StoreContract
from tests.support.chroma_server import ChromaServer
from tests.support.servers import free_port

pytestmark = pytest.mark.slow
_databases = itertools.count()


@pytest.fixture(scope="module")
def chroma(tmp_path_factory):
    server = ChromaServer(tmp_path_factory.mktemp("chroma") / "data").start()
    yield server
    server.stop()


def fresh(chroma) -> str:
    """A store URL of its own: one database per test on the shared server."""
    return f"{chroma.url}/test{next(_databases)}_{os.getpid()}"


class TestChromaServerStore(StoreContract):
    @pytest.fixture
    def store(self, chroma):
        return open_http(fresh(chroma), "test-embedder", DIM)


def test_a_server_store_refuses_another_embedder(chroma):
    url = fresh(chroma)
    open_http(url, "test-embedder", DIM)
    with pytest.raises(IncompatibleStoreError, match=url):
        open_http(url, "another-model", DIM)


def test_ingest_and_ask_over_the_server_match_the_embedded_store(chroma, minilm, seeds):
    remote = Assistant(chroma_url=fresh(chroma), embedder=minilm)
    report = remote.ingest([SEEDS])
    assert report.ok and len(report.added) == len(seeds.documents())
    assert remote.check() == []
    for question in ("How long was the recording?", "How much is the bounty on Baghdadi?"):
        here, there = seeds.ask(question), remote.ask(question)
        assert [c.to_dict() | {"source": ""} for c in there.citations] == [
            c.to_dict() | {"source": ""} for c in here.citations]
        assert there.text.split("\n")[0] == here.text.split("\n")[0]


def test_the_cli_takes_the_server_from_flag_or_environment(chroma, tmp_path):
    url = fresh(chroma)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    run = [sys.executable, "-m", "assistant.cli"]
    added = subprocess.run([*run, "--chroma-url", url, "ingest", "--json", "--quiet",
                            str(CORPORA / "volcano")], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=300)
    assert added.returncode == 0, added.stderr
    listed = subprocess.run([*run, "docs", "--json"], cwd=ROOT, capture_output=True, text=True,
                            env={**env, "CORROBORATE_CHROMA_URL": url}, timeout=300)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)["documents"]) == len(json.loads(added.stdout)["added"])


def test_a_server_that_is_down_gives_a_message_naming_it():
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match=f"{url}.*chroma run"):
        open_http(url, "test-embedder", DIM)
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "--chroma-url", url, "docs"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert result.returncode == 2
    assert url in result.stderr and "Traceback" not in result.stderr


def test_not_a_url_is_refused_before_anything_happens():
    with pytest.raises(StoreError, match="not a server address"):
        open_http("127.0.0.1:8000", "test-embedder", DIM)


def test_a_server_gone_mid_ingest_is_an_error_and_a_rerun_completes_without_duplicates(
        tmp_path, minilm, monkeypatch):
    monkeypatch.setenv("CORROBORATE_EMBED_GROUP", "16")  # many small writes
    server = ChromaServer(tmp_path / "data").start()
    files = sorted(p for d in ("volcano", "rates") for p in (CORPORA / d).iterdir())
    try:
        def crash_at_fifth(done: int, total: int, path: str) -> None:
            if done == 5:
                server.stop()

        with pytest.raises(StoreError, match=server.url):
            Assistant(chroma_url=server.url, embedder=minilm).ingest(files,
                                                                     progress=crash_at_fifth)
        server.start()
        again = Assistant(chroma_url=server.url, embedder=minilm)
        report = again.ingest(files)
        assert report.ok
        records = again.documents()
        assert len(records) == len(files) == len(report.added) + len(report.unchanged)
        assert again.check() == []
        assert again.store.sentence_count() == sum(r.sentence_count for r in records)
    finally:
        server.stop()
