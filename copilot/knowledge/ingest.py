"""Bring one tenant's collections in line with a knowledge folder, embedding only what changed.

Every stored document carries its entry's content hash; an entry whose hash is unchanged is not
re-embedded or rewritten, a changed entry replaces all its documents, and entries whose file (or
section) disappeared are deleted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..embeddings import Embedder
from .files import Entry

EMBED_BATCH = 64


class IngestReport(BaseModel):
    """What an ingest changed; ids are knowledge entry ids, files are relative to the folder."""

    model_config = ConfigDict(extra="forbid")

    tenant: str
    directory: str
    skipped: bool = Field(default=False, description="True when the manifest matched and nothing was read.")
    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    files_added: list[str] = Field(default_factory=list)
    files_updated: list[str] = Field(default_factory=list)
    files_removed: list[str] = Field(default_factory=list)
    files_unchanged: list[str] = Field(default_factory=list)
    embedded: int = Field(default=0, description="Documents embedded by this run.")
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class StoredEntry(BaseModel):
    hash: str
    source: str
    doc_ids: list[str]


def stored_entries(metadatas: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, StoredEntry]:
    """Group a collection's (doc id, metadata) pairs by entry id."""
    out: dict[str, StoredEntry] = {}
    for doc_id, meta in metadatas:
        entry_id = str(meta.get("entry_id", doc_id))
        if entry_id in out:
            out[entry_id].doc_ids.append(doc_id)
        else:
            out[entry_id] = StoredEntry(hash=str(meta.get("hash", "")), source=str(meta.get("source", "")), doc_ids=[doc_id])
    return out


def doc_records(entry: Entry, *, tenant: str, hash_: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(doc id, document, metadata) for each vector of an entry."""
    base: dict[str, Any] = {
        "tenant": tenant,
        "kind": entry.kind,
        "language": entry.language,
        "entry_id": entry.id,
        "title": entry.title,
        "text": entry.text,
        "source": entry.source,
        "position": entry.position,
        "hash": hash_,
        **entry.extra,
    }
    return [(doc_id(entry, i), d.text, {**base, "role": d.role}) for i, d in enumerate(entry.documents)]


def doc_id(entry: Entry, position: int) -> str:
    """The stored id of the entry's document at `position`. The language leads the id so a search can
    filter by language from ids alone (no metadata fetch)."""
    return f"{entry.language}/{entry.id}#{position}"


def embed_documents(embedder: Embedder, entries: Sequence[Entry]) -> list[np.ndarray]:
    """One vector per document of each entry, in order; questions as queries, the rest as passages."""
    queries = [d.text for e in entries for d in e.documents if d.as_query]
    passages = [d.text for e in entries for d in e.documents if not d.as_query]
    q_vecs = _embed_batched(embedder.embed_queries, queries, embedder.dim)
    p_vecs = _embed_batched(embedder.embed_passages, passages, embedder.dim)
    out: list[np.ndarray] = []
    qi = pi = 0
    for e in entries:
        for d in e.documents:
            if d.as_query:
                out.append(q_vecs[qi])
                qi += 1
            else:
                out.append(p_vecs[pi])
                pi += 1
    return out


def _embed_batched(fn: Any, texts: list[str], dim: int) -> np.ndarray:
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    return np.concatenate([fn(texts[i : i + EMBED_BATCH]) for i in range(0, len(texts), EMBED_BATCH)])


def file_changes(
    report: IngestReport, entries: Sequence[Entry], old: dict[str, StoredEntry], files: Sequence[str]
) -> None:
    """Fill the report's file lists from its entry lists."""
    old_sources = {s.source for s in old.values()}
    touched: dict[str, bool] = defaultdict(bool)
    by_id = {e.id: e for e in entries}
    for entry_id in [*report.added, *report.updated]:
        touched[by_id[entry_id].source] = True
    for entry_id in report.removed:
        touched[old[entry_id].source] = True
    for f in files:
        if f not in old_sources:
            report.files_added.append(f)
        elif touched[f]:
            report.files_updated.append(f)
        else:
            report.files_unchanged.append(f)
    report.files_removed = sorted(old_sources - set(files))
