"""Loads that match the work: a question imports only what answering needs.

torch is kept from spaCy's thinc wherever the model is loaded (the fresh ask of every entry
point is checked in ``test_minilm_numpy.py``); HTML extraction and the lexical index import their
libraries when first used; a read-only CLI command skips the collector at exit.
"""

from __future__ import annotations

import gc
import importlib
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import assistant.cli as cli
import assistant.language.pipeline as pipeline_module

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return done.stdout.strip()


def test_a_hidden_package_is_hidden_from_the_hiding_thread_only(tmp_path, monkeypatch):
    package = tmp_path / "corroborate_hidden_probe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "part.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    hidden = pipeline_module._HiddenFromThisThread("corroborate_hidden_probe")
    monkeypatch.setattr(sys, "meta_path", [hidden, *sys.meta_path])
    try:
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module("corroborate_hidden_probe.part")
        elsewhere = {}
        thread = threading.Thread(target=lambda: elsewhere.update(
            module=importlib.import_module("corroborate_hidden_probe.part")))
        thread.start()
        thread.join()
        assert elsewhere["module"].__name__ == "corroborate_hidden_probe.part"
    finally:
        for name in ("corroborate_hidden_probe.part", "corroborate_hidden_probe"):
            sys.modules.pop(name, None)


@pytest.mark.slow
@pytest.mark.parametrize("torch_first, thinc_sees_torch", [(False, False), (True, True)])
def test_thinc_gets_torch_only_when_it_was_already_imported(torch_first, thinc_sees_torch):
    """Loading the model hides torch from thinc; torch stays importable afterwards, and a
    process that imported torch first keeps thinc's usual view of it."""
    code = ("import sys\n" + ("import torch\n" if torch_first else "") +
            "from assistant.language import SpacyPipeline\n"
            "SpacyPipeline().parse('The ash column rose to 8 km.')\n"
            "import thinc.compat\n"
            "loaded = 'torch' in sys.modules\n"
            "import torch\n"
            "print(thinc.compat.has_torch, loaded, torch.tensor([1]).item())\n")
    assert _run(code) == f"{thinc_sees_torch} {torch_first} 1"


def test_the_question_path_imports_neither_html_extraction_nor_bm25_until_used():
    code = ("import sys\n"
            "import assistant.assistant, assistant.cli\n"
            "print(sorted(m for m in ('trafilatura', 'lxml.html', 'bm25s', 'torch', 'spacy')"
            " if m in sys.modules))\n")
    assert _run(code) == "[]"


@pytest.mark.parametrize("command, freezes", [("ask", True), ("docs", True), ("show", True),
                                              ("timeline", True), ("chat", True),
                                              ("ingest", False), ("forget", False)])
def test_only_read_only_commands_skip_the_collector_at_exit(monkeypatch, command, freezes):
    registered = []
    monkeypatch.setattr(cli.atexit, "register", registered.append)
    monkeypatch.setattr(cli.atexit, "unregister",
                        lambda f: registered.remove(f) if f in registered else None)
    monkeypatch.setattr(cli, "_COMMANDS", {name: (lambda args: cli.EXIT_OK)
                                           for name in cli._COMMANDS})
    argv = {"ask": ["ask", "Q"], "show": ["show", "d"], "forget": ["forget", "d"],
            "ingest": ["ingest", "f"]}.get(command, [command])
    for _ in range(2):  # however often main() runs, one handler
        assert cli.main(argv) == cli.EXIT_OK
    assert registered == ([gc.freeze] if freezes else [])
