"""The real embedder, counting the texts it is asked to embed (import as `counting`): caches are
proved by what was not embedded again."""

from __future__ import annotations

import numpy as np

from copilot.embeddings import Embedder


class CountingEmbedder:
    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name, self.dim, self.texts = inner, inner.name, inner.dim, 0

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        self.texts += len(texts)
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.texts += len(texts)
        return self.inner.embed_passages(texts)
