"""Query vectors of the texts every tenant build embeds again (intent examples, off-domain exemplars),
kept per text in the data dir.

The classifier and off-domain caches are keyed by their whole content: a tenant that extends the
default taxonomy with one intent, a tenant's own `off_domain.yaml`, or a classifier code change
(`CODE_VERSION`) missed them and re-embedded all ~3,000 default texts (~90 % of a cold
`copilot tenant check`). Vectors depend only on the embedder and the text, so this cache serves
every such build: only texts never embedded before are embedded. Only a cache: a damaged file is
set aside and rebuilt, an unwritable one is skipped.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import numpy as np

from .cache_files import set_aside
from .embeddings import Embedder

log = logging.getLogger("copilot")

BATCH = 256  # texts per embedding call
_CHUNK = 500  # keys per SELECT (SQLite's parameter limit is 999 on old builds)


def embed_queries(embedder: Embedder, texts: list[str], cache_dir: Path | None) -> np.ndarray:
    """`embedder.embed_queries(texts)`, reading the vectors of texts embedded before from `cache_dir`."""
    out = np.zeros((len(texts), embedder.dim), np.float32)
    keys = [_key(t) for t in texts]
    known = _read(cache_dir, embedder, keys) if cache_dir is not None else {}
    todo = sorted({k: t for k, t in zip(keys, texts) if k not in known}.items())
    fresh: dict[bytes, np.ndarray] = {}
    for i in range(0, len(todo), BATCH):
        part = todo[i:i + BATCH]
        fresh.update(zip((k for k, _ in part), embedder.embed_queries([t for _, t in part]).astype(np.float32)))
    if fresh and cache_dir is not None:
        _write(cache_dir, embedder, fresh)
    for row, k in enumerate(keys):
        out[row] = known[k] if k in known else fresh[k]
    return out


def unseen(embedder: Embedder, texts: list[str], cache_dir: Path | None) -> int:
    """How many distinct `texts` have no vector in `cache_dir` yet: what a build will embed."""
    keys = list(dict.fromkeys(_key(t) for t in texts))
    return len(keys) - (len(_read(cache_dir, embedder, keys)) if cache_dir is not None else 0)


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()[:16]


def _path(cache_dir: Path, embedder: Embedder) -> Path:
    return Path(cache_dir) / f"query-vectors-{hashlib.sha256(embedder.name.encode()).hexdigest()[:12]}.sqlite3"


@contextmanager
def _db(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(path, timeout=30)) as db:
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB NOT NULL)")
        yield db


def _read(cache_dir: Path, embedder: Embedder, keys: list[bytes]) -> dict[bytes, np.ndarray]:
    path = _path(cache_dir, embedder)
    if not path.is_file():
        return {}
    size = embedder.dim * 4
    found: dict[bytes, np.ndarray] = {}
    try:
        with _db(path) as db:
            unique = list(dict.fromkeys(keys))
            for i in range(0, len(unique), _CHUNK):
                part = unique[i:i + _CHUNK]
                rows = db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(part))})", part)
                found.update((k, np.frombuffer(v, np.float32)) for k, v in rows if len(v) == size)
    except sqlite3.DatabaseError as exc:  # a truncated or foreign file: rebuilt from what is embedded now
        set_aside(path, exc, "query vector cache")
        return {}
    return found


def _write(cache_dir: Path, embedder: Embedder, vectors: dict[bytes, np.ndarray]) -> None:
    path = _path(cache_dir, embedder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _db(path) as db, db:  # one transaction: a concurrent builder waits, never sees half of it
            db.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?)",
                           ((k, np.asarray(v, np.float32).tobytes()) for k, v in vectors.items()))
    except (OSError, sqlite3.DatabaseError) as exc:  # read-only or full disk: only the next build pays again
        log.warning("query vector cache %s not written (%s: %s)", path, type(exc).__name__, exc)
