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
