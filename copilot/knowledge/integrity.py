"""A damaged knowledge index is found, set aside and rebuilt — loudly — instead of answering `[]`.

Chroma keeps a collection's documents in its SQLite file and its vectors in an HNSW segment folder
beside it. When the folder is deleted or damaged, Chroma 1.5 still counts the documents but a query
returns nothing (or fewer neighbours than asked) and a `get` of vectors fails: the API would answer
every question with `knowledge: []` and look healthy. So:

- at start and at each (ensure_)ingest, `probe` asks each collection for a stored vector's own
  neighbours; a collection that cannot answer is rebuilt from the tenant's files;
- on read, a query that returns fewer neighbours than the collection holds is the same sign
  (`KnowledgeStore.search` checks it against the counts seen here);
- a Chroma folder whose SQLite file cannot be opened at all (a bad copy, a full disk) is moved aside
  (`chroma.corrupt-<time>`) and a fresh one created; tenants are then re-ingested from their files.

Every case writes a WARNING line naming what was found and what was done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prometheus_client import Counter

from ..cache_files import set_aside

log = logging.getLogger("copilot.knowledge")
# On /metrics with the service's own (prometheus_client's default registry): alert on any increase.
# kind: a collection's kind (faq, policy, catalogue), `store` (an unopenable Chroma folder) or
# `entries` (a damaged entry cache file, `entry_cache`).
REPAIRS = Counter("copilot_knowledge_repairs_total", "Knowledge indexes and caches found damaged and rebuilt.",
                  ["kind"])

PROBE_NEIGHBOURS = 10


def probe(col: Any) -> tuple[int, str | None]:
    """(documents held, None) when the collection's index answers for them, else (count, what is wrong)."""
    from chromadb.errors import ChromaError

    n = int(col.count())
    if n == 0:
        return 0, None
    try:
        got = col.get(limit=1, include=["embeddings"])
        if not got["ids"] or got["embeddings"] is None or len(got["embeddings"]) == 0:
            return n, f"{n} documents counted but none can be read"
        want = min(n, PROBE_NEIGHBOURS)
        res = col.query(query_embeddings=[got["embeddings"][0]], n_results=want, include=["distances"])
    except ChromaError as exc:
        if not damage_error(exc):
            raise  # an outage (a 503 through `chroma.unavailable`), not a reason to delete the collection
        return n, f"its vector index cannot be read ({type(exc).__name__}: {exc})"
    ids = res["ids"][0]
    if len(ids) < want or got["ids"][0] not in ids:
        return n, f"its vector index returns {len(ids)} of {want} neighbours for {n} documents"
    return n, None


# What Chroma 1.5 says when a collection's vector files are gone or unreadable (a deleted HNSW
# segment folder: "Error executing plan: Internal error: Error finding id"). Any other error on the
# way (a locked database, a server restarting, a proxy's 5xx) passes: rebuilding would re-embed the
# tenant for nothing, and a second failure mid-rebuild would leave it empty.
DAMAGE_SIGNS = ("error finding id", "hnsw")


def damage_error(exc: Exception) -> bool:
    """Whether a Chroma error says the index's files are damaged (else it is an outage)."""
    return any(sign in str(exc).lower() for sign in DAMAGE_SIGNS)


def short_answer(returned: int, asked: int, held: int | None) -> bool:
    """A query that returned fewer neighbours than it could have: the index lost documents."""
    return held is not None and returned < min(asked, held)


def open_or_quarantine(path: Path, open_client: Callable[[], Any]) -> Any:
    """Open the embedded store at `path`; when its files cannot be opened, move them aside and start empty."""
    from chromadb.api.shared_system_client import SharedSystemClient

    try:
        return open_client()
    except Exception as exc:  # noqa: BLE001  (chromadb raises InternalError, or AttributeError cleaning up)
        if not path.exists():
            raise
        # chromadb keeps one system per path and process: forget the one that failed to start.
        SharedSystemClient._identifier_to_system.pop(str(path), None)
        set_aside(path, exc, "knowledge store")  # then re-ingested from the knowledge files
        REPAIRS.labels("store").inc()
        path.mkdir(parents=True, exist_ok=True)
        return open_client()


class Damaged(Exception):
    """A collection's index answered short; `why` says how."""

    def __init__(self, tenant: str, kind: str, why: str) -> None:
        super().__init__(why)
        self.tenant, self.kind, self.why = tenant, kind, why
