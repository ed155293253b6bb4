"""Shared fixtures. The real embedding model loads once per test session (it takes seconds)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "evals" / "corpus" / "seeds"
CORPORA = ROOT / "evals" / "corpus"


@pytest.fixture(scope="session")
def minilm():
    from index.embedder import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def seeds(tmp_path_factory):
    """An Assistant over the bundled sample corpus (real Chroma, real model), shared."""
    from assistant import Assistant

    assistant = Assistant(store=tmp_path_factory.mktemp("seeds"))
    assistant.ingest([SEEDS])
    return assistant


@pytest.fixture(scope="session")
def volcano(tmp_path_factory):
    """An Assistant over the invented volcano corpus, shared."""
    from assistant import Assistant

    assistant = Assistant(store=tmp_path_factory.mktemp("volcano"))
    assistant.ingest([CORPORA / "volcano"])
    return assistant
