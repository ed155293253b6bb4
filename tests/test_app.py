"""The running Gradio app, driven through ``gradio_client`` over real HTTP.

Each test talks to a real server on a loopback port; what the page shows must be exactly what
the library says for the same question.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from gradio_client import Client, handle_file

from markdown_it import MarkdownIt

from assistant import Assistant
from assistant.web import serve
from tests.conftest import ROOT
from tests.support.servers import free_port
from tests.test_web import visible

pytestmark = pytest.mark.slow

ANSWER = -1  # the answer JSON is the last of /ask's outputs


@pytest.fixture(scope="module")
def app(seeds, tmp_path_factory):
    """The app over the shared sample-corpus assistant (questions only: nothing is added)."""
    demo, url = serve(seeds, host="127.0.0.1", port=free_port(),
                      uploads=tmp_path_factory.mktemp("uploads"), max_bytes=1_000_000)
    yield url
    demo.close()


@pytest.fixture()
def library_app(minilm, tmp_path):
    """An app over its own small store, for adding and removing documents."""
    assistant = Assistant(store=tmp_path / "store", embedder=minilm, max_bytes=4000)
    demo, url = serve(assistant, host="127.0.0.1", port=free_port(),
                      uploads=tmp_path / "uploads", max_bytes=4000)
    yield assistant, Client(url, verbose=False)
    demo.close()


def rendered(markdown: str) -> str:
    """The words a Markdown status line shows on the page."""
    return " ".join(visible(MarkdownIt("commonmark").render(markdown)).split())


def client(url: str) -> Client:
    return Client(url, verbose=False)


@pytest.mark.parametrize("question", [
    "How long was the recording?",       # different events, two positions
    "How much is the bounty on Baghdadi?",
    "What is the capital of Peru?",      # no answer
])
def test_the_page_answers_with_the_librarys_citations(app, seeds, question):
    shown = client(app).predict(question, api_name="/ask")[ANSWER]
    expected = seeds.ask(question).to_dict()
    assert shown["citations"] == expected["citations"]
    assert shown["disagreements"] == expected["disagreements"]
    assert shown["answer"] == expected["answer"]


def test_each_browser_session_resolves_follow_ups_against_its_own_history(app, seeds):
    first, second = client(app), client(app)
    first.predict("How much is the bounty on Baghdadi?", api_name="/ask")
    second.predict("How long was the recording?", api_name="/ask")
    shown = {c: c.predict("Who said that?", api_name="/ask")[ANSWER] for c in (first, second)}
    for c, opener in ((first, "How much is the bounty on Baghdadi?"),
                      (second, "How long was the recording?")):
        chat = seeds.chat()
        chat.ask(opener)
        assert shown[c]["answer"] == chat.ask("Who said that?").text
    assert shown[first]["answer"] != shown[second]["answer"]


def test_new_chat_forgets_the_conversation(app, seeds):
    c = client(app)
    c.predict("How long was the recording?", api_name="/ask")
    messages, *_ = c.predict(api_name="/new_chat")
    assert messages == []
    shown = c.predict("How long was that one?", api_name="/ask")[ANSWER]
    assert shown["answer"] == seeds.chat().ask("How long was that one?").text


def test_markers_in_the_chat_link_to_the_evidence_of_their_own_turn(app):
    messages, _, evidence, *_ = client(app).predict("How long was the recording?",
                                                    api_name="/ask")
    reply = messages[-1]["content"][0]["text"]
    keys = set(re.findall(r'href="#cb-(\d+-\d+)"', reply))
    assert keys and all(f'data-cite="{k}"' in evidence for k in keys)


def test_an_empty_question_gets_a_message_not_an_error(app):
    messages, *_ , answer = client(app).predict("   ", api_name="/ask")
    assert "empty" in messages[-1]["content"][0]["text"] and answer is None


def test_documents_are_added_listed_and_removed_with_messages_for_bad_files(library_app,
                                                                           tmp_path):
    assistant, c = library_app
    good = tmp_path / "bridge.txt"
    good.write_text("Bridge reopens\n\nThe bridge reopened on Monday after repairs. "
                    "The repairs cost 4 million dollars, the council said.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    status, table, pick, *_ = c.predict([handle_file(good), handle_file(empty)],
                                       api_name="/ingest")
    shown = rendered(status)
    assert "Added 1" in shown and "empty.txt was not added: empty file" in shown
    [record] = assistant.documents()
    assert [row[-1] for row in table["data"]] == [record.doc_id]
    assert table["data"][0][3] == record.sentence_count
    status, table, *_ = c.predict(record.doc_id, api_name="/remove")
    assert rendered(status) == f"Removed {record.title}." and assistant.documents() == [] and table["data"] in ([], [[""] * 7])


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(library_app, tmp_path):
    assistant, c = library_app
    big = tmp_path / "big.txt"
    big.write_text("The bridge reopened on Monday. " * 400, encoding="utf-8")  # 12 KB > 4 KB
    with pytest.raises(Exception, match="(?i)size|large"):
        c.predict([handle_file(big)], api_name="/ingest")
    assert assistant.documents() == []


def test_app_refuses_a_bad_port_setting_with_a_message_naming_it(tmp_path):
    result = subprocess.run([sys.executable, "app.py", "--store", str(tmp_path / "s")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"CORROBORATE_PORT": "seventy", "PATH": "/usr/bin:/bin",
                                 "HF_HUB_OFFLINE": "1"})
    assert result.returncode == 2
    assert "CORROBORATE_PORT" in result.stderr and "Traceback" not in result.stderr


def test_app_on_a_busy_port_says_so_and_which_setting_to_change(tmp_path):
    import socket

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.txt").write_text("The bridge reopened on Monday.\n", encoding="utf-8")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "app.py", "--store", str(tmp_path / "s"), "--corpus", str(corpus),
             "--port", str(port)], cwd=ROOT, capture_output=True, text=True, timeout=300,
            env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "HOME": str(tmp_path)})
    assert result.returncode == 2, result.stderr[-2000:]
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_two_files_with_one_name_in_one_upload_keep_the_first_and_say_so(library_app,
                                                                        tmp_path):
    assistant, c = library_app
    paths = []
    for n, words in enumerate(("The ferry sailed at noon.", "The ferry was cancelled.")):
        folder = tmp_path / f"from{n}"
        folder.mkdir()
        paths.append(folder / "ferry.txt")
        paths[-1].write_text(f"Ferry\n\n{words}\n", encoding="utf-8")
    status, *_ = c.predict([handle_file(p) for p in paths], api_name="/ingest")
    assert "ferry.txt was uploaded more than once" in rendered(status)
    [record] = assistant.documents()
    assert "sailed at noon" in assistant.document(record.doc_id).text
