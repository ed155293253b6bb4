"""The contract every Embedder keeps. Subclass and provide an ``embedder`` fixture."""

from __future__ import annotations

import numpy as np


class EmbedderContract:
    def test_shape_dtype_and_unit_length(self, embedder):
        vectors = embedder.embed(["The ash column rose to 8 km.", "Rates were cut.", ""])
        assert vectors.shape == (3, embedder.dimension)
        assert vectors.dtype == np.float32
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)

    def test_empty_input_gives_empty_matrix(self, embedder):
        assert embedder.embed([]).shape == (0, embedder.dimension)

    def test_deterministic_and_query_matches_batch(self, embedder):
        text = "The bank raised its main rate by a quarter point."
        first = embedder.embed([text, "other"])[0]
        assert np.allclose(first, embedder.embed([text])[0], atol=1e-5)
        assert np.allclose(first, embedder.embed_query(text), atol=1e-5)

    def test_related_texts_are_closer_than_unrelated(self, embedder):
        a, b, c = embedder.embed([
            "The volcano erupted on Sunday, sending ash over the island.",
            "Ash from the volcano's eruption fell over the island on Sunday.",
            "The central bank kept interest rates unchanged.",
        ])
        assert float(a @ b) > float(a @ c)

    def test_any_text_gives_a_finite_unit_vector(self, embedder):
        texts = ["", "   \n\t", "Café naïve — Ωμέγα 東京 🌋", "\u200b\ufeff", "word " * 2000]
        vectors = embedder.embed(texts)
        assert vectors.shape == (len(texts), embedder.dimension)
        assert np.isfinite(vectors).all()
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)

    def test_a_vector_does_not_depend_on_the_rest_of_the_batch(self, embedder):
        text = "Rates were cut."
        alone = embedder.embed([text])[0]
        crowded = embedder.embed(["word " * 500, text, "x", text])
        assert np.allclose(crowded[1], alone, atol=1e-5)
        assert np.allclose(crowded[3], alone, atol=1e-5)
