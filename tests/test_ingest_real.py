"""The write path for real: the bundled corpus through the real model into real Chroma."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant import Assistant
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow


def cli(*args, store, check=True):
    env = {**os.environ, "CORROBORATE_STORE": str(store)}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env,
                          capture_output=True, text=True, timeout=600)
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    store = tmp_path_factory.mktemp("store")
    first = cli("ingest", str(SEEDS), "--json", store=store)
    return store, json.loads(first.stdout)


def test_cli_ingest_then_show_gives_exact_offsets_for_every_sentence(seeded):
    store, report = seeded
    assert len(report["added"]) == 5 and not report["skipped"]
    for doc in report["added"]:
        shown = json.loads(cli("show", doc["doc_id"], "--json", store=store).stdout)
        file_text = (SEEDS / shown["source"].rsplit("/", 1)[-1]).read_text(encoding="utf-8")
        assert shown["text"] == file_text
        assert len(shown["sentences"]) == doc["sentences"]
        for sentence in shown["sentences"]:
            assert file_text[sentence["start"]:sentence["end"]] == sentence["text"]


def test_furniture_is_flagged_and_kept_out_of_content(seeded):
    store, _ = seeded
    assistant = Assistant(store=store)
    flagged = {s.text: s.kind for r in assistant.documents()
               for s in assistant.document(r.doc_id).sentences if not s.content}
    for line in ("advertisement", "{mosads}", "Image caption,", "All rights reserved.",
                 "(This article has been edited for length)", "Posted Updated"):
        assert line in flagged, line
    content = [s.text for s in assistant.store.iter_sentences()]
    assert not any(t in flagged for t in content)


def test_second_cli_ingest_changes_nothing(seeded):
    store, report = seeded
    again = json.loads(cli("ingest", str(SEEDS), "--json", store=store).stdout)
    assert len(again["unchanged"]) == 5 and again["sentences_written"] == 0
    assistant = Assistant(store=store)
    assert assistant.store.sentence_count() == sum(d["sentences"] for d in report["added"])
    assert assistant.check() == []


def test_cli_ingest_stores_the_instances_for_the_next_process(seeded):
    store, _ = seeded
    later = Assistant(store=store)  # as the next `corroborate ask` opens it
    assert later.ask("How long was the recording?").citations
    assert later._composer._analyses.analysed == 0  # its instances were read, not built
    events = later._composer.events().events
    assert events and later.prepare() == len(events)


def test_cli_reports_skipped_files_and_exit_status(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("A short report.\n\nThe bridge closed on Monday.\n")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    done = cli("ingest", str(folder), store=tmp_path / "store", check=False)
    assert done.returncode == 1
    assert f"skipped {folder / 'bad.txt'}:" in done.stderr
    assert "added 1" in done.stdout


def test_cli_names_an_unusable_store_directory(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the store should be")
    done = cli("docs", store=blocker, check=False)
    assert done.returncode == 2
    assert str(blocker) in done.stderr and "Traceback" not in done.stderr


def test_the_store_option_works_before_or_after_the_command(tmp_path):
    """`corroborate ingest DIR --store S` and `corroborate --store S ingest DIR` are one command;
    the environment's store is left untouched either way."""
    elsewhere = tmp_path / "env-store"
    after, before = tmp_path / "after", tmp_path / "before"
    cli("ingest", str(SEEDS), "--quiet", "--store", str(after), store=elsewhere)
    cli("--store", str(before), "ingest", str(SEEDS), "--quiet", store=elsewhere)
    listed = [json.loads(cli("docs", "--json", "--store", str(s), store=elsewhere).stdout)
              ["documents"] for s in (after, before)]
    assert listed[0] and len(listed[0]) == len(listed[1])
    assert json.loads(cli("docs", "--json", store=elsewhere).stdout)["documents"] == []
    assert "--store" in cli("ask", "--help", store=elsewhere).stdout


def test_cli_reanalyse_upgrades_an_older_store_once_and_ask_says_when_it_is_needed(tmp_path):
    store = tmp_path / "store"
    cli("ingest", str(SEEDS), "--quiet", store=store)
    assert cli("docs", "--check", store=store).returncode == 0
    older = Assistant(store=store).store  # as an earlier version left it: no analysis named
    ids = [r.doc_id for r in older.documents()]
    older._documents.update(ids=ids, metadatas=[{"analysis": "parses-0/old"}] * len(ids))
    asked = cli("ask", "How long was the recording?", store=store)
    assert "corroborate reanalyse" in asked.stderr
    assert cli("reanalyse", "--quiet", store=store).stdout.strip() == "reanalysed 5 reports"
    assert "up to date" in cli("reanalyse", store=store).stdout
    again = cli("ask", "How long was the recording?", store=store)
    assert "reanalyse" not in again.stderr and again.stdout == asked.stdout
    assert cli("reanalyse", "--all", "--quiet", store=store).stdout.strip() == \
        "reanalysed 5 reports"
    assert cli("docs", "--check", store=store).returncode == 0
