"""Paths people read: a source is shown relative to the folder that was ingested (or as its file
name), never as this machine's absolute path; ``--json`` keeps the absolute path."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace

import pytest

from assistant import Assistant
from assistant.web.chart import timeline_list
from assistant.web.session import WebChat
from index.chroma_store import open_persistent
from index.embedder import HashingEmbedder
from index.memory_store import MemoryStore
from index.store import DocumentRecord, shown_paths
from tests.conftest import SEEDS

BRIDGE = ("Bridge reopens\n\nThe bridge reopened on Monday, the council said. The repairs cost "
          "4 million dollars.\n")
REPAIRS = "Bridge repairs\n\nThe repairs cost 6 million dollars, the council said.\n"
SOLO = "Harbour news\n\nThe harbour opened on Tuesday.\n"


@pytest.fixture
def corpus(tmp_path):
    """``corpus/sub/a.txt``, ``corpus/b.txt`` and a file outside it, ``solo.txt``."""
    (tmp_path / "corpus" / "sub").mkdir(parents=True)
    (tmp_path / "corpus" / "sub" / "a.txt").write_text(BRIDGE, encoding="utf-8")
    (tmp_path / "corpus" / "b.txt").write_text(REPAIRS, encoding="utf-8")
    (tmp_path / "solo.txt").write_text(SOLO, encoding="utf-8")
    return tmp_path


def small() -> Assistant:
    return Assistant(store=MemoryStore(), embedder=HashingEmbedder())


def test_a_record_holds_the_absolute_source_and_the_path_from_the_folder_given(corpus,
                                                                              monkeypatch):
    monkeypatch.chdir(corpus)  # given relative, as a user types it
    assistant = small()
    assert assistant.ingest(["corpus", "solo.txt"]).ok
    records = {r.relative: r for r in assistant.documents()}
    assert set(records) == {"sub/a.txt", "b.txt", "solo.txt"}
    assert records["sub/a.txt"].source == str(corpus / "corpus" / "sub" / "a.txt")
    assert all(os.path.isabs(r.source) for r in records.values())
    assert records["sub/a.txt"].shown_path == "sub/a.txt"


def test_a_record_from_an_older_store_shows_its_file_name(tmp_path):
    store = open_persistent(tmp_path / "store", "hashing", 8)
    old = DocumentRecord("d1", "/data/wire/sub/a.txt", "h", "txt", "A", 1, 1)  # no ``relative``
    store.put_documents([old], ["A."], HashingEmbedder(8).embed(["A."]))
    read = store.document("d1")
    assert read.relative is None and read.shown_path == "a.txt"
    assert shown_paths([read])("/data/wire/sub/a.txt") == "a.txt"
    assert shown_paths([read])("/gone/elsewhere/c.txt") == "c.txt"


def test_an_older_store_with_sources_as_given_is_reingested_as_unchanged(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    assistant = small()
    assistant.ingest(["corpus"])
    # What a store written before sources were made absolute holds: the path as typed.
    for record in assistant.documents():
        old = replace(record, source=os.path.relpath(record.source), relative=None)
        assistant.store.put_documents([old], [assistant.store.document_text(old.doc_id)],
                                      HashingEmbedder().embed(["x"]))
    again = assistant.ingest(["corpus"])
    assert again.ok and len(again.unchanged) == 2 and not again.added + again.replaced


def test_the_web_evidence_panel_and_timeline_show_readable_paths(corpus):
    assistant = small()
    assert assistant.ingest([corpus / "corpus"]).ok
    view = WebChat(assistant).ask("How much did the repairs cost?")
    paths = re.findall(r'<span class="cb-path">(.*?)</span>', view.evidence)
    assert paths and set(paths) <= {"sub/a.txt", "b.txt"} and "sub/a.txt" in paths
    page = view.evidence + view.disagreements + timeline_list(assistant.timeline(), (),
                                                              assistant.shown_paths())
    assert str(corpus) not in page


# --- the CLI, for real: real Chroma store, real model, a subprocess per command ---------------
def cli(*args: str, store) -> str:
    env = {**os.environ, "CORROBORATE_STORE": str(store)}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_cli_text_shows_paths_from_the_folder_and_json_the_absolute_path(tmp_path):
    folder = tmp_path / "wire"
    for path in sorted(SEEDS.iterdir()):
        target = folder / ("sub" if path.name < "003" else "") / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    store = tmp_path / "store"
    cli("ingest", str(folder), "--quiet", store=store)
    question = "How much is the bounty on Baghdadi?"

    text = cli("ask", question, store=store)
    assert re.search(r"\(sub/00[0-2]_\w+\.txt, chars \d+-\d+\)", text), text
    assert str(tmp_path) not in text
    docs = cli("docs", store=store)
    assert "sub/000_" in docs and str(tmp_path) not in docs

    answer = json.loads(cli("ask", question, "--json", store=store))
    sources = [c["source"] for c in answer["citations"]]
    assert sources and all(s.startswith(str(folder) + os.sep) for s in sources)
