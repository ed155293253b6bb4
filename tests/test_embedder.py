"""Both Embedder implementations pass the same contract; the real one loads offline."""

from __future__ import annotations

import pytest

from index.embedder import HashingEmbedder
from tests.contracts.embedder_contract import EmbedderContract


class TestHashingEmbedder(EmbedderContract):
    @pytest.fixture
    def embedder(self):
        return HashingEmbedder()


class TestMiniLMEmbedder(EmbedderContract):
    @pytest.fixture
    def embedder(self, minilm):
        return minilm
